package io.github.aifilters.core.filter;

import java.time.Instant;
import java.util.Map;

/**
 * Facts of an alert, from which a message is written.
 *
 * @param series the series id, e.g. {@code latency.p95 GET /api/users/{id}}
 * @param metric e.g. {@code latency.p95}, {@code error.ratio}, {@code throughput}, {@code heap.afterGc}
 * @param route route template, or null for process-wide series
 * @param value the observed value
 * @param baseline the expected value
 * @param deviation deviation in robust units (e.g. MADs)
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param at when it was observed
 * @param context extra facts (already redacted)
 * @param escalate whether the LLM may be asked (when configured)
 */
public record AlertQuery(String series, String metric, String route, double value, double baseline,
                         double deviation, String severity, Instant at, Map<String, String> context,
                         boolean escalate) {
    public AlertQuery {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
