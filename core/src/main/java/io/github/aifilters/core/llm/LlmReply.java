package io.github.aifilters.core.llm;

/**
 * @param text the model's answer (for JSON answers: the JSON text, extracted from prose or fences)
 * @param model the model that answered
 * @param endpoint the endpoint's name (for failover diagnostics)
 * @param inputTokens prompt tokens reported by the provider (0 when unknown)
 * @param outputTokens completion tokens reported by the provider (0 when unknown)
 */
public record LlmReply(String text, String model, String endpoint, long inputTokens, long outputTokens) {
}
