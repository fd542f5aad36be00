package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12 items 7 and 8 for the monitoring filter and its ops endpoint, over real HTTP. */
class HostileRequestsMonitoringTest {

    static final class Ok extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res)
                throws IOException, jakarta.servlet.ServletException {
            if ("TRACE".equals(req.getMethod())) {
                super.service(req, res); // HttpServlet.doTrace: echoes the request, headers included
                return;
            }
            req.getInputStream().readAllBytes();
            res.getWriter().write("ok");
        }
    }

    /** Item 7: Jetty's getContentType() throws on an unknown charset; the request used to go unmonitored. */
    @Test
    void aBogusCharsetIsStillMonitored() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/*", new Ok()))) {
            HttpResponse<String> r = server.send(server.request("/api/things")
                    .header("Content-Type", "application/json; charset=x-bogus-42")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
            assertThat(r.statusCode()).isEqualTo(200);
            Fixtures.awaitTimerCount(registry, 1);
            assertThat(Fixtures.timerCount(registry)).isEqualTo(1);
        }
    }

    /** Item 4 for metrics: the uri tag (a guessed template) carried raw path segments, secrets included. */
    @Test
    void secretsInPathSegmentsNeverBecomeMetricTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/*", new Ok()))) {
            assertThat(server.get("/api/fail/password=Hunter2Secret9").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/keys/AKIAIOSFODNN7EXAMPLE").statusCode()).isEqualTo(200);
            Fixtures.awaitTimerCount(registry, 2);
            String ids = registry.getMeters().stream().map(m -> m.getId().toString()).toList().toString();
            assertThat(ids).contains("/api/").doesNotContain("Hunter2Secret9").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        }
    }

    /** Item 8: TRACE would echo Authorization and Cookie; any AI filter refuses it with a 405 problem. */
    @Test
    void traceIsRefusedAndEchoesNothing() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/*", new Ok(),
                "/_ai/monitoring", new MonitoringOpsServlet("ops-token")))) {
            for (String path : new String[] {"/api/things", "/_ai/monitoring", "/health"}) {
                HttpResponse<String> r = server.send(server.request(path)
                        .header("Authorization", "Bearer ops-token").header("Cookie", "JSESSIONID=s3cr3t-session")
                        .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());
                assertThat(r.statusCode()).as(path).isEqualTo(405);
                assertThat(r.body()).as(path).doesNotContain("ops-token").doesNotContain("s3cr3t-session");
            }
        }
    }

    /** Item 8: without a token the ops endpoint is closed, unless opened to loopback (and never via a proxy). */
    @Test
    void opsEndpointIsClosedWithoutAToken() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/*", new Ok(),
                "/_ai/closed", new MonitoringOpsServlet(System.getenv("AI_FILTERS_UNSET_OPS_TOKEN_VARIABLE")),
                "/_ai/loopback", new MonitoringOpsServlet(null, true)))) {
            HttpResponse<String> closed = server.get("/_ai/closed");
            assertThat(closed.statusCode()).isEqualTo(403);
            assertThat(closed.body()).doesNotContain("alerts");
            assertThat(server.get("/_ai/loopback").statusCode()).isEqualTo(200);
            assertThat(server.send(server.request("/_ai/loopback").header("X-Forwarded-For", "203.0.113.9")
                    .GET().build()).statusCode()).isEqualTo(403);
            assertThat(server.send(server.request("/_ai/loopback")
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode()).isEqualTo(405);
        }
    }
}
