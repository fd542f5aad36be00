package io.github.aifilters.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default {@link Redactor}: denylists of header names, field names and value patterns, each extensible.
 *
 * <p>Field names are compared after lower-casing and dropping {@code _}, {@code -}, {@code .} and spaces, so
 * {@code api_key}, {@code apiKey} and {@code API-KEY} are one name. A field matches when its normalised name equals a
 * denylisted name or contains one of the denylisted fragments ({@code password}, {@code secret}, {@code token}, …).
 */
public final class DefaultRedactor implements Redactor {

    /** Headers masked whole by default. */
    public static final Set<String> DEFAULT_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
            "x-csrf-token", "x-xsrf-token", "csrf-token", "x-access-token", "x-amz-security-token",
            "proxy-authenticate", "x-goog-api-key", "openai-api-key");

    /** Normalised field-name fragments: a field whose normalised name contains one is masked. */
    public static final Set<String> DEFAULT_FIELD_FRAGMENTS = Set.of(
            "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey",
            "creditcard", "cardnumber", "cvv", "cvc", "authorization", "cookie", "sessionid", "csrf", "xsrf",
            "credential");

    /** Normalised names that are sensitive only as a whole (too short to be fragments). */
    public static final Set<String> DEFAULT_FIELD_NAMES = Set.of(
            "pan", "pwd", "auth", "key", "jwt", "bearer", "pin", "otp", "ssn", "iban", "session");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
    private static final Pattern API_KEY = Pattern.compile(
            "\\b(sk|pk|rk)[-_](live|test|proj|ant|or)?[-_]?[A-Za-z0-9_-]{16,}|\\bsk-[A-Za-z0-9_-]{16,}"
                    + "|\\bAIza[0-9A-Za-z_-]{30,}|\\bgh[pousr]_[A-Za-z0-9]{30,}|\\bxox[abprs]-[A-Za-z0-9-]{10,}");
    private static final Pattern AWS_KEY = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|key)\\s*([=:])\\s*[^\\s&,;\"']+");
    private static final Pattern CARD_CANDIDATE = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

    private final Set<String> headers;
    private final Set<String> fieldFragments;
    private final Set<String> fieldNames;
    private final List<Pattern> extraPatterns;

    private DefaultRedactor(Builder b) {
        this.headers = Set.copyOf(b.headers);
        this.fieldFragments = Set.copyOf(b.fieldFragments);
        this.fieldNames = Set.copyOf(b.fieldNames);
        this.extraPatterns = List.copyOf(b.patterns);
    }

    /** The default denylists, no additions. */
    public static DefaultRedactor defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    static String normalise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean isSensitiveHeader(String name) {
        return name != null && headers.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean isSensitiveField(String name) {
        if (name == null) {
            return false;
        }
        String n = normalise(name);
        if (fieldNames.contains(n)) {
            return true;
        }
        for (String fragment : fieldFragments) {
            if (n.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String redactHeader(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSensitiveHeader(name) ? MASK : redactText(value);
    }

    @Override
    public Map<String, List<String>> redactHeaders(Map<String, List<String>> in) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((name, values) -> {
            List<String> redacted = new ArrayList<>(values.size());
            for (String v : values) {
                redacted.add(redactHeader(name, v));
            }
            out.put(name, List.copyOf(redacted));
        });
        return out;
    }

    @Override
    public String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = JWT.matcher(text).replaceAll(MASK);
        s = BEARER.matcher(s).replaceAll("$1 " + MASK);
        s = API_KEY.matcher(s).replaceAll(MASK);
        s = AWS_KEY.matcher(s).replaceAll(MASK);
        s = KEY_VALUE.matcher(s).replaceAll("$1$2" + MASK);
        s = maskCards(s);
        for (Pattern p : extraPatterns) {
            s = p.matcher(s).replaceAll(MASK);
        }
        return s;
    }

    private static String maskCards(String s) {
        Matcher m = CARD_CANDIDATE.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, last, m.start()).append(MASK);
                last = m.end();
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, last, s.length()).toString();
    }

    /** Luhn check, so order numbers and timestamps are not mistaken for card numbers. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean alt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (alt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            alt = !alt;
        }
        return sum % 10 == 0;
    }

    @Override
    public JsonNode redactJson(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                copy.set(e.getKey(), isSensitiveField(e.getKey()) && !e.getValue().isNull()
                        ? TextNode.valueOf(MASK) : redactJson(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> copy.add(redactJson(child)));
            return copy;
        }
        if (node.isTextual()) {
            String redacted = redactText(node.textValue());
            return redacted.equals(node.textValue()) ? node : TextNode.valueOf(redacted);
        }
        if (node.isNumber() && node.isIntegralNumber()) {
            String digits = node.asText();
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                return TextNode.valueOf(MASK);
            }
        }
        return node;
    }

    /** Builder: starts from the defaults; every {@code add*} extends a denylist. */
    public static final class Builder {
        private final Set<String> headers = new LinkedHashSet<>(DEFAULT_HEADERS);
        private final Set<String> fieldFragments = new LinkedHashSet<>(DEFAULT_FIELD_FRAGMENTS);
        private final Set<String> fieldNames = new LinkedHashSet<>(DEFAULT_FIELD_NAMES);
        private final List<Pattern> patterns = new ArrayList<>();

        public Builder addHeaders(Collection<String> names) {
            names.forEach(n -> headers.add(n.toLowerCase(Locale.ROOT)));
            return this;
        }

        /** Field names (normalised): masked when the name contains one of them. */
        public Builder addFields(Collection<String> names) {
            names.forEach(n -> fieldFragments.add(normalise(n)));
            return this;
        }

        /** Extra value patterns (Java regex): every match is masked. */
        public Builder addPatterns(Collection<String> regexes) {
            regexes.forEach(r -> patterns.add(Pattern.compile(r)));
            return this;
        }

        public DefaultRedactor build() {
            return new DefaultRedactor(this);
        }
    }
}
