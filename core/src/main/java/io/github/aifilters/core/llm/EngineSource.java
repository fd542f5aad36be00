package io.github.aifilters.core.llm;

/** Which engine produced an answer. */
public enum EngineSource {
    /** The offline embedded engine (always available; for intents, the lexical tier). */
    EMBEDDED,
    /** An LLM, whose answer passed the checks and replaced the embedded one. */
    LLM,
    /**
     * The optional semantic intent tier ({@code ai-filters-semantic}, an in-process sentence encoder), asked when the
     * embedded answer was not confident.
     */
    SEMANTIC
}
