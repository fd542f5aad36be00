package io.github.aifilters.core.filter;


/**
 * Where filters send alerts: the facts of an anomaly (metric, route, value, baseline, deviation, severity) that
 * someone should look at. The monitoring module registers one as the servlet-context attribute
 * {@link AiFilterContext#ALERT_PUBLISHER} (an app may register its own instead); any filter may publish to it, e.g.
 * the error analysis filter when a route's error rate jumps. Filters look the attribute up when they publish, so it
 * may be set at any moment; without one, filters only log.
 *
 * <p>Called on a request thread: implementations must return quickly (hand the alert to a queue of their own,
 * write its message later, when they want
 * text) and should not throw; a filter treats an exception as its own failure (fail-open: logged, never failing the
 * request). Every field of the query is already redacted by the publishing filter.
 */
@FunctionalInterface
public interface AlertPublisher {

    /** Publishes one alert. Must not block the caller. */
    void publish(AlertQuery alert);
}
