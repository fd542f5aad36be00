package io.github.aifilters.core.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers for the features that build prompts (each feature owns its own prompt and reply parser). A feature redacts
 * every piece of request data before capping it ({@link #cap}), so a secret is never cut into an unrecognisable half.
 * Schemas follow the subset accepted by OpenAI's strict structured outputs (every property required, no additional
 * properties), which other providers accept as well.
 */
public final class Prompts {

    /** Severities an answer may name (errors, alerts). */
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private Prompts() {
    }

    /** {@code s} cut to {@code max} characters (with an ellipsis); "" for null. */
    public static String cap(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** A strict JSON Schema object with the given properties, all required. */
    public static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        // Sorted, so equal prompts have equal schemas (the cache key includes the schema).
        schema.put("properties", new TreeMap<>(properties));
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
