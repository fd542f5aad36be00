package io.github.aifilters.core.engine;

import io.github.aifilters.core.engine.embedded.errors.EmbeddedErrorAnalyser;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The default engine: offline, deterministic, microseconds per call, no key. Intents come from the query's trained
 * {@link IntentModel}; errors from an {@link ErrorAnalyser}; alert texts from a template.
 */
public final class EmbeddedEngine implements AiEngine {

    private final ErrorAnalyser errorAnalyser;

    public EmbeddedEngine() {
        this(new EmbeddedErrorAnalyser());
    }

    public EmbeddedEngine(ErrorAnalyser errorAnalyser) {
        this.errorAnalyser = errorAnalyser;
    }

    @Override
    public IntentResult classifyIntent(IntentQuery query) {
        long start = System.nanoTime();
        IntentResult r = query.model().classify(query.text());
        return r.withLatency(Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public CorrectionAdvice suggestCorrections(CorrectionQuery query) {
        // The validation filter computes its embedded suggestions itself (nearest name, enum, type hints);
        // this operation only exists to be improved by an LLM.
        return new CorrectionAdvice(Map.of(), EngineSource.EMBEDDED, Duration.ZERO);
    }

    @Override
    public ErrorAnalysis analyseError(ErrorQuery query) {
        return errorAnalyser.analyse(query.description(), query.throwable());
    }

    @Override
    public AlertMessage writeAlertMessage(AlertQuery q) {
        long start = System.nanoTime();
        String where = q.route() == null ? "the process" : q.route();
        String direction = q.value() >= q.baseline() ? "above" : "below";
        String text = String.format(Locale.ROOT,
                "[%s] %s of %s is %s, %s its baseline of %s (%.1f robust deviations) at %s.",
                q.severity().toUpperCase(Locale.ROOT), q.metric(), where, format(q.value()), direction,
                format(q.baseline()), Math.abs(q.deviation()), q.at());
        return new AlertMessage(text, EngineSource.EMBEDDED, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
