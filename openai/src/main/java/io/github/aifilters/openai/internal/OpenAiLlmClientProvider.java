package io.github.aifilters.openai.internal;

import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmClientProvider;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.aifilters.openai.OpenAiEngineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Offers core an {@link LlmClient} (found through {@link java.util.ServiceLoader}): an {@link LlmGateway} over an
 * {@link OpenAiLlmEngine}, when a base URL and a key are configured — in the flat settings ({@code aifilters.llm.*}
 * context-params), else in system properties {@code aifilters.llm.*}, else in environment variables
 * {@code AI_FILTERS_LLM_BASE_URL}, {@code AI_FILTERS_LLM_API_KEY}, {@code AI_FILTERS_LLM_MODEL} …. Gateway settings
 * (deadline, breaker, cache, prices …) come from the same settings. Without a configuration: empty, and the filters
 * use their embedded answers only.
 */
public final class OpenAiLlmClientProvider implements LlmClientProvider {

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> sysprops;

    /** Used by {@link java.util.ServiceLoader}: the real environment and system properties. */
    public OpenAiLlmClientProvider() {
        this(System::getenv, System::getProperty);
    }

    /** With explicit lookups (tests; apps with their own secret store). */
    public OpenAiLlmClientProvider(UnaryOperator<String> env, UnaryOperator<String> sysprops) {
        this.env = env;
        this.sysprops = sysprops;
    }

    /** The engine alone (no gateway), or empty when not configured. */
    public Optional<OpenAiLlmEngine> engine(Map<String, String> settings) {
        return OpenAiEngineConfig.fromSettings(settings, env, sysprops).map(OpenAiLlmEngine::new);
    }

    @Override
    public Optional<LlmClient> create(Map<String, String> settings, MeterRegistry registry) {
        return engine(settings).map(engine -> new LlmGateway(engine, LlmGatewayConfig.fromSettings(settings), registry));
    }
}
