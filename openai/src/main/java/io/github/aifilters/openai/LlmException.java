package io.github.aifilters.openai;

/**
 * Any failure of an LLM call. Never reaches a client. Its message is logged by the gateway (it tells operators why,
 * e.g. {@code no endpoint answered: main: HTTP 401}): never put prompt text, answers or keys in it.
 */
public class LlmException extends Exception {

    private static final long serialVersionUID = 1L;

    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
