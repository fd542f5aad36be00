package io.github.aifilters.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.internal.LenientJson;
import io.github.aifilters.core.redact.Redactor;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Helpers for the features' {@link ReplyParser}s. A model is untrusted input: every value is checked against what the
 * operation allows, every text is length-capped, stripped of control characters and redacted again (a model may echo
 * or invent secrets).
 */
public final class ReplyParsers {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\n]]");

    private ReplyParsers() {
    }

    /** The reply's JSON object, wherever the model put it. */
    public static Optional<ObjectNode> object(LlmReply reply) {
        return reply == null ? Optional.empty() : LenientJson.extractObject(reply.text());
    }

    /** A number in [0,1] (a numeric string is accepted too). */
    public static Optional<Double> unit(JsonNode n) {
        if (n == null || !(n.isNumber() || n.isTextual())) {
            return Optional.empty();
        }
        double d;
        try {
            d = n.isNumber() ? n.doubleValue() : Double.parseDouble(n.textValue().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return d >= 0 && d <= 1 ? Optional.of(d) : Optional.empty();
    }

    /** Trimmed, control characters (but newlines) removed, redacted, capped; null when blank. */
    public static String clean(String s, int max, Redactor redactor) {
        if (s == null) {
            return null;
        }
        String t = CONTROL.matcher(s).replaceAll(" ").trim();
        if (t.isEmpty()) {
            return null;
        }
        t = redactor.redactText(t);
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
