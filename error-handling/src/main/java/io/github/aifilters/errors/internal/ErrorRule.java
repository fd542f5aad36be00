package io.github.aifilters.errors.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user rule, checked before any evidence: an exception type (matched on the live class hierarchy, or by name when
 * only a description is at hand) or a class-name regex, mapped to a category and optionally a status.
 *
 * @param type exception type, or null when {@code namePattern} is used
 * @param namePattern regex matched ({@code find}) against fully qualified class names of the exception and its causes
 * @param category built-in or user category, e.g. {@code payment_declined}
 * @param status the HTTP status to answer, or null for the category's status
 */
public record ErrorRule(Class<? extends Throwable> type, Pattern namePattern, String category, Integer status) {

    public ErrorRule {
        Objects.requireNonNull(category, "category");
        if ((type == null) == (namePattern == null)) {
            throw new IllegalArgumentException("an error rule needs exactly one of type or namePattern");
        }
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("an error rule's status must be 4xx or 5xx, got " + status);
        }
    }

    public static ErrorRule ofType(Class<? extends Throwable> type, String category, Integer status) {
        return new ErrorRule(type, null, category, status);
    }

    public static ErrorRule ofName(String regex, String category, Integer status) {
        return new ErrorRule(null, Pattern.compile(regex), category, status);
    }

    /**
     * Parses {@code regex=category} or {@code regex=category:status} (the init-param form).
     *
     * @throws IllegalArgumentException with the offending text when malformed
     */
    public static ErrorRule parse(String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("error rule must look like 'regex=category[:status]', got '" + spec + "'");
        }
        String regex = spec.substring(0, eq).trim();
        String target = spec.substring(eq + 1).trim();
        Integer status = null;
        int colon = target.indexOf(':');
        if (colon >= 0) {
            try {
                status = Integer.parseInt(target.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("error rule status must be a number in '" + spec + "'");
            }
            target = target.substring(0, colon).trim();
        }
        return ofName(regex, target, status);
    }

    /** Whether the rule matches a class name (used for every class of the chain and, when live, its ancestors). */
    boolean matchesName(String className) {
        if (type != null) {
            return type.getName().equals(className);
        }
        return namePattern.matcher(className).find();
    }

    boolean matchesLive(Throwable t) {
        return type != null && type.isInstance(t);
    }
}
