package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The failures of issue 15 at the servlet level, with only the error filter registered: an async sendError(500) on a
 * worker, a framework's own async timeout answered 503 without a body, and framework 4xx answers for JSON clients.
 */
class AsyncAndClientErrorHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private TestServer server;

    /** {@code startAsync()}, then on a worker {@code resp.sendError(500)} and {@code complete()}: the repro. */
    final class AsyncSendError extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext ac = req.startAsync();
            worker.submit(() -> {
                try {
                    resp.sendError(500);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                ac.complete();
            });
        }
    }

    /**
     * What Jersey and RESTEasy do for a {@code @Suspended AsyncResponse} whose own timer fired: servlet timeout off,
     * then on the timer thread a 503 without a body and {@code complete()} — {@code ?form=sendError} as Jersey by
     * default, else {@code setStatus} as RESTEasy and Jersey with {@code setStatusOverSendError=true}. With
     * {@code ?form=dispatch} the timer dispatches and the ASYNC dispatch answers {@code sendError(503)}, as Spring MVC
     * answers its {@code AsyncRequestTimeoutException}.
     */
    final class FrameworkTimeout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String form = String.valueOf(req.getParameter("form"));
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                resp.sendError(503);
                return;
            }
            AsyncContext ac = req.startAsync(req, resp);
            ac.setTimeout(-1);
            worker.submit(() -> {
                try {
                    switch (form) {
                        case "dispatch" -> {
                            ac.dispatch();
                            return;
                        }
                        case "sendError" -> resp.sendError(503);
                        default -> resp.setStatus(503);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                ac.complete();
            });
        }
    }

    /** A bare 503 on the request thread: the app's answer, not a timeout of an async request. */
    static final class Sync503 extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(503);
        }
    }

    /** A framework's 4xx answers: sendError with its status, Allow set first for 405. */
    static final class FrameworkClientErrors extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getPathInfo()) {
                case "/404" -> resp.sendError(404, "HTTP 404 Not Found");
                case "/405" -> {
                    resp.setHeader("Allow", "GET,OPTIONS,HEAD");
                    resp.sendError(405, "HTTP 405 Method Not Allowed");
                }
                case "/429" -> {
                    resp.setHeader("Retry-After", "7");
                    resp.sendError(429);
                }
                case "/401" -> resp.sendError(401);
                case "/501" -> resp.sendError(501);
                default -> resp.setStatus(204);
            }
        }
    }

    @BeforeEach
    void captureLog() {
        events.start();
        eventLogger.addAppender(events);
    }

    @AfterEach
    void stop() {
        eventLogger.detachAppender(events);
        if (server != null) {
            server.close();
        }
        worker.shutdownNow();
    }

    /** The status a filter inside the error filter reads once the app returned (the route filter learns from it). */
    private final java.util.concurrent.atomic.AtomicInteger statusSeenInside = new java.util.concurrent.atomic.AtomicInteger();

    private void start(ErrorFilterConfig config) {
        server = TestServer.start(ctx -> {
            FilterHolder filter = new FilterHolder(new ErrorAnalysisFilter(config));
            filter.setAsyncSupported(true);
            ctx.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            FilterHolder inside = new FilterHolder((jakarta.servlet.Filter) (req, res, chain) -> {
                chain.doFilter(req, res);
                statusSeenInside.set(((HttpServletResponse) res).getStatus());
            });
            ctx.addFilter(inside, "/fw/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder a = new ServletHolder(new AsyncSendError());
            a.setAsyncSupported(true);
            ctx.addServlet(a, "/async-500");
            ServletHolder t = new ServletHolder(new FrameworkTimeout());
            t.setAsyncSupported(true);
            ctx.addServlet(t, "/timeout");
            ctx.addServlet(new ServletHolder(new Sync503()), "/sync-503");
            ctx.addServlet(new ServletHolder(new FrameworkClientErrors()), "/fw/*");
        });
    }

    private HttpResponse<String> get(String path, String accept) {
        HttpRequest.Builder b = server.request(path).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return server.send(b.build());
    }

    @Test
    void asyncSendErrorOnAWorkerIsA500ProblemWithOneLogLine() throws Exception {
        start(ErrorFilterConfig.ofDefaults());
        HttpResponse<String> r = get("/async-500", null);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(events.list).hasSize(1);
        assertThat(ErrorAnalysisFilterHttpTest.kv(events.list.get(0)).get("errorId"))
                .isEqualTo(body.path("errorId").asText());
        assertThat(ErrorAnalysisFilterHttpTest.kv(events.list.get(0)).get("origin")).isEqualTo("async-complete");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/timeout, async-complete", "/timeout?form=sendError, async-complete",
            "/timeout?form=dispatch, async-dispatch"})
    void aFrameworkOwnedTimeoutAnswered503WithoutBodyBecomesAProblem(String path, String origin) throws Exception {
        start(ErrorFilterConfig.ofDefaults());
        HttpResponse<String> r = get(path, "application/json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        // The framework's timer, not the container's, ended the request: still a timeout, as for onTimeout.
        assertThat(body.path("category").asText()).isEqualTo("timeout");
        assertThat(r.headers().firstValue("Retry-After"))
                .hasValue(Long.toString(ErrorFilterConfig.ofDefaults().retryAfter().toSeconds()));
        assertThat(events.list).hasSize(1);
        java.util.Map<String, Object> kv = ErrorAnalysisFilterHttpTest.kv(events.list.get(0));
        assertThat(kv.get("category")).isEqualTo("timeout");
        assertThat(kv.get("origin")).isEqualTo(origin);
    }

    @Test
    void aBare503OnTheRequestThreadIsNoTimeout() throws Exception {
        start(ErrorFilterConfig.ofDefaults());
        HttpResponse<String> r = get("/sync-503", "application/json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("category").asText()).isNotEqualTo("timeout");
        assertThat(events.list).hasSize(1);
        assertThat(ErrorAnalysisFilterHttpTest.kv(events.list.get(0)).get("category")).isNotEqualTo("timeout");
    }

    @Test
    void aHeldSendErrorReadsAsItsStatusToTheFiltersInside() {
        start(ErrorFilterConfig.ofDefaults());
        HttpResponse<String> r = get("/fw/501", null);
        assertThat(r.statusCode()).isEqualTo(501);
        // held by the error filter, not yet at the container: still not a 200 to whoever looks
        assertThat(statusSeenInside.get()).isEqualTo(501);
    }

    @Test
    void frameworkClientErrorsAreProblemsForJsonClientsAndKeepTheirHeaders() throws Exception {
        start(ErrorFilterConfig.ofDefaults());
        HttpResponse<String> nf = get("/fw/404", "application/json");
        assertThat(nf.statusCode()).isEqualTo(404);
        assertThat(nf.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(nf.body()).path("type").asText()).endsWith("/not-found");
        assertThat(nf.body()).doesNotContain("HTTP 404").doesNotContain("<html");

        HttpResponse<String> na = get("/fw/405", "application/problem+json, application/json;q=0.9");
        assertThat(na.statusCode()).isEqualTo(405);
        assertThat(na.headers().firstValue("Allow")).hasValue("GET,OPTIONS,HEAD");
        assertThat(JSON.readTree(na.body()).path("allow").toString()).isEqualTo("[\"GET\",\"OPTIONS\",\"HEAD\"]");

        HttpResponse<String> tm = get("/fw/429", "application/json");
        assertThat(tm.statusCode()).isEqualTo(429);
        assertThat(tm.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(tm.body()).path("category").asText()).isEqualTo("rate_limit");
        // Client errors are not the app's errors: no log line, no error id.
        assertThat(events.list).isEmpty();
        assertThat(nf.body()).doesNotContain("errorId");
    }

    @Test
    void browsersKeepTheContainerPageAndStatusesCanPassThrough() throws Exception {
        start(ErrorFilterConfig.builder().passThroughStatus(401).build());
        HttpResponse<String> html = get("/fw/404", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("application/problem+json");
        HttpResponse<String> passed = get("/fw/401", "application/json");
        assertThat(passed.statusCode()).isEqualTo(401);
        assertThat(passed.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("application/problem+json");
        HttpResponse<String> rejected = get("/fw/404", "application/json;q=0, text/plain");
        assertThat(rejected.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("application/problem+json");
    }

    @Test
    void passThroughStatusesIsReadFromInitParamsAndMalformedValuesNameTheKey() {
        ErrorFilterConfig c = ErrorFilterConfig.from(io.github.aifilters.core.config.InitParams.of("aiErrors",
                java.util.Map.of(ErrorFilterConfig.PASS_THROUGH_STATUSES, "401, 404")));
        assertThat(c.passThroughStatuses()).containsExactlyInAnyOrder(401, 404);
        for (String bad : new String[] {"abc", "200"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ErrorFilterConfig.from(
                    io.github.aifilters.core.config.InitParams.of("aiErrors",
                            java.util.Map.of(ErrorFilterConfig.PASS_THROUGH_STATUSES, bad))))
                    .hasMessageContaining(ErrorFilterConfig.PASS_THROUGH_STATUSES);
        }
    }

    @Test
    void aMissingUserAgentIsLeftOutOfTheLogLineNotWrittenAsNull() throws Exception {
        start(ErrorFilterConfig.ofDefaults());
        // The JDK client always sends a User-Agent unless told otherwise; a raw socket request has none.
        try (java.net.Socket s = new java.net.Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            s.getOutputStream().write(("GET /async-500 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 500");
        }
        assertThat(events.list).hasSize(1);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.start();
        String line = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("\"userAgent\"").doesNotContain("\"null\"");
    }
}
