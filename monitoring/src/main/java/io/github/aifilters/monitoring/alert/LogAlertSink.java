package io.github.aifilters.monitoring.alert;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each alert as one structured log line (key=value pairs, message last) on logger
 * {@code io.github.aifilters.monitoring.alerts}: WARN for low/medium, ERROR for high/critical.
 */
public final class LogAlertSink implements AlertSink {

    /** The logger name, so ops can route alerts to their own appender. */
    public static final String LOGGER = "io.github.aifilters.monitoring.alerts";

    private final Logger log;

    public LogAlertSink() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    public LogAlertSink(Logger log) {
        this.log = log;
    }

    @Override
    public void send(DefaultAlert a) {
        String line = String.format(Locale.ROOT,
                "alert id=%s severity=%s series=\"%s\" metric=%s route=\"%s\" value=%.4g baseline=%.4g deviation=%.2f "
                        + "score=%.3f at=%s message=\"%s\"",
                a.id(), a.severity(), a.series(), a.metric(), a.route() == null ? "" : a.route(), a.value(),
                a.baseline(), a.deviation(), a.score(), a.at(), a.message().replace('"', '\''));
        if ("high".equals(a.severity()) || "critical".equals(a.severity())) {
            log.error(line);
        } else {
            log.warn(line);
        }
    }
}
