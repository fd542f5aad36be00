package io.github.aifilters.openai;

import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;

/**
 * SPI for an LLM backend (the {@code openai} module implements it over openai-java). Implementations make one
 * blocking call; deadlines, breakers, caching and checks are the gateway's job ({@link LlmClients#gateway}), not theirs.
 */
public interface LlmEngine extends AutoCloseable {

    /** A short name for logs and metrics, e.g. {@code openai}. */
    String name();

    /**
     * Sends one prompt. The prompt is already redacted.
     *
     * @throws LlmException on any failure (HTTP error, timeout, unparseable body, refused connection)
     */
    LlmReply complete(LlmPrompt prompt) throws LlmException;

    /**
     * The model names this engine is configured to ask for. A reply's model name is whatever the endpoint says, so
     * the gateway tags metrics only with these (or a price-table prefix), never with the reply's own name.
     */
    default java.util.Set<String> modelNames() {
        return java.util.Set.of();
    }

    @Override
    default void close() {
    }
}
