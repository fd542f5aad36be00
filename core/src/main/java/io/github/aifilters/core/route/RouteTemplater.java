package io.github.aifilters.core.route;

import java.util.regex.Pattern;

/**
 * Turns concrete request paths into route templates by replacing id-like segments with {@code {id}}:
 * {@code /users/17/orders/9f1c...} becomes {@code /users/{id}/orders/{id}}. Used alike by route suggestion (learned
 * routes), metric tags (bounded {@code uri} values) and error fingerprints (no ids in a fingerprint).
 *
 * <p>Id-like: all digits; a UUID; hex of 16+ characters; a Stripe-style prefixed id ({@code cus_Nffrj3c...}); a long
 * token mixing letters and digits (24+ characters); an e-mail address. Anything else is kept as a static segment.
 */
public final class RouteTemplater {

    /** The placeholder put in place of an id-like segment. */
    public static final String ID = "{id}";

    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Pattern PREFIXED_ID = Pattern.compile("[a-z]{2,8}(_[a-z]{2,8})?_[A-Za-z0-9]{8,}");
    private static final Pattern MIXED_TOKEN = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\\-]{24,}");
    private static final Pattern EMAIL = Pattern.compile("[^@/\\s]+@[^@/\\s]+\\.[^@/\\s]+");

    /** Whether one path segment looks like an identifier rather than a fixed name. */
    public boolean isIdLike(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        return NUMBER.matcher(segment).matches()
                || UUID.matcher(segment).matches()
                || HEX.matcher(segment).matches() && containsDigit(segment)
                || PREFIXED_ID.matcher(segment).matches() && containsDigit(segment)
                || MIXED_TOKEN.matcher(segment).matches()
                || EMAIL.matcher(segment).matches();
    }

    /** The template of a path: id-like segments replaced by {@value #ID}; query string and matrix params dropped. */
    public String template(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int cut = indexOfAny(path, '?', ';', '#');
        String clean = cut >= 0 ? path.substring(0, cut) : path;
        StringBuilder out = new StringBuilder(clean.length());
        int start = 0;
        while (start <= clean.length()) {
            int slash = clean.indexOf('/', start);
            int end = slash < 0 ? clean.length() : slash;
            String segment = clean.substring(start, end);
            out.append(isIdLike(segment) ? ID : segment);
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static boolean containsDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfAny(String s, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
