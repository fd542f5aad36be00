package io.github.aifilters.core.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Masks the value of every {@code name=value} / {@code name: value} pair in free text whose name is a sensitive
 * field name — the same decision {@link DefaultRedactor#isSensitiveField} makes for JSON and form fields, so
 * {@code DB_PASSWORD=…}, {@code spring.datasource.password=…}, {@code "clientSecret": "…"}, {@code x_api_key=…} and
 * {@code X-Db-Password: …} are all caught while {@code token_count=12} or {@code password_policy=strict} stay.
 *
 * <p>Names are found from the separators backwards rather than by a regex over the whole text: a regex that has to
 * find a keyword somewhere inside an identifier of any length backtracks quadratically on long identifier-like runs,
 * while this walk is linear. Before a name is cut out of the text (an allocation) it must contain one of the stems of
 * the sensitive-name lists, compared the way names are normalised (case and {@code _ - .} ignored), so a line of
 * ordinary {@code items=14 total=312} pairs allocates nothing.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li>Separators: {@code =}, {@code :}, {@code =>} and {@code :=}; not {@code ==}, {@code !=}, {@code <=},
 *       {@code >=}, {@code ::} or {@code ://}.</li>
 *   <li>The name is the run of letters, digits and {@code _ - .} before the separator (optionally quoted, also
 *       {@code \"name\"} inside serialised JSON); of a dotted name only the last segment counts, so
 *       {@code spring.datasource.password} is a password while {@code TokenService.java:42} is a file and line.</li>
 *   <li>The value is a quoted string (to its closing quote on the same line) or a bare run up to white space or one
 *       of {@code & , ; " ' < > ] }}. An authentication scheme ({@code Bearer}, {@code Basic}, …) is kept and the
 *       credential after it masked. {@code true}, {@code false} and {@code null} are flags, not secrets.</li>
 *   <li>With {@code =} or a quoted value the value is always masked. With {@code :} and a bare value (prose,
 *       YAML, log messages) a name sensitive only by a short word ({@code token}, {@code key}, {@code auth}, …)
 *       needs a credential-looking value (a digit or mixed case), so "token: expired" stays readable; a name
 *       holding a long fragment ({@code password}, {@code secret}, {@code apikey}, …) is masked whatever follows.</li>
 * </ul>
 */
final class Assignments {

    /** How sensitive a field name is; decides how much evidence the value needs. */
    enum Sensitivity {
        /** Not a secret's name. */
        NONE,
        /** Sensitive by a short word or as a whole name ({@code token}, {@code key}, {@code auth}, {@code pin}). */
        WORD,
        /** Sensitive by a long, unambiguous fragment ({@code password}, {@code secret}, {@code apikey}). */
        FRAGMENT
    }

    private static final Set<String> FLAGS = Set.of("true", "false", "null");
    private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "digest", "token", "negotiate",
            "ntlm", "apikey", "key");
    private static final int LONGEST_SCHEME = AUTH_SCHEMES.stream().mapToInt(String::length).max().orElse(0);

    /** Normalised stems by first letter: a name that contains none of them cannot be sensitive. */
    private final String[][] stemsByFirstChar;

    /** @param stems every fragment, word and whole name the field-name decision knows, normalised */
    Assignments(Collection<String> stems) {
        List<List<String>> byChar = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byChar.add(new ArrayList<>());
        }
        List<String> unindexed = new ArrayList<>();
        for (String stem : stems) {
            String st = stem.toLowerCase(Locale.ROOT);
            if (st.isEmpty()) {
                continue;
            }
            if (st.charAt(0) < 128) {
                byChar.get(st.charAt(0)).add(st);
            } else {
                unindexed.add(st);
            }
        }
        this.stemsByFirstChar = new String[129][];
        for (int c = 0; c < 128; c++) {
            stemsByFirstChar[c] = byChar.get(c).toArray(String[]::new);
        }
        stemsByFirstChar[128] = unindexed.toArray(String[]::new);
    }

    /** {@code text} with the value of every sensitive pair replaced by {@code mask}; the same instance if none. */
    String mask(String text, Function<String, Sensitivity> names, String mask) {
        StringBuilder out = null;
        int last = 0;
        int rejectedUntil = 0;
        int n = text.length();
        // The next '=' and ':' are found with String.indexOf (vectorised) and each is searched for again only once
        // passed, so the walk stays linear whatever the mix of separators.
        int nextEq = indexOrEnd(text, '=', 0);
        int nextColon = indexOrEnd(text, ':', 0);
        while (Math.min(nextEq, nextColon) < n) {
            int i = Math.min(nextEq, nextColon);
            if (i == nextEq) {
                nextEq = indexOrEnd(text, '=', i + 1);
            } else {
                nextColon = indexOrEnd(text, ':', i + 1);
            }
            char sep = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            char prev = i > 0 ? text.charAt(i - 1) : 0;
            if (sep == '=' && (next == '=' || prev == '!' || prev == '<' || prev == '>' || prev == '=')
                    || sep == ':' && (next == ':' || prev == ':' || next == '/' && i + 2 < n && text.charAt(i + 2) == '/')) {
                continue;
            }
            int afterSep = i + 1 + (sep == '=' && next == '>' || sep == ':' && next == '=' ? 1 : 0);

            // The name: back over spaces and a closing quote, then over name characters.
            int j = skipSpacesBack(text, i);
            boolean quotedName = false;
            if (j > 0 && (text.charAt(j - 1) == '"' || text.charAt(j - 1) == '\'')) {
                quotedName = true;
                j--;
                if (j > 0 && text.charAt(j - 1) == '\\') {
                    j--;
                }
            }
            int nameEnd = j;
            while (j > 0 && isNameChar(text.charAt(j - 1))) {
                j--;
            }
            int nameStart = nameEnd;
            while (nameStart > j && text.charAt(nameStart - 1) != '.') {
                nameStart--;
            }
            if (nameStart >= nameEnd || last > nameStart || !mayBeSensitive(text, nameStart, nameEnd)) {
                continue;
            }
            Sensitivity level = names.apply(text.substring(nameStart, nameEnd));
            if (level == Sensitivity.NONE) {
                continue;
            }

            int valueStart = skipSpaces(text, afterSep);
            boolean needsCredentialLook = sep == ':' && !quotedName && level == Sensitivity.WORD;
            // A bare value found not to look like a credential is not looked at again from a ':' inside it: that
            // value is a suffix of the same run, no more credential-like, and scanning it again would make the walk
            // quadratic. A suffix short enough to be an authentication scheme is still looked at.
            if (needsCredentialLook && valueStart < rejectedUntil && rejectedUntil - valueStart > LONGEST_SCHEME) {
                continue;
            }
            int[] value = value(text, valueStart);
            if (value == null || text.startsWith(mask, value[0])) {
                continue;
            }
            boolean quotedValue = value[2] != 0;
            String v = text.substring(value[0], value[1]);
            if (!quotedValue) {
                if (v.length() <= 5 && FLAGS.contains(v.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (AUTH_SCHEMES.contains(v.toLowerCase(Locale.ROOT)) && value[1] < n && text.charAt(value[1]) == ' ') {
                    value = value(text, skipSpaces(text, value[1]));
                    if (value == null || text.startsWith(mask, value[0])) {
                        continue;
                    }
                    v = text.substring(value[0], value[1]);
                }
                if (needsCredentialLook && !SecretShapes.secretish(v)) {
                    rejectedUntil = value[1];
                    continue;
                }
            }
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(text, last, value[0]).append(mask);
            last = value[1];
            // Separators inside the masked value are part of the value.
            nextEq = Math.max(nextEq, indexOrEnd(text, '=', last));
            nextColon = Math.max(nextColon, indexOrEnd(text, ':', last));
        }
        return out == null ? text : out.append(text, last, n).toString();
    }

    private static int indexOrEnd(String s, char c, int from) {
        int at = s.indexOf(c, from);
        return at < 0 ? s.length() : at;
    }

    /**
     * The value starting at {@code start}: {start, end, quoted ? 1 : 0} of its secret part (inside the quotes), or
     * null when there is none (end of text, line break, empty).
     */
    private static int[] value(String s, int start) {
        int n = s.length();
        if (start >= n) {
            return null;
        }
        char c = s.charAt(start);
        if (c == '"' || c == '\'') {
            int close = closingQuote(s, start + 1, c);
            return close > start + 1 ? new int[] {start + 1, close, 1} : null;
        }
        if (c == '\\' && start + 1 < n && s.charAt(start + 1) == '"') {
            int close = s.indexOf("\\\"", start + 2);
            return close > start + 2 && !hasLineBreak(s, start + 2, close) ? new int[] {start + 2, close, 1} : null;
        }
        int end = start;
        while (end < n && !endsBareValue(s.charAt(end))) {
            end++;
        }
        return end > start ? new int[] {start, end, 0} : null;
    }

    private static int closingQuote(String s, int from, char quote) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean hasLineBreak(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean endsBareValue(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '<'
                || c == '>' || c == ']' || c == '}';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.';
    }

    private static int skipSpacesBack(String s, int end) {
        int j = end;
        while (j > 0 && (s.charAt(j - 1) == ' ' || s.charAt(j - 1) == '\t')) {
            j--;
        }
        return j;
    }

    private static int skipSpaces(String s, int from) {
        int j = from;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    /** Whether {@code s[from, to)} contains a stem, ignoring case and the separators normalisation drops. */
    private boolean mayBeSensitive(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            for (String stem : c < 128 ? stemsByFirstChar[c] : stemsByFirstChar[128]) {
                if (matchesIgnoringSeparators(s, i, to, stem)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesIgnoringSeparators(String s, int at, int to, String stem) {
        int k = 0;
        for (int i = at; i < to && k < stem.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' || c == '-' || c == '.') {
                continue;
            }
            if (Character.toLowerCase(c) != stem.charAt(k)) {
                return false;
            }
            k++;
        }
        return k == stem.length();
    }
}
