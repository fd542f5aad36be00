package io.github.aifilters.monitoring.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as delivered to sinks and listed by the ops endpoint.
 *
 * @param id random id, to correlate the log line, the webhook and the ops listing
 * @param series the series id, e.g. {@code latency.p95 GET /api/users/{id}}
 * @param metric e.g. {@code latency.p95}, {@code error.ratio}, {@code throughput}, {@code heap.afterGc},
 *               {@code cost.budget}
 * @param route the route ({@code METHOD uri-template}), or null for process-wide series
 * @param value the observed value
 * @param baseline the expected value
 * @param deviation signed deviation in robust units
 * @param score anomaly score in [0,1]
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param at when the value was observed
 * @param message human text written by the engine
 * @param messageSource which engine wrote the message ({@code EMBEDDED}, {@code LLM}, or {@code FALLBACK})
 * @param context extra facts (no secrets)
 */
public record DefaultAlert(String id, String series, String metric, String route, double value, double baseline,
                           double deviation, double score, String severity, Instant at, String message,
                           String messageSource, Map<String, String> context) {
    public DefaultAlert {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
