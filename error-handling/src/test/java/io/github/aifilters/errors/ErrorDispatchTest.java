package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** An exception that never passed through the filter reaches it on the container's ERROR dispatch. */
class ErrorDispatchTest {

    @Test
    void errorDispatchCarryingAnExceptionIsAnswered() throws Exception {
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(Throwable.class, "/error-page");
        // A filter in front of ours fails on REQUEST: only the ERROR dispatch passes through us.
        Filter failing = (req, res, chain) -> {
            throw new IllegalStateException("upstream filter failed", new java.sql.SQLException("deadlock detected"));
        };
        try (TestServer server = start(errors, failing)) {
            HttpResponse<String> r = server.get("/app/ok/3");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("container error page").doesNotContain("deadlock");
            JsonNode body = new ObjectMapper().readTree(r.body());
            assertThat(body.path("category").asText()).isEqualTo("database");
            assertThat(body.path("instance").asText()).isEqualTo("/app/ok/3");
        }
    }

    /** The error filter behind {@code front} (REQUEST only), the container's error page at /error-page. */
    private static TestServer start(ErrorPageErrorHandler errors, Filter front) {
        return TestServer.start(ctx -> {
            ctx.setErrorHandler(errors);
            ctx.addFilter(new FilterHolder(front), "/app/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(ErrorFilterConfig.ofDefaults())), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/app/*");
            ctx.addServlet(new ServletHolder(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    if (req.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION) != null) {
                        res.setStatus(500);
                    }
                    res.getWriter().write("container error page");
                }
            }), "/error-page");
        });
    }

    @Test
    void anErrorStatusSentAroundTheFilterIsAnsweredOnTheErrorDispatch() throws Exception {
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(400, 599, "/error-page");
        // A filter in front of ours answers with sendError on REQUEST: only the ERROR dispatch passes through us.
        Filter refusing = (req, res, chain) -> ((HttpServletResponse) res).sendError(
                ((HttpServletRequest) req).getRequestURI().endsWith("/gone") ? 404 : 503);
        try (TestServer server = start(errors, refusing)) {
            HttpResponse<String> r = server.get("/app/ok/3");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(new ObjectMapper().readTree(r.body()).path("errorId").asText()).matches("[0-9a-f-]{36}");
            // A client error: a problem for a JSON client, the app's page for anyone else.
            HttpResponse<String> json = server.send(server.request("/app/gone").header("Accept", "application/json")
                    .GET().build());
            assertThat(json.statusCode()).isEqualTo(404);
            assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            HttpResponse<String> page = server.send(server.request("/app/gone").header("Accept", "text/html")
                    .GET().build());
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).isEqualTo("container error page");
        }
    }
}
