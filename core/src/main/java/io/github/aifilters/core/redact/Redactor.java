package io.github.aifilters.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Removes secrets before anything is logged, returned to a client or sent to an LLM. Implementations are immutable
 * and thread-safe. See {@link DefaultRedactor} for the default denylists.
 */
public interface Redactor {

    /** What replaces a redacted value. */
    String MASK = "[REDACTED]";

    /** Whether a header (or cookie) of this name is secret as a whole. */
    boolean isSensitiveHeader(String name);

    /** Whether a JSON field or form field of this name holds a secret (case- and separator-insensitive). */
    boolean isSensitiveField(String name);

    /**
     * The header value, or {@link #MASK} for a sensitive header; otherwise value patterns are masked. A
     * {@code Cookie} or {@code Set-Cookie} value is redacted per cookie (see {@link #redactCookieHeader}).
     */
    String redactHeader(String name, String value);

    /** Redacted copy of a header map (multi-valued); cookies in a Cookie header are masked per cookie. */
    Map<String, List<String>> redactHeaders(Map<String, List<String>> headers);

    /**
     * Free text with every secret-shaped value masked: provider tokens and API keys, JWTs, private keys, bearer and
     * basic credentials, the password of a URL, the value after a sensitive name ({@code DB_PASSWORD=…},
     * {@code "clientSecret": "…"}) and card numbers.
     */
    String redactText(String text);

    /** Deep copy of a JSON tree with sensitive fields masked and secret-shaped string values masked. */
    JsonNode redactJson(JsonNode node);

    /**
     * A {@code Cookie} request header ({@code a=1; b=2}) with the value of every sensitive cookie masked and every
     * other value pattern-checked; names and order are kept, so a log still shows which cookies came.
     */
    default String redactCookieHeader(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        String[] cookies = value.split(";");
        for (int i = 0; i < cookies.length; i++) {
            String cookie = cookies[i];
            int eq = cookie.indexOf('=');
            if (i > 0) {
                out.append(';');
            }
            if (eq < 0) {
                out.append(redactText(cookie));
                continue;
            }
            String name = cookie.substring(0, eq);
            String v = cookie.substring(eq + 1);
            String trimmed = name.trim();
            out.append(name).append('=').append(isSensitiveHeader(trimmed) || isSensitiveField(trimmed)
                    ? MASK : redactText(v));
        }
        return out.toString();
    }

    /**
     * An {@code application/x-www-form-urlencoded} body or a query string ({@code a=1&password=x}): the value of
     * every sensitive field is replaced by {@link #MASK}, other values are pattern-checked (and re-encoded only when
     * something was masked); names, order and untouched values stay byte for byte.
     */
    default String redactForm(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return encoded;
        }
        StringBuilder out = new StringBuilder(encoded.length());
        String[] pairs = encoded.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (i > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.append(pair);
                continue;
            }
            String rawName = pair.substring(0, eq);
            String rawValue = pair.substring(eq + 1);
            String name;
            String value;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
                value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                name = rawName;
                value = rawValue;
            }
            out.append(rawName).append('=');
            if (isSensitiveField(name)) {
                out.append(MASK);
            } else {
                String redacted = redactText(value);
                out.append(redacted.equals(value) ? rawValue
                        : java.net.URLEncoder.encode(redacted, StandardCharsets.UTF_8)
                                .replace("%5BREDACTED%5D", MASK));
            }
        }
        return out.toString();
    }
}
