package io.github.aifilters.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.redact.Assignments.Sensitivity;
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
 * The default {@link Redactor}: denylists of header names, cookie names, field names and value patterns, each
 * extensible through the {@link Builder} or init-params ({@link #fromParams}).
 *
 * <h2>Field names</h2>
 * A field name is normalised (lower case, {@code _ - . } and spaces dropped), so {@code api_key}, {@code apiKey} and
 * {@code API-KEY} are one name. It is sensitive when
 * <ol>
 *   <li>its normalised form contains a long, unambiguous fragment ({@link #DEFAULT_FIELD_FRAGMENTS}:
 *       {@code password}, {@code secret}, {@code apikey}, {@code creditcard}, …), or</li>
 *   <li>one of its words (split at separators and camelCase) is a short sensitive word
 *       ({@link #DEFAULT_FIELD_WORDS}: {@code token}, {@code pin}, {@code cvv}, {@code otp}, …) — whole words only,
 *       so {@code shipping} never matches {@code pin}, and {@code maxTokens} or {@code token_count} (LLM usage
 *       figures) are not secrets, or</li>
 *   <li>its normalised form is one of {@link #DEFAULT_FIELD_NAMES} ({@code auth}, {@code session}, {@code key}, …:
 *       sensitive only as the whole name).</li>
 * </ol>
 * and it is not one of the known harmless names ({@link #HARMLESS_FIELD_NAMES}, e.g. {@code secretary}).
 *
 * <h2>Free text</h2>
 * {@link #redactText} masks, wherever they occur:
 * <ul>
 *   <li>the secret shapes of {@code SecretShapes}: provider tokens with a fixed prefix (AWS, GitHub, GitLab, Slack,
 *       Stripe, Google, OpenAI, Anthropic, Twilio, SendGrid, npm, PyPI, …), JWTs, PEM private keys, the password of
 *       a URL ({@code postgres://u:[REDACTED]@host}) and {@code Bearer}/{@code Basic}/{@code token} values that look
 *       like a credential;</li>
 *   <li>the value of every {@code name=value} / {@code name: value} / {@code "name": "value"} pair whose name is a
 *       sensitive field name by the rules above ({@code DB_PASSWORD=…}, {@code x_api_key=…}; see
 *       {@code Assignments});</li>
 *   <li>card numbers of 13–19 digits (grouped by spaces, dashes or, in fours, dots) that start like a card brand
 *       (2–6) <em>and</em> pass Luhn, so order numbers, phone numbers and millisecond timestamps stay.</li>
 * </ul>
 * The corpus under {@code core/src/test/resources/redaction/} (secrets that must go, look-alikes that must stay) is
 * the specification of these rules.
 *
 * <h2>Header names</h2>
 * A header is masked whole when it is in the header or cookie denylist, when its name is a sensitive field name
 * ({@code X-Db-Password}, {@code X-Tenant-Api-Key}), or when one of its words is {@code key}, {@code auth},
 * {@code session}, {@code sid} or {@code cookie} ({@code X-Auth-User}); {@code WWW-Authenticate}, a challenge, is
 * kept. Any other header value goes through {@link #redactText}, so credentials inside it are masked too.
 *
 * <h2>Configuration keys</h2>
 * As filter init-params or ({@code aifilters.}-prefixed) context-params, see {@link #fromParams}:
 * {@value #HEADERS}, {@value #COOKIES}, {@value #FIELDS}, {@value #FIELD_NAMES}, {@value #PATTERNS}. They add to
 * the defaults; nothing removes a default.
 */
public final class DefaultRedactor implements Redactor {

    /** Config key: extra header names masked whole, comma-separated. */
    public static final String HEADERS = "redact.headers";
    /** Config key: extra cookie names whose values are masked, comma-separated. */
    public static final String COOKIES = "redact.cookies";
    /** Config key: extra field-name fragments (a field whose normalised name contains one is masked). */
    public static final String FIELDS = "redact.fields";
    /** Config key: extra field names masked only as the whole (normalised) name. */
    public static final String FIELD_NAMES = "redact.fieldNames";
    /** Config key: extra value patterns, Java regular expressions, one per line (commas may occur in a regex). */
    public static final String PATTERNS = "redact.patterns";

    /** Headers masked whole by default. */
    public static final Set<String> DEFAULT_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
            "x-csrf-token", "x-xsrf-token", "csrf-token", "x-csrftoken", "x-access-token", "x-refresh-token",
            "x-amz-security-token", "proxy-authenticate", "x-goog-api-key", "openai-api-key", "x-session-id",
            "x-session-token");

    /** Cookies whose values are masked by default (cookies named like a sensitive field are masked too). */
    public static final Set<String> DEFAULT_COOKIES = Set.of(
            "jsessionid", "session", "sessionid", "sid", "connect.sid", "phpsessid", "asp.net_sessionid",
            "remember-me", "remember_me", "xsrf-token", "csrftoken", "_csrf", "auth", "access_token",
            "refresh_token", "id_token");

    /** Normalised field-name fragments: a field whose normalised name contains one is masked. */
    public static final Set<String> DEFAULT_FIELD_FRAGMENTS = Set.of(
            "password", "passwd", "passphrase", "passcode", "secret", "apikey", "accesskey", "privatekey",
            "secretkey", "signingkey", "creditcard", "cardnumber", "cardno", "cardcvc", "securitycode",
            "authorization", "sessionid", "sessiontoken", "accesstoken", "refreshtoken", "idtoken", "authtoken",
            "bearertoken", "csrf", "xsrf", "credential", "clientsecret", "accountkey", "encryptionkey", "decryptionkey", "masterkey", "hmackey", "sharedkey",
            "licensekey", "connectionstring");

    /** Short words masked when they occur as a whole word of the name ({@code user_pin}, {@code otpCode}). */
    public static final Set<String> DEFAULT_FIELD_WORDS = Set.of(
            "token", "pin", "pwd", "otp", "totp", "cvv", "cvv2", "cvc", "cvc2", "ssn", "jwt", "iban", "bearer",
            "cookie", "cookies");

    /** Normalised names that are sensitive only as the whole name (too common inside other names). */
    public static final Set<String> DEFAULT_FIELD_NAMES = Set.of(
            "pan", "auth", "key", "session", "sid", "sig", "signature", "salt", "nonce", "hash");

    /** Normalised names never masked although they contain a fragment or word (LLM usage figures, titles). */
    public static final Set<String> HARMLESS_FIELD_NAMES = Set.of(
            "secretary", "secretariat", "tokens", "maxtokens", "totaltokens", "inputtokens", "outputtokens",
            "prompttokens", "completiontokens", "tokencount", "tokenusage", "tokenlimit", "tokentype", "tokenizer",
            "maxcompletiontokens", "cookieconsent", "cookiepolicy", "cookiesaccepted", "cookieconsentgiven",
            "passwordpolicy", "passwordrules", "passwordexpired", "passwordstrength", "passwordminlength");

    /**
     * Words that make a header name secret besides the sensitive field names: {@code X-Idempotency-Key},
     * {@code X-Auth-User}, {@code X-Upstream-Session}, {@code X-Authentication}.
     */
    private static final Set<String> HEADER_WORDS = Set.of("key", "auth", "authn", "authz", "session", "sid",
            "cookie", "cookies");

    /** Headers named like a secret that carry none: the authentication challenge names a scheme and realm only. */
    private static final Set<String> NOT_SECRET_HEADERS = Set.of("www-authenticate");

    /**
     * Words that make a preceding short sensitive word a count, a kind or a setting, not a secret:
     * {@code token_count}, {@code tokenType}, {@code pin_length}, {@code otp_expiry}.
     */
    private static final Set<String> NOT_SECRET_AFTER_WORD = Set.of(
            "count", "counts", "usage", "limit", "limits", "type", "budget", "estimate", "length", "index", "izer",
            "ized", "cost", "price", "expires", "expiry", "ttl", "lifetime", "url", "uri", "endpoint");

    /** 13–19 digits, single spaces, dashes or dots between them (4111 1111 …, 4111-1111-…, 4111.1111.…). */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\d.-])(?:\\d[ .-]?){12,18}\\d(?![\\d])");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+");

    private final Set<String> headers;
    private final Set<String> cookies;
    private final Set<String> fieldFragments;
    private final Set<String> fieldWords;
    private final Set<String> fieldNames;
    private final List<Pattern> extraPatterns;
    private final Assignments assignments;
    private final java.util.function.Function<String, Sensitivity> sensitivity = this::fieldSensitivity;
    private final NameDecisions<Sensitivity> fieldDecisions = new NameDecisions<>(this::decideField);
    private final NameDecisions<Boolean> headerDecisions = new NameDecisions<>(this::decideHeader);

    private DefaultRedactor(Builder b) {
        this.headers = Set.copyOf(b.headers);
        this.cookies = Set.copyOf(b.cookies);
        this.fieldFragments = Set.copyOf(b.fieldFragments);
        this.fieldWords = Set.copyOf(b.fieldWords);
        this.fieldNames = Set.copyOf(b.fieldNames);
        this.extraPatterns = List.copyOf(b.patterns);
        Set<String> stems = new LinkedHashSet<>(fieldFragments);
        stems.addAll(fieldWords);
        stems.addAll(fieldNames);
        this.assignments = new Assignments(stems);
    }

    /** The default denylists, no additions. */
    public static DefaultRedactor defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults plus the additions under {@code prefix + key} for each config key ({@value #HEADERS},
     * {@value #COOKIES}, {@value #FIELDS}, {@value #FIELD_NAMES}, {@value #PATTERNS}); prefix is {@code ""} for
     * filter init-params and {@code "aifilters."} for context-params.
     *
     * @throws IllegalArgumentException for a pattern that is not a valid regular expression
     */
    public static DefaultRedactor fromParams(InitParams params, String prefix) {
        Builder b = builder()
                .addHeaders(params.list(prefix + HEADERS))
                .addCookies(params.list(prefix + COOKIES))
                .addFields(params.list(prefix + FIELDS))
                .addFieldNames(params.list(prefix + FIELD_NAMES));
        List<String> patterns = new ArrayList<>();
        params.string(prefix + PATTERNS).ifPresent(v -> v.lines().map(String::trim).filter(l -> !l.isEmpty())
                .forEach(patterns::add));
        try {
            b.addPatterns(patterns);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + prefix + PATTERNS + "' holds an invalid regular expression: "
                    + e.getDescription(), e);
        }
        return b.build();
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

    /** {@code "userPIN_code"} to {@code [user, pin, code]}. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>(4);
        for (String w : CAMEL.split(name)) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    @Override
    public boolean isSensitiveHeader(String name) {
        if (name == null) {
            return false;
        }
        return headerDecisions.get(name);
    }

    private boolean decideHeader(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (headers.contains(n) || cookies.contains(n)) {
            return true;
        }
        if (NOT_SECRET_HEADERS.contains(n)) {
            return false;
        }
        // Custom headers (X-Db-Password, X-Tenant-Api-Key, X-Upstream-Session) are named like the secret they carry.
        if (isSensitiveField(n)) {
            return true;
        }
        for (String word : n.split("[-_]")) {
            if (HEADER_WORDS.contains(word) || word.startsWith("authentic")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a cookie of this name carries a secret (cookie denylist, or a sensitive field name). */
    public boolean isSensitiveCookie(String name) {
        return name != null && (cookies.contains(name.trim().toLowerCase(Locale.ROOT)) || isSensitiveField(name));
    }

    @Override
    public boolean isSensitiveField(String name) {
        return fieldSensitivity(name) != Sensitivity.NONE;
    }

    /**
     * How sensitive a field name is: by a long fragment ({@code password}), by a short word or as the whole name
     * ({@code token}, {@code key}), or not at all. Free text needs more evidence for the second kind (see
     * {@code Assignments}).
     */
    Sensitivity fieldSensitivity(String name) {
        if (name == null || name.isEmpty()) {
            return Sensitivity.NONE;
        }
        return fieldDecisions.get(name);
    }

    private Sensitivity decideField(String name) {
        String n = normalise(name);
        if (HARMLESS_FIELD_NAMES.contains(n)) {
            return Sensitivity.NONE;
        }
        for (String fragment : fieldFragments) {
            if (n.contains(fragment)) {
                return Sensitivity.FRAGMENT;
            }
        }
        if (fieldNames.contains(n)) {
            return Sensitivity.WORD;
        }
        // Splitting into words takes a regex; a word of the name is also a substring of its normalised form, so
        // most names (no sensitive word inside at all) skip the split.
        boolean anyWord = false;
        for (String w : fieldWords) {
            if (n.contains(w)) {
                anyWord = true;
                break;
            }
        }
        if (!anyWord) {
            return Sensitivity.NONE;
        }
        List<String> words = words(name);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!fieldWords.contains(w)) {
                continue;
            }
            if (i + 1 < words.size() && NOT_SECRET_AFTER_WORD.contains(words.get(i + 1))) {
                continue;
            }
            return Sensitivity.WORD;
        }
        return Sensitivity.NONE;
    }

    @Override
    public String redactHeader(String name, String value) {
        if (value == null) {
            return null;
        }
        if ("cookie".equalsIgnoreCase(name)) {
            return redactCookieHeader(value);
        }
        if ("set-cookie".equalsIgnoreCase(name)) {
            return redactSetCookie(value);
        }
        return isSensitiveHeader(name) ? MASK : redactText(value);
    }

    @Override
    public String redactCookieHeader(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        String[] parts = value.split(";");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            String cookie = parts[i];
            int eq = cookie.indexOf('=');
            if (eq < 0) {
                out.append(redactText(cookie));
                continue;
            }
            String name = cookie.substring(0, eq);
            out.append(name).append('=')
                    .append(isSensitiveCookie(name) ? MASK : redactText(cookie.substring(eq + 1)));
        }
        return out.toString();
    }

    /**
     * A {@code Set-Cookie} value: the cookie's value is always masked (a server sets cookies to identify sessions),
     * its name and attributes ({@code Path}, {@code HttpOnly}, …) are kept.
     */
    public String redactSetCookie(String value) {
        if (value == null) {
            return null;
        }
        int eq = value.indexOf('=');
        if (eq < 0) {
            return MASK;
        }
        int semi = value.indexOf(';', eq);
        return value.substring(0, eq + 1) + MASK + (semi < 0 ? "" : value.substring(semi));
    }

    @Override
    public Map<String, List<String>> redactHeaders(Map<String, List<String>> in) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((name, values) -> {
            List<String> redacted = new ArrayList<>(values.size());
            for (String v : values) {
                redacted.add(redactHeader(name, v));
            }
            out.put(name, java.util.Collections.unmodifiableList(redacted));
        });
        return out;
    }

    @Override
    public String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Each step has a cheap, allocation-free test first (anchors of the shapes, a separator after a name holding
        // a sensitive stem, 13+ digits), so a line without secrets is returned as is.
        String s = text;
        long shapes = SecretShapes.scan(s);
        if (shapes != 0) {
            s = SecretShapes.apply(s, shapes, MASK);
        }
        s = assignments.mask(s, sensitivity, MASK);
        s = maskCards(s);
        for (Pattern p : extraPatterns) {
            s = p.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        return s;
    }

    private static String maskCards(String s) {
        if (!hasCardLengthRun(s)) {
            return s;
        }
        Matcher m = CARD_CANDIDATE.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String candidate = m.group();
            if (looksLikeCard(candidate.replaceAll("[ .-]", "")) && groupedLikeACard(candidate)) {
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

    /**
     * Necessary for {@link #CARD_CANDIDATE}, without a regex: 13 digits in a row, single spaces, dashes or dots
     * allowed between two of them. Most lines with numbers have short ones only.
     */
    private static boolean hasCardLengthRun(String s) {
        int run = 0;
        boolean afterDigit = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= 13) {
                    return true;
                }
                afterDigit = true;
            } else if (afterDigit && (c == ' ' || c == '-' || c == '.')) {
                afterDigit = false;
            } else {
                run = 0;
                afterDigit = false;
            }
        }
        return false;
    }

    /**
     * Dots between digits are also decimal points and version numbers, so a dotted candidate counts only in the
     * printed grouping of four ({@code 4111.1111.1111.1111}); spaces and dashes may group any way.
     */
    private static boolean groupedLikeACard(String candidate) {
        if (candidate.indexOf('.') < 0) {
            return true;
        }
        String[] groups = candidate.split("\\.", -1);
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean digitsOnly = g.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digitsOnly || (i < groups.length - 1 ? g.length() != 4 : g.isEmpty() || g.length() > 4)) {
                return false;
            }
        }
        return true;
    }

    /** 13–19 digits, a card brand's leading digit (2–6), and a valid Luhn check digit. */
    static boolean looksLikeCard(String digits) {
        int len = digits.length();
        if (len < 13 || len > 19) {
            return false;
        }
        char first = digits.charAt(0);
        if (first < '2' || first > '6') {
            return false; // 1…: timestamps in ms; 7–9, 0: no card brand issues these
        }
        if (first == '2') {
            int p4 = Integer.parseInt(digits.substring(0, 4));
            if (p4 < 2221 || p4 > 2720) {
                return false; // only Mastercard's 2-series
            }
        }
        return luhn(digits);
    }

    /** Luhn check, so order numbers and timestamps are not mistaken for card numbers. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean alt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
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
        if (node.isIntegralNumber() && looksLikeCard(node.asText())) {
            return TextNode.valueOf(MASK);
        }
        return node;
    }

    /** Builder: starts from the defaults; every {@code add*} extends a denylist (nothing removes a default). */
    public static final class Builder {
        private final Set<String> headers = new LinkedHashSet<>(DEFAULT_HEADERS);
        private final Set<String> cookies = new LinkedHashSet<>(DEFAULT_COOKIES);
        private final Set<String> fieldFragments = new LinkedHashSet<>(DEFAULT_FIELD_FRAGMENTS);
        private final Set<String> fieldWords = new LinkedHashSet<>(DEFAULT_FIELD_WORDS);
        private final Set<String> fieldNames = new LinkedHashSet<>(DEFAULT_FIELD_NAMES);
        private final List<Pattern> patterns = new ArrayList<>();

        private Builder() {
        }

        /** Header names masked whole (case-insensitive). */
        public Builder addHeaders(Collection<String> names) {
            names.forEach(n -> headers.add(n.trim().toLowerCase(Locale.ROOT)));
            return this;
        }

        /** Cookie names whose values are masked (case-insensitive). */
        public Builder addCookies(Collection<String> names) {
            names.forEach(n -> cookies.add(n.trim().toLowerCase(Locale.ROOT)));
            return this;
        }

        /** Field-name fragments (normalised): a field is masked when its normalised name contains one of them. */
        public Builder addFields(Collection<String> names) {
            names.forEach(n -> fieldFragments.add(normalise(n)));
            return this;
        }

        /** Field names (normalised) masked only when the whole name matches, for short names like {@code tan}. */
        public Builder addFieldNames(Collection<String> names) {
            names.forEach(n -> fieldNames.add(normalise(n)));
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
