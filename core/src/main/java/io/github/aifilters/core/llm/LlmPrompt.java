package io.github.aifilters.core.llm;

import java.util.Map;

/**
 * One redacted prompt.
 *
 * @param operation {@code intent}, {@code correction}, {@code error} or {@code alert}: picks the model and the metrics tag
 * @param system the system message
 * @param user the user message (redacted)
 * @param schemaName name of the expected JSON object's schema, or null for free text
 * @param jsonSchema JSON Schema (as a map) of the expected answer, or null; used for {@code response_format}
 * @param maxOutputTokens cap on the answer's length
 */
public record LlmPrompt(String operation, String system, String user, String schemaName,
                        Map<String, Object> jsonSchema, int maxOutputTokens) {
}
