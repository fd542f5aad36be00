package io.github.aifilters.core.llm;

/** Which engine produced an answer. */
public enum EngineSource {
    /** The offline embedded engine (always available). */
    EMBEDDED,
    /** An LLM, whose answer passed the checks and replaced the embedded one. */
    LLM
}
