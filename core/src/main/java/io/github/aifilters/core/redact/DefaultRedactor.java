package io.github.aifilters.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.aifilters.core.config.InitParams;
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
 * <h2>Value patterns</h2>
 * Masked wherever they occur in text: JWTs; {@code Bearer}/{@code Basic}/{@code token} followed by a secret-looking
 * value (it must contain a digit or mixed case, so "the token expired" stays readable); API-key shapes
 * ({@code sk-…}, {@code sk_live_…}, Google {@code AIza…}, GitHub {@code ghp_…}, GitLab {@code glpat-…}, Slack
 * {@code xox?-…}; the body must contain a digit or a 16+ character run without separators, so
 * {@code pk_order_customer_id} stays); AWS access key ids
 * ({@code AKIA…}/{@code ASIA…}); PEM private keys; {@code password=…}/{@code secret: …} pairs; card numbers of 13–19
 * digits that start like a card brand (2–6) <em>and</em> pass Luhn, so order numbers, phone numbers and
 * millisecond timestamps stay.
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
            "bearertoken", "csrf", "xsrf", "credential", "clientsecret");

    /** Short words masked when they occur as a whole word of the name ({@code user_pin}, {@code otpCode}). */
    public static final Set<String> DEFAULT_FIELD_WORDS = Set.of(
            "token", "pin", "pwd", "otp", "totp", "cvv", "cvv2", "cvc", "cvc2", "ssn", "jwt", "iban", "bearer",
            "cookie", "cookies");

    /** Normalised names that are sensitive only as the whole name (too common inside other names). */
    public static final Set<String> DEFAULT_FIELD_NAMES = Set.of(
            "pan", "auth", "key", "session", "sid", "signature", "salt", "nonce", "hash");

    /** Normalised names never masked although they contain a fragment or word (LLM usage figures, titles). */
    public static final Set<String> HARMLESS_FIELD_NAMES = Set.of(
            "secretary", "secretariat", "tokens", "maxtokens", "totaltokens", "inputtokens", "outputtokens",
            "prompttokens", "completiontokens", "tokencount", "tokenusage", "tokenlimit", "tokentype", "tokenizer",
            "maxcompletiontokens", "cookieconsent", "cookiepolicy", "cookiesaccepted", "cookieconsentgiven",
            "passwordpolicy", "passwordrules", "passwordexpired", "passwordstrength", "passwordminlength");

    /** Words that make a following "token" a count or a kind, not a secret: {@code token_count}, {@code tokenType}. */
    private static final Set<String> NOT_SECRET_AFTER_TOKEN = Set.of(
            "count", "counts", "usage", "limit", "limits", "type", "budget", "estimate", "length", "index", "izer",
            "ized", "cost", "price");

    /**
     * A credential keyword and the value after it; the value is masked only when it looks like a credential
     * ({@link #secretish}). The value is matched possessively and checked in code: a regex look-ahead for "has a
     * digit or mixed case" would backtrack quadratically on a long run of letters.
     */
    private static final Pattern BEARER = Pattern.compile(
            "(?i)\\b(bearer|basic|token)(\\s+|\\s*[:=]\\s*)([A-Za-z0-9._~+/=-]{8,}+)");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
    /** {@code sk-…}, {@code sk_live_…}, {@code pk_test_…}: masked only when the body has a digit (see code). */
    private static final Pattern PREFIXED_KEY = Pattern.compile("\\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{16,}+");
    private static final Pattern API_KEY = Pattern.compile(
            "\\bAIza[0-9A-Za-z_-]{30,}|\\bgh[pousr]_[A-Za-z0-9]{30,}|\\bglpat-[A-Za-z0-9_-]{20,}"
                    + "|\\bxox[abprs]-[A-Za-z0-9-]{10,}");
    private static final Pattern AWS_KEY = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|passphrase|secret|client[_-]?secret|api[_-]?key|access[_-]?key"
                    + "|secret[_-]?key)(\\s*[=:]\\s*)[^\\s&,;\"'<>]+");
    /**
     * {@code token=…}, {@code key=…}, {@code access_token=…} (as in query strings and log messages, the original
     * design's "key=…, token=…"): with {@code =} only, so prose such as "token: expired" stays readable.
     */
    private static final Pattern TOKEN_ASSIGNMENT = Pattern.compile(
            "(?i)\\b((?:access|refresh|auth|id|session|bearer|csrf|xsrf)?[_-]?token|key|auth|sig|signature)"
                    + "(\\s*=\\s*)[^\\s&,;\"'<>]+");
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\d.-])(?:\\d[ -]?){12,18}\\d(?![\\d])");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+");

    private final Set<String> headers;
    private final Set<String> cookies;
    private final Set<String> fieldFragments;
    private final Set<String> fieldWords;
    private final Set<String> fieldNames;
    private final List<Pattern> extraPatterns;

    private DefaultRedactor(Builder b) {
        this.headers = Set.copyOf(b.headers);
        this.cookies = Set.copyOf(b.cookies);
        this.fieldFragments = Set.copyOf(b.fieldFragments);
        this.fieldWords = Set.copyOf(b.fieldWords);
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
        String n = name.trim().toLowerCase(Locale.ROOT);
        return headers.contains(n) || cookies.contains(n);
    }

    /** Whether a cookie of this name carries a secret (cookie denylist, or a sensitive field name). */
    public boolean isSensitiveCookie(String name) {
        return name != null && (cookies.contains(name.trim().toLowerCase(Locale.ROOT)) || isSensitiveField(name));
    }

    @Override
    public boolean isSensitiveField(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        // JSON bodies repeat the same few field names request after request: the decision is remembered in a
        // bounded map (short names only, at most MAX_CACHED_FIELDS; past that it is computed every time).
        Boolean cached = fieldDecisions.get(name);
        if (cached != null) {
            return cached;
        }
        boolean sensitive = decideField(name);
        if (name.length() <= MAX_CACHED_FIELD_LENGTH && fieldDecisions.size() < MAX_CACHED_FIELDS) {
            fieldDecisions.putIfAbsent(name, sensitive);
        }
        return sensitive;
    }

    private static final int MAX_CACHED_FIELDS = 2048;
    private static final int MAX_CACHED_FIELD_LENGTH = 64;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> fieldDecisions =
            new java.util.concurrent.ConcurrentHashMap<>();

    private boolean decideField(String name) {
        String n = normalise(name);
        if (HARMLESS_FIELD_NAMES.contains(n)) {
            return false;
        }
        if (fieldNames.contains(n)) {
            return true;
        }
        for (String fragment : fieldFragments) {
            if (n.contains(fragment)) {
                return true;
            }
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
            return false;
        }
        List<String> words = words(name);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!fieldWords.contains(w)) {
                continue;
            }
            if (w.equals("token") && i + 1 < words.size() && NOT_SECRET_AFTER_TOKEN.contains(words.get(i + 1))) {
                continue;
            }
            return true;
        }
        return false;
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
        // One pass over the text decides whether any pattern could match at all: most log lines hold no secret,
        // and then the line is returned as is, without running a regex or allocating anything.
        if (extraPatterns.isEmpty() && !mayHoldSecret(text)) {
            return text;
        }
        // Each pattern runs only when a cheap substring test on the current text says it could match.
        String s = text;
        if (s.contains("PRIVATE KEY")) {
            s = PRIVATE_KEY.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (s.contains("eyJ")) {
            s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (containsIgnoreCase(s, "bearer") || containsIgnoreCase(s, "basic") || containsIgnoreCase(s, "token")) {
            s = BEARER.matcher(s).replaceAll(r -> secretish(r.group(3))
                    ? Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK) : Matcher.quoteReplacement(r.group()));
        }
        if (s.contains("k-") || s.contains("k_")) {
            s = PREFIXED_KEY.matcher(s).replaceAll(r -> Matcher.quoteReplacement(keyLike(r.group()) ? MASK : r.group()));
        }
        if (mayHoldApiKey(s)) {
            s = API_KEY.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if (s.contains("AKIA") || s.contains("ASIA")) {
            s = AWS_KEY.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        if ((s.indexOf('=') >= 0 || s.indexOf(':') >= 0) && mayHoldKeyValueWord(s)) {
            s = KEY_VALUE.matcher(s).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        }
        if (s.indexOf('=') >= 0 && mayHoldAssignmentWord(s)) {
            s = TOKEN_ASSIGNMENT.matcher(s).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        }
        s = maskCards(s);
        for (Pattern p : extraPatterns) {
            s = p.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        return s;
    }

    /**
     * Whether any built-in pattern could match: a necessary condition for each (its fixed fragment, its keyword, or
     * a run of 13+ digits for a card number), checked in one pass without allocating. False means the text is clean.
     */
    static boolean mayHoldSecret(String s) {
        int n = s.length();
        boolean assign = false;
        boolean colon = false;
        boolean kvWord = false;
        boolean assignWord = false;
        int run = 0;
        boolean lastWasDigit = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                lastWasDigit = true;
                if (run >= 13) {
                    return true; // a card-number candidate: maskCards decides
                }
                continue;
            }
            if ((c == ' ' || c == '-') && lastWasDigit) {
                lastWasDigit = false; // one separator may sit between two digits of a card number
            } else {
                run = 0;
                lastWasDigit = false;
            }
            switch (c) {
                case '=' -> assign = true;
                case ':' -> colon = true;
                case '-' -> {
                    if (s.startsWith("-----BEGIN", i) || i > 0 && s.charAt(i - 1) == 'k') {
                        return true; // PEM block, sk-/pk-/rk- key
                    }
                }
                case '_' -> {
                    if (i > 0 && s.charAt(i - 1) == 'k' || i >= 3 && s.charAt(i - 3) == 'g' && s.charAt(i - 2) == 'h'
                            && "pousr".indexOf(s.charAt(i - 1)) >= 0) {
                        return true; // sk_…/pk_… key, GitHub gh?_ token
                    }
                }
                case 'e' -> {
                    if (s.startsWith("eyJ", i)) {
                        return true; // JWT
                    }
                }
                case 'A' -> {
                    if (s.startsWith("AIza", i) || s.startsWith("AKIA", i) || s.startsWith("ASIA", i)) {
                        return true;
                    }
                }
                case 'g' -> {
                    if (s.startsWith("glpat-", i)) {
                        return true;
                    }
                }
                case 'x' -> {
                    if (s.startsWith("xox", i)) {
                        return true;
                    }
                }
                case 'P' -> {
                    if (s.startsWith("PRIVATE KEY", i)) {
                        return true;
                    }
                }
                default -> {
                }
            }
            // Case-insensitive keywords (the patterns use ASCII (?i)): a credential word makes BEARER possible
            // outright; the key=value words only matter with a separator, checked after the loop.
            switch (c | 0x20) {
                case 'b' -> {
                    if (s.regionMatches(true, i, "bearer", 0, 6) || s.regionMatches(true, i, "basic", 0, 5)) {
                        return true;
                    }
                }
                case 't' -> {
                    if (s.regionMatches(true, i, "token", 0, 5)) {
                        return true;
                    }
                }
                case 'p' -> kvWord |= s.regionMatches(true, i, "pass", 0, 4) || s.regionMatches(true, i, "pwd", 0, 3);
                case 's' -> {
                    kvWord |= s.regionMatches(true, i, "secret", 0, 6);
                    assignWord |= s.regionMatches(true, i, "sig", 0, 3);
                }
                case 'k' -> {
                    if (s.regionMatches(true, i, "key", 0, 3)) {
                        kvWord = true;
                        assignWord = true;
                    }
                }
                case 'a' -> assignWord |= s.regionMatches(true, i, "auth", 0, 4);
                default -> {
                }
            }
        }
        return kvWord && (assign || colon) || assignWord && assign;
    }

    /** Necessary for {@link #API_KEY}: one of its fixed prefixes occurs. */
    private static boolean mayHoldApiKey(String s) {
        if (s.contains("AIza") || s.contains("glpat-") || s.contains("xox")) {
            return true;
        }
        for (int i = s.indexOf("gh"); i >= 0 && i + 3 < s.length(); i = s.indexOf("gh", i + 1)) {
            if ("pousr".indexOf(s.charAt(i + 2)) >= 0 && s.charAt(i + 3) == '_') {
                return true;
            }
        }
        return false;
    }

    /** Necessary for {@link #KEY_VALUE}: each of its keywords contains pass, pwd, secret or key. */
    private static boolean mayHoldKeyValueWord(String s) {
        return containsIgnoreCase(s, "pass") || containsIgnoreCase(s, "pwd") || containsIgnoreCase(s, "secret")
                || containsIgnoreCase(s, "key");
    }

    /** Necessary for {@link #TOKEN_ASSIGNMENT}: each of its keywords contains token, key, auth or sig. */
    private static boolean mayHoldAssignmentWord(String s) {
        return containsIgnoreCase(s, "token") || containsIgnoreCase(s, "key") || containsIgnoreCase(s, "auth")
                || containsIgnoreCase(s, "sig");
    }

    /**
     * A prefixed key ({@code sk-…}) rather than a snake-case identifier ({@code pk_order_customer_id}): it has a
     * digit, or a run of 16+ letters and digits with no separator, which no identifier made of words has.
     */
    static boolean keyLike(String v) {
        if (hasDigit(v)) {
            return true;
        }
        int run = 0;
        for (int i = 3; i < v.length(); i++) {
            char c = v.charAt(i);
            run = c == '-' || c == '_' ? 0 : run + 1;
            if (run >= 16) {
                return true;
            }
        }
        return false;
    }

    /** Looks like a credential rather than a word: has a digit, or both lower and upper case letters. */
    static boolean secretish(String v) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        return lower && upper;
    }

    private static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isDigit(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String s, String word) {
        int n = word.length();
        for (int i = 0, last = s.length() - n; i <= last; i++) {
            if (s.regionMatches(true, i, word, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static String maskCards(String s) {
        int digitCount = 0;
        for (int i = 0; i < s.length() && digitCount < 13; i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                digitCount++;
            }
        }
        if (digitCount < 13) {
            return s;
        }
        Matcher m = CARD_CANDIDATE.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (looksLikeCard(digits)) {
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
