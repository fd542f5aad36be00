package io.github.aifilters.core.internal;

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

    /** Whether one path segment looks like an identifier rather than a fixed name. */
    public boolean isIdLike(String segment) {
        return isIdLike(segment, 0, segment.length());
    }

    /**
     * The same test on {@code s[from, to)}, hand-written rather than a regex per shape: this runs for every segment
     * of every request (metric tags, fingerprints, route learning), so it must not allocate or backtrack. Each branch
     * states the shape it accepts, exactly as the regex it replaced: {@code [0-9]+}; a UUID
     * {@code 8-4-4-4-12} hex; {@code [0-9a-fA-F]{16,}} with a digit; {@code [a-z]{2,8}(_[a-z]{2,8})?_[A-Za-z0-9]{8,}}
     * with a digit; {@code [A-Za-z0-9_-]{24,}} with a digit and a letter; {@code [^@/\s]+@[^@/\s]+\.[^@/\s]+}.
     */
    static boolean isIdLike(String s, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return false;
        }
        boolean allDigits = true;
        boolean allHex = true;
        boolean allToken = true; // [A-Za-z0-9_-]
        boolean digit = false;
        boolean letter = false;
        int at = -1;
        int ats = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean d = c >= '0' && c <= '9';
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            digit |= d;
            letter |= lower || upper;
            allDigits &= d;
            allHex &= d || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            allToken &= d || lower || upper || c == '_' || c == '-';
            if (c == '@') {
                ats++;
                at = i;
            }
        }
        if (allDigits) {
            return true;
        }
        if (len == 36 && isUuid(s, from)) {
            return true;
        }
        if (allHex && len >= 16 && digit) {
            return true;
        }
        if (allToken && digit && isPrefixedId(s, from, to)) {
            return true;
        }
        if (allToken && len >= 24 && digit && letter) {
            return true;
        }
        return ats == 1 && isEmail(s, from, to, at);
    }

    private static boolean isUuid(String s, int from) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z]{2,8}(_[a-z]{2,8})?_[A-Za-z0-9]{8,}}: the tail holds no underscore, so the parts split on it. */
    private static boolean isPrefixedId(String s, int from, int to) {
        int u1 = s.indexOf('_', from);
        if (u1 < 0 || u1 >= to || !lowerRun(s, from, u1)) {
            return false;
        }
        int u2 = s.indexOf('_', u1 + 1);
        int tail = u1 + 1;
        if (u2 >= 0 && u2 < to) {
            if (!lowerRun(s, u1 + 1, u2)) {
                return false;
            }
            tail = u2 + 1;
        }
        if (to - tail < 8) {
            return false;
        }
        for (int i = tail; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerRun(String s, int from, int to) {
        int n = to - from;
        if (n < 2 || n > 8) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** One {@code @}, no slash or whitespace, a local part, and a dot inside the domain with text either side. */
    private static boolean isEmail(String s, int from, int to, int at) {
        if (at == from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        for (int i = at + 2; i < to - 1; i++) {
            if (s.charAt(i) == '.') {
                return true;
            }
        }
        return false;
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
            if (isIdLike(clean, start, end)) {
                out.append(ID);
            } else {
                out.append(clean, start, end);
            }
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
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
