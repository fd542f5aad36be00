package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.AlertPublisher;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The error event through logback's JsonEncoder: one line of JSON with every field; and the early-warning hook. */
class StructuredLogLineTest {

    @Test
    void oneJsonLinePerErrorWithEveryField() throws Exception {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
        logger.addAppender(events);
        try (TestServer server = ErrorAnalysisFilterHttpTest.start(ErrorFilterConfig.ofDefaults(), null)) {
            server.get("/app/database/5");
        } finally {
            logger.detachAppender(events);
        }
        assertThat(events.list).hasSize(1);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.start();
        String line = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        List<String> keys = new ArrayList<>();
        json.path("kvpList").forEach(kv -> kv.fieldNames().forEachRemaining(keys::add));
        assertThat(keys).contains("errorId", "fingerprint", "occurrences", "category", "severity", "method", "route",
                "headers", "userAgent", "stackTrace", "probableCause", "suggestedActions", "committed");
        assertThat(json.path("mdc").path("errorId").asText()).isNotBlank();
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(line).doesNotContain(TestApp.SECRET);
    }

    @Test
    void earlyWarningIsPublishedToTheAlertPublisher() throws Exception {
        ErrorRateMonitorTest.ManualClock clock = new ErrorRateMonitorTest.ManualClock();
        List<AlertQuery> alerts = new CopyOnWriteArrayList<>();
        ErrorFilterConfig config = ErrorFilterConfig.builder().clock(clock).earlyWarningWindow(Duration.ofMinutes(2))
                .earlyWarningMinRequests(10).build();
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        Logger filterLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.class);
        filterLogger.addAppender(warnings);
        try (TestServer server = TestServer.start(ctx -> {
            ctx.getServletContext().setAttribute(AiFilterContext.ALERT_PUBLISHER, (AlertPublisher) alerts::add);
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(config)), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/app/*");
        })) {
            // Six quiet minutes build the baseline of /app/ok (no errors at all).
            for (int m = 0; m < 6; m++) {
                for (int i = 0; i < 10; i++) {
                    server.get("/app/ok");
                }
                clock.minutes(1);
            }
            assertThat(alerts).isEmpty();
            for (int i = 0; i < 10; i++) {
                server.get("/app/ok");
                server.get("/app/ok?fail=1");
            }
        } finally {
            filterLogger.detachAppender(warnings);
        }
        // At most one alert per window and route, whatever the number of errors after the jump.
        assertThat(alerts).hasSize(1);
        AlertQuery a = alerts.get(0);
        assertThat(a.metric()).isEqualTo(ErrorAnalysisFilter.ALERT_METRIC).isEqualTo("error.rate");
        assertThat(a.route()).isEqualTo("/app/ok");
        assertThat(a.series()).isEqualTo("error.rate /app/ok");
        // Raised on the first error after the jump: 1 error in 12 requests (10 of the last quiet minute, 2 now).
        assertThat(a.value()).isCloseTo(1.0 / 12, within(1e-9));
        assertThat(a.baseline()).isZero();
        // z-score against the 1% floor: (1/12 - 0.01) / sqrt(0.01 * 0.99 / 12)
        assertThat(a.deviation()).isCloseTo((1.0 / 12 - 0.01) / Math.sqrt(0.01 * 0.99 / 12), within(1e-9));
        assertThat(a.severity()).isEqualTo("medium");
        assertThat(a.context()).containsEntry("recentErrors", "1").containsEntry("recentRequests", "12");
        assertThat(a.at()).isEqualTo(clock.instant());
        assertThat(a.context()).containsKeys("recentErrors", "recentRequests", "window");
        // The warning log line is still written, next to the alert.
        assertThat(warnings.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("Early warning"));
    }
}
