package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.monitoring.alert.AlertSink;
import io.github.aifilters.monitoring.alert.DefaultAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns alert facts into delivered alerts: cooldown and de-duplication per series, the message written by the
 * embedded template or the LLM ({@link AlertTexts}), the bounded ring of recent alerts, and the sink. Must be called off the request thread (the
 * monitoring scheduler does): writing a message may ask an LLM when escalation is configured.
 */
public final class AlertManager {

    private final Supplier<LlmClient> llm;
    private final Redactor redactor;
    private final AlertSink sink;
    private final Duration cooldown;
    private final boolean escalate;
    private final Clock clock;
    private final int maxTrackedSeries;
    private final int ringSize;
    private final Map<String, Instant> lastAlertBySeries;
    private final Deque<DefaultAlert> recent = new ArrayDeque<>();
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();

    /**
     * @param llm the LLM that may improve the messages (looked up lazily so it is shared with the other filters)
     * @param redactor applied to everything sent to the LLM and to its answers
     * @param sink where alerts go
     * @param cooldown minimum time between two alerts of the same series
     * @param escalate whether the LLM (when one is configured) writes the messages
     * @param ringSize recent alerts kept for the ops endpoint
     * @param maxTrackedSeries series whose last alert time is remembered (least recently alerted forgotten first)
     */
    public AlertManager(Supplier<LlmClient> llm, Redactor redactor, AlertSink sink, Duration cooldown,
                        boolean escalate, int ringSize, int maxTrackedSeries, Clock clock) {
        this.llm = llm;
        this.redactor = redactor;
        this.sink = sink;
        this.cooldown = cooldown;
        this.escalate = escalate;
        this.ringSize = Math.max(1, ringSize);
        this.maxTrackedSeries = Math.max(1, maxTrackedSeries);
        this.clock = clock;
        this.lastAlertBySeries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > AlertManager.this.maxTrackedSeries;
            }
        };
    }

    /**
     * Raises an alert unless the same series alerted within the cooldown.
     *
     * @param facts the facts (its {@code escalate} flag is replaced by the configured one)
     * @param score the anomaly score
     * @return the alert delivered, or null when suppressed
     */
    public DefaultAlert raise(AlertQuery facts, double score) {
        Instant now = clock.instant();
        synchronized (lastAlertBySeries) {
            Instant last = lastAlertBySeries.get(facts.series());
            if (last != null && now.isBefore(last.plus(cooldown))) {
                suppressed.incrementAndGet();
                return null;
            }
            lastAlertBySeries.put(facts.series(), now);
        }
        AlertQuery query = new AlertQuery(facts.series(), facts.metric(), facts.route(), facts.value(),
                facts.baseline(), facts.deviation(), facts.severity(), facts.at(), facts.context(), escalate);
        String text;
        String source;
        try {
            AlertMessage message = AlertTexts.write(query, llm.get(), redactor);
            text = message.text();
            source = message.source().name();
        } catch (RuntimeException e) {
            // the alert matters more than its prose
            text = String.format(Locale.ROOT, "[%s] %s of %s: %.4g (baseline %.4g)",
                    facts.severity().toUpperCase(Locale.ROOT), facts.metric(),
                    facts.route() == null ? "the process" : facts.route(), facts.value(), facts.baseline());
            source = "FALLBACK";
        }
        DefaultAlert alert = new DefaultAlert(UUID.randomUUID().toString(), facts.series(), facts.metric(),
                facts.route(), facts.value(), facts.baseline(), facts.deviation(), score, facts.severity(), facts.at(),
                text, source, facts.context());
        synchronized (recent) {
            recent.addFirst(alert);
            while (recent.size() > ringSize) {
                recent.removeLast();
            }
        }
        raised.incrementAndGet();
        try {
            sink.send(alert);
        } catch (RuntimeException e) {
            sinkFailures.incrementAndGet();
        }
        return alert;
    }

    /** Most recent first. */
    public List<DefaultAlert> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public long raised() {
        return raised.get();
    }

    /** Alerts not raised because their series was in cooldown. */
    public long suppressed() {
        return suppressed.get();
    }

    public long sinkFailures() {
        return sinkFailures.get();
    }

    public AlertSink sink() {
        return sink;
    }

    public void close() {
        sink.close();
    }
}
