package io.github.aifilters.core.engine;

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

    /** Releases clients and threads. Default: nothing to release. */
    @Override
    default void close() {
    }
}
