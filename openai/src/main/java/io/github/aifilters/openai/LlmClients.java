package io.github.aifilters.openai;

import io.github.aifilters.core.llm.LlmCallListener;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.openai.internal.LlmGateway;
import io.github.aifilters.openai.internal.OpenAiLlmEngine;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds this module's clients in code (an app that manages its own secrets, tests): the OpenAI-compatible engine and
 * the gateway that bounds every call to an engine (deadline, circuit breaker, bulkhead, rate limiter, cache, metrics,
 * cost). Without code, the {@code aifilters.llm.*} settings give the same client through core's
 * {@code LlmClientProvider} lookup.
 *
 * <pre>{@code
 * LlmClient llm = LlmClients.gateway(LlmClients.openAi(OpenAiEngineConfig.of(
 *         EndpointConfig.of("local", "http://localhost:11434/v1", "ollama", "llama3.2"))),
 *         LlmGatewayConfig.builder().deadline(Duration.ofMillis(1500)).build(), meterRegistry);
 * servletContext.setAttribute(AiFilterContext.LLM, llm);
 * }</pre>
 */
public final class LlmClients {

    private LlmClients() {
    }

    /**
     * The engine for OpenAI-compatible endpoints (failover between them, per-key daily quotas, structured output with
     * a fallback), without any guard: wrap it with {@link #gateway}. Its clients are built (and, when configured,
     * warmed up) in the background; close it when done, or close the gateway that wraps it.
     */
    public static LlmEngine openAi(OpenAiEngineConfig config) {
        return new OpenAiLlmEngine(config);
    }

    /**
     * The client the filters call: every call to {@code engine} under the guards of {@code config}, measured in
     * {@code registry} ({@code aifilters.llm.*}). Closing it closes the engine.
     */
    public static LlmClient gateway(LlmEngine engine, LlmGatewayConfig config, MeterRegistry registry) {
        return new LlmGateway(engine, config, registry);
    }

    /** As {@link #gateway(LlmEngine, LlmGatewayConfig, MeterRegistry)}, telling {@code listener} every call. */
    public static LlmClient gateway(LlmEngine engine, LlmGatewayConfig config, MeterRegistry registry,
                                    LlmCallListener listener) {
        return new LlmGateway(engine, config, registry, listener);
    }
}
