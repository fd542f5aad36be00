package io.github.aifilters.errors.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.errors.ErrorOpsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 item 4: raw path segments reached the error event's {@code route} and the ops view's {@code routes}
 * verbatim (the route is the exchange's template, a guess that keeps non-id segments), while {@code path} beside
 * them was redacted. Item 8 for the error ops view: closed without a token, TRACE refused.
 */
class RouteRedactionHttpTest {

    static final class Failing extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) {
            throw new IllegalStateException("boom");
        }
    }

    static TestServer server() {
        return TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(ErrorFilterConfig.builder().build())), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new Failing()), "/api/fail/*");
            ctx.addServlet(new ServletHolder(new ErrorOpsServlet("ops-token")), "/_ai/errors");
            ctx.addServlet(new ServletHolder(new ErrorOpsServlet(System.getenv("AI_FILTERS_UNSET_OPS_VAR"))),
                    "/_ai/closed");
        });
    }

    @Test
    void secretsInPathSegmentsAreRedactedInTheEventRouteAndTheOpsView() {
        Logger events = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        events.addAppender(seen);
        try (TestServer s = server()) {
            String[] secrets = {"Hunter2Secret9", "AKIAIOSFODNN7EXAMPLE"};
            assertThat(s.get("/api/fail/password=Hunter2Secret9").statusCode()).isEqualTo(500);
            assertThat(s.get("/api/fail/AKIAIOSFODNN7EXAMPLE").statusCode()).isEqualTo(500);
            String logged = seen.list.stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs())
                    .collect(Collectors.joining("\n"));
            assertThat(logged).contains("route").contains("/api/fail/");
            HttpResponse<String> ops = s.send(s.request("/_ai/errors").header("Authorization", "Bearer ops-token")
                    .GET().build());
            assertThat(ops.statusCode()).isEqualTo(200);
            assertThat(ops.body()).contains("/api/fail/");
            for (String secret : secrets) {
                assertThat(logged).doesNotContain(secret);
                assertThat(ops.body()).doesNotContain(secret);
            }
        } finally {
            events.detachAppender(seen);
        }
    }

    @Test
    void theErrorOpsViewIsClosedWithoutATokenAndRefusesTrace() {
        try (TestServer s = server()) {
            assertThat(s.get("/_ai/closed").statusCode()).isEqualTo(403);
            HttpResponse<String> trace = s.send(s.request("/_ai/errors").header("Authorization", "Bearer ops-token")
                    .method("TRACE", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(trace.statusCode()).isEqualTo(405);
            assertThat(trace.body()).doesNotContain("ops-token");
        }
    }
}
