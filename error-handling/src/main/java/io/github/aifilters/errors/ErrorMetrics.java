package io.github.aifilters.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The filter's meters: {@code aifilters.errors} (tags category, status), {@code aifilters.errors.fingerprints}
 * (distinct groups held), {@code aifilters.errors.llm} (tag outcome: made, cached, dropped, failed, accepted) and
 * {@code aifilters.errors.rate.warnings} (tag route).
 */
final class ErrorMetrics {

    private final MeterRegistry registry;
    private final Counter llmMade;
    private final Counter llmCached;
    private final Counter llmDropped;
    private final Counter llmFailed;
    private final Counter llmAccepted;

    ErrorMetrics(MeterRegistry registry, ErrorTable table) {
        this.registry = registry;
        Gauge.builder("aifilters.errors.fingerprints", table, ErrorTable::size)
                .description("Distinct error fingerprints held").register(registry);
        this.llmMade = llm("made");
        this.llmCached = llm("cached");
        this.llmDropped = llm("dropped");
        this.llmFailed = llm("failed");
        this.llmAccepted = llm("accepted");
    }

    private Counter llm(String outcome) {
        return Counter.builder("aifilters.errors.llm").tag("outcome", outcome)
                .description("LLM error analyses by outcome").register(registry);
    }

    void error(ErrorAnalysis a) {
        // Tag values are bounded: categories are the built-ins plus configured ones, statuses are 4xx/5xx. The
        // counter is looked up in the registry once per (category, status), then taken from a bounded map.
        String key = a.category() + '\n' + a.status();
        Counter c = errorCounters.get(key);
        if (c == null) {
            c = registry.counter("aifilters.errors", "category", a.category(), "status", Integer.toString(a.status()));
            if (errorCounters.size() < MAX_CACHED_COUNTERS) {
                errorCounters.putIfAbsent(key, c);
            }
        }
        c.increment();
    }

    private static final int MAX_CACHED_COUNTERS = 1024;
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> errorCounters =
            new java.util.concurrent.ConcurrentHashMap<>();

    void rateWarning(String route) {
        registry.counter("aifilters.errors.rate.warnings", "route", route).increment();
    }

    void llmMade() {
        llmMade.increment();
    }

    void llmCached() {
        llmCached.increment();
    }

    void llmDropped() {
        llmDropped.increment();
    }

    void llmFailed() {
        llmFailed.increment();
    }

    void llmAccepted() {
        llmAccepted.increment();
    }
}
