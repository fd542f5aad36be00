package io.github.aifilters.openai;

import io.github.aifilters.core.engine.llm.LlmEngine;
import io.github.aifilters.core.engine.llm.LlmEngineProvider;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Offers an {@link OpenAiLlmEngine} to core (found through {@link java.util.ServiceLoader}) when a base URL and a key
 * are configured: in the flat settings ({@code aifilters.llm.*} context-params), else in system properties
 * {@code aifilters.llm.*}, else in environment variables {@code AI_FILTERS_LLM_BASE_URL}, {@code AI_FILTERS_LLM_API_KEY},
 * {@code AI_FILTERS_LLM_MODEL} …. Without them: empty, and the filters use the embedded engine only.
 */
public final class OpenAiEngineProvider implements LlmEngineProvider {

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> sysprops;

    /** Used by {@link java.util.ServiceLoader}: the real environment and system properties. */
    public OpenAiEngineProvider() {
        this(System::getenv, System::getProperty);
    }

    /** With explicit lookups (tests; apps with their own secret store). */
    public OpenAiEngineProvider(UnaryOperator<String> env, UnaryOperator<String> sysprops) {
        this.env = env;
        this.sysprops = sysprops;
    }

    @Override
    public Optional<LlmEngine> create(Map<String, String> settings) {
        return OpenAiEngineConfig.fromSettings(settings, env, sysprops).map(OpenAiLlmEngine::new);
    }
}
