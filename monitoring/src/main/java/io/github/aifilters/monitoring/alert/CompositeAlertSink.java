package io.github.aifilters.monitoring.alert;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Sends each alert to every sink in order; a failing sink does not stop the others (its failure is counted). */
public final class CompositeAlertSink implements AlertSink {

    private final List<AlertSink> sinks;
    private final AtomicLong failures = new AtomicLong();

    public CompositeAlertSink(List<AlertSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public List<AlertSink> sinks() {
        return sinks;
    }

    /** Sends that threw. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void send(DefaultAlert alert) {
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        for (AlertSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }
}
