package io.github.aifilters.core.redact;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** The header value, or {@link #MASK} for a sensitive header; otherwise value patterns are masked. */
    String redactHeader(String name, String value);

    /** Redacted copy of a header map (multi-valued); cookies in a Cookie header are masked per cookie. */
    Map<String, List<String>> redactHeaders(Map<String, List<String>> headers);

    /** Free text with every secret-shaped value (bearer tokens, JWTs, API keys, AWS keys, card numbers) masked. */
    String redactText(String text);

    /** Deep copy of a JSON tree with sensitive fields masked and secret-shaped string values masked. */
    JsonNode redactJson(JsonNode node);
}
