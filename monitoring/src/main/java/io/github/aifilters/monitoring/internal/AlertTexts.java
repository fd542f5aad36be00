package io.github.aifilters.monitoring.internal;

import static io.github.aifilters.core.llm.Prompts.cap;
import static io.github.aifilters.core.llm.Prompts.object;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.ReplyParser;
import io.github.aifilters.core.llm.ReplyParsers;
import io.github.aifilters.core.redact.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the human text of an alert: an embedded template (offline, deterministic), improved by the LLM when one is
 * configured and escalation is on. The LLM's prompt and reply parser live here, beside the only feature that uses them.
 */
public final class AlertTexts {

    /** The prompts' operation name (metrics tag, model choice). */
    public static final String OPERATION = "alert";
    /** Longest alert text kept from the LLM. */
    public static final int MAX_ALERT = 600;

    private AlertTexts() {
    }

    /** The embedded message, or the LLM's when {@code escalate}, an LLM is configured and its answer passes the checks. */
    public static AlertMessage write(AlertQuery q, LlmClient llm, Redactor redactor) {
        long start = System.nanoTime();
        AlertMessage local = embedded(q, start);
        if (!q.escalate() || !llm.enabled()) {
            return local;
        }
        return llm.call(prompt(q, redactor), parser(redactor))
                .filter(text -> text != null && !text.isBlank())
                .map(text -> new AlertMessage(text, EngineSource.LLM, Duration.ofNanos(System.nanoTime() - start)))
                .orElse(local);
    }

    static AlertMessage embedded(AlertQuery q, long start) {
        String where = q.route() == null ? "the process" : q.route();
        String direction = q.value() >= q.baseline() ? "above" : "below";
        String text = String.format(Locale.ROOT,
                "[%s] %s of %s is %s, %s its baseline of %s (%.1f robust deviations) at %s.",
                q.severity().toUpperCase(Locale.ROOT), q.metric(), where, format(q.value()), direction,
                format(q.baseline()), Math.abs(q.deviation()), q.at());
        return new AlertMessage(text, EngineSource.EMBEDDED, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The human text of an alert; every value from requests is redacted here. */
    public static LlmPrompt prompt(AlertQuery q, Redactor redactor) {
        StringBuilder user = new StringBuilder();
        user.append("Series: ").append(cap(redactor.redactText(q.series()), 200)).append('\n');
        user.append("Metric: ").append(cap(q.metric(), 100)).append('\n');
        user.append("Route: ").append(q.route() == null ? "(whole process)" : cap(redactor.redactText(q.route()), 200))
                .append('\n');
        user.append(String.format(Locale.ROOT, "Observed: %s%nBaseline: %s%nDeviation: %.2f robust units%n",
                q.value(), q.baseline(), q.deviation()));
        user.append("Severity: ").append(q.severity()).append('\n');
        user.append("At: ").append(q.at()).append('\n');
        new TreeMap<>(q.context()).entrySet().stream().limit(20).forEach(e -> user.append(cap(e.getKey(), 60))
                .append(": ").append(cap(redactor.redactText(e.getValue()), 200)).append('\n'));
        String system = "You write short alert messages for on-call engineers: two sentences at most, stating what "
                + "changed, where, how much compared with the baseline, and one first thing to check. Answer with one "
                + "JSON object only: {\"text\": the message}.";
        Map<String, Object> schema = object(Map.of("text", Map.of("type", "string")), List.of("text"));
        return new LlmPrompt(OPERATION, system, user.toString(), "alert_message", schema, 160);
    }

    /** The alert text: capped and redacted. */
    public static ReplyParser<String> parser(Redactor redactor) {
        return reply -> ReplyParsers.object(reply).map(o -> ReplyParsers.clean(o.path("text").asText(null), MAX_ALERT,
                redactor));
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
