package io.github.aifilters.core.llm;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;

/**
 * Found through {@link java.util.ServiceLoader}: an optional LLM module (e.g. {@code openai}) offers an
 * {@link LlmClient} when its configuration is present.
 */
public interface LlmClientProvider {

    /**
     * @param settings flat configuration: context-params {@code aifilters.llm.*} (prefix removed); providers add
     *                 environment variables and system properties
     * @param registry where the client records its metrics
     * @return a client, or empty when this provider is not configured
     */
    Optional<LlmClient> create(Map<String, String> settings, MeterRegistry registry);
}
