package io.github.aifilters.core.engine.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Found through {@link java.util.ServiceLoader}: an optional engine module (e.g. {@code openai}) offers an
 * {@link LlmEngine} when its configuration is present.
 */
public interface LlmEngineProvider {

    /**
     * @param settings flat configuration: context-params / init-params merged over environment variables
     *                 ({@code AI_FILTERS_LLM_BASE_URL}, …) and system properties
     * @return an engine, or empty when this provider is not configured
     */
    Optional<LlmEngine> create(Map<String, String> settings);
}
