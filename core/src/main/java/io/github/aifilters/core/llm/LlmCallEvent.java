package io.github.aifilters.core.llm;

import java.time.Duration;

/**
 * One gateway call, as told to {@link LlmCallListener}s. Carries no prompt or answer text, so listeners cannot leak it.
 *
 * @param operation {@code intent}, {@code correction}, {@code error} or {@code alert}
 * @param engine the engine's name, e.g. {@code openai}
 * @param model the model that answered, or null when no reply came back
 * @param endpoint the endpoint that answered, or null when no reply came back
 * @param inputTokens prompt tokens (0 when unknown or on a cache hit)
 * @param outputTokens completion tokens (0 when unknown or on a cache hit)
 * @param costUsd estimated cost in US dollars from the {@link PriceTable} (0 when unknown or on a cache hit)
 * @param outcome how the call ended
 * @param latency time the caller waited
 */
public record LlmCallEvent(String operation, String engine, String model, String endpoint, long inputTokens,
                           long outputTokens, double costUsd, LlmOutcome outcome, Duration latency) {
}
