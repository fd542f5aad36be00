package io.github.aifilters.core.engine;

import io.github.aifilters.core.engine.llm.LlmCallListener;
import java.util.Objects;

/**
 * The operations the filters need from "AI". Every result carries its confidence, its {@link EngineSource} and its
 * latency. Implementations never throw for a bad answer from a model: they fall back to the embedded answer.
 *
 * <p>Implementations: {@link EmbeddedEngine} (default, offline, deterministic) and {@link HybridEngine} (embedded
 * first, an LLM only where configured and only where the embedded answer is weak).
 */
public interface AiEngine extends AutoCloseable {

    /** Classifies text among the model's configured intents ("none" when out of scope). */
    IntentResult classifyIntent(IntentQuery query);

    /** Suggestion texts for validation violations the embedded rules could not explain. Never decides validity. */
    CorrectionAdvice suggestCorrections(CorrectionQuery query);

    /** Categorises an error and explains it. */
    ErrorAnalysis analyseError(ErrorQuery query);

    /** Writes the human text of an alert. */
    AlertMessage writeAlertMessage(AlertQuery query);

    /**
     * Tells {@code listener} about every LLM call this engine makes from now on (e.g. the monitoring filter's AI cost
     * accounting). Default: the engine makes no LLM calls, so there is nothing to tell and the handle does nothing.
     *
     * @return closing it removes the listener
     */
    default AutoCloseable addLlmCallListener(LlmCallListener listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    /** Releases clients and threads. Default: nothing to release. */
    @Override
    default void close() {
    }
}
