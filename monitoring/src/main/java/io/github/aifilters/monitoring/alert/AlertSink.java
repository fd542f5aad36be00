package io.github.aifilters.monitoring.alert;

/**
 * Where alerts go. Called off the request thread (the monitoring scheduler); implementations must not block for
 * long (hand slow work to their own bounded queue, like {@link WebhookAlertSink}) and should not throw — a throw is
 * caught, counted and logged by the caller.
 */
public interface AlertSink extends AutoCloseable {

    void send(DefaultAlert alert);

    /** Releases threads and clients. */
    @Override
    default void close() {
    }
}
