package io.github.aifilters.core.engine.llm;

/** Any failure of an LLM call. Never reaches a client. */
public class LlmException extends Exception {

    private static final long serialVersionUID = 1L;

    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
