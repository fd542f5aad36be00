package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.AlertPublisher;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Other filters alert through the monitoring filter's sinks via the shared {@link AlertPublisher}. */
class AlertPublisherTest {

    /** Stands in for another filter (e.g. error analysis's early warning) publishing on a request thread. */
    static final class Publishing extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            AlertPublisher publisher = (AlertPublisher) req.getServletContext()
                    .getAttribute(AiFilterContext.ALERT_PUBLISHER);
            publisher.publish(new AlertQuery("error.rate GET /orders/{id}", "error.rate", "GET /orders/{id}", 0.6,
                    0.01, 12.0, "critical", Instant.parse("2026-05-10T12:00:00Z"), Map.of("source", "test"), false));
            res.getWriter().write("published");
        }
    }

    @Test
    void anAlertPublishedByAnotherFilterIsRaisedByMonitoringAndThePublisherGoesAwayWithTheFilter() {
        MonitoringFilter filter = new MonitoringFilter(AnomalyAlertTest.testConfig().logAlerts(false).build());
        TestServer server = Fixtures.start(filter, new SimpleMeterRegistry(), Map.of("/", new Publishing()));
        try {
            assertThat(server.get("/publish").body()).isEqualTo("published");
            Fixtures.await(() -> filter.runtime().alerts().recent().stream()
                    .anyMatch(a -> a.series().equals("error.rate GET /orders/{id}")), "published alert raised");
            assertThat(server.context().getServletContext().getAttribute(AiFilterContext.ALERT_PUBLISHER))
                    .isInstanceOf(AlertPublisher.class);
        } finally {
            server.close();
        }
        assertThat(server.context().getServletContext().getAttribute(AiFilterContext.ALERT_PUBLISHER)).isNull();
    }
}
