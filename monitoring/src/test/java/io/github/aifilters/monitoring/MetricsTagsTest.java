package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTagsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestServer server;

    /** Routes by path under the default mapping, so uri tags come from id templating. */
    static final class AppServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String path = req.getRequestURI();
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                res.setStatus(200);
                res.getWriter().write("dispatched");
                return;
            }
            switch (path) {
                case "/missing" -> res.sendError(404);
                case "/old" -> res.sendRedirect("/new");
                case "/boom" -> throw new IllegalStateException("secret detail");
                case "/templated/abc" -> {
                    AiAttributes.ROUTE_TEMPLATE.set(req, "/templated/{code}");
                    res.getWriter().write("ok");
                }
                case "/async" -> {
                    AsyncContext async = req.startAsync();
                    new Thread(() -> {
                        sleep(150);
                        ((HttpServletResponse) async.getResponse()).setStatus(202);
                        async.complete();
                    }).start();
                }
                case "/async-dispatch" -> {
                    AsyncContext async = req.startAsync();
                    new Thread(() -> {
                        sleep(100);
                        async.dispatch();
                    }).start();
                }
                default -> res.getWriter().write("ok " + path);
            }
        }
    }

    static final class HelloServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.getWriter().write("hello");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @BeforeEach
    void start() {
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder()
                .interval(Duration.ofHours(1)).healthEnabled(false).logAlerts(false).build());
        server = Fixtures.start(filter, registry, Map.of("/", new AppServlet(), "/hello", new HelloServlet(),
                "/api/*", new HelloServlet()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Timer timer(String method, String uri, String status, String outcome, String exception) {
        return registry.find(MonitoringFilter.METRIC).tag("method", method).tag("uri", uri).tag("status", status)
                .tag("outcome", outcome).tag("exception", exception).timer();
    }

    private Timer awaitTimer(String method, String uri, String status, String outcome, String exception) {
        Fixtures.await(() -> timer(method, uri, status, outcome, exception) != null,
                "timer " + method + " " + uri + " " + status);
        return timer(method, uri, status, outcome, exception);
    }

    @Test
    void hitUsesTheDeclaredOrTheGuessedTemplateNeverTheServletMapping() {
        assertThat(server.get("/hello").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/users").statusCode()).isEqualTo(200);
        assertThat(server.get("/items/17").statusCode()).isEqualTo(200);
        assertThat(server.get("/items/42").statusCode()).isEqualTo(200);
        assertThat(server.get("/").statusCode()).isEqualTo(200);
        assertThat(server.get("/templated/abc").statusCode()).isEqualTo(200);

        assertThat(awaitTimer("GET", "/hello", "200", "SUCCESS", "None").count()).isEqualTo(1);
        // the servlet is mapped at /api/*: the label is the path's template, as in error logs, not the mapping
        assertThat(awaitTimer("GET", "/api/users", "200", "SUCCESS", "None").count()).isEqualTo(1);
        assertThat(awaitTimer("GET", "/items/{id}", "200", "SUCCESS", "None").count()).isEqualTo(2);
        assertThat(awaitTimer("GET", "/", "200", "SUCCESS", "None").count()).isEqualTo(1);
        assertThat(awaitTimer("GET", "/templated/{code}", "200", "SUCCESS", "None").count()).isEqualTo(1);
        // the registry is the one the app put in the context, not a private default
        assertThat(registry.find(MonitoringFilter.METRIC).timers()).hasSize(5);
    }

    @Test
    void notFoundAndRedirectionAreCollapsed() {
        assertThat(server.get("/missing").statusCode()).isEqualTo(404);
        assertThat(server.get("/old").statusCode()).isEqualTo(302);
        assertThat(awaitTimer("GET", "NOT_FOUND", "404", "CLIENT_ERROR", "None").count()).isEqualTo(1);
        assertThat(awaitTimer("GET", "REDIRECTION", "302", "REDIRECTION", "None").count()).isEqualTo(1);
    }

    @Test
    void uncaughtExceptionIsTaggedWithItsSimpleNameAndStatus500() {
        HttpResponse<String> r = server.get("/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        Timer t = awaitTimer("GET", "/boom", "500", "SERVER_ERROR", "IllegalStateException");
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void asyncRequestIsTimedUntilComplete() {
        HttpResponse<String> r = server.get("/async");
        assertThat(r.statusCode()).isEqualTo(202);
        Timer t = awaitTimer("GET", "/async", "202", "SUCCESS", "None");
        assertThat(t.count()).isEqualTo(1);
        // completed on another thread 150 ms after the REQUEST dispatch returned
        assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(140);
    }

    @Test
    void asyncDispatchIsTimedOnce() {
        HttpResponse<String> r = server.get("/async-dispatch");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("dispatched");
        Timer t = awaitTimer("GET", "/async-dispatch", "200", "SUCCESS", "None");
        Fixtures.await(() -> t.count() >= 1, "count");
        MetricsTagsTest.sleep(100); // a second (wrong) recording would show up by now
        assertThat(Fixtures.timerCount(registry)).isEqualTo(1);
        assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void nonStandardMethodIsUnknown() {
        HttpResponse<String> r = server.send(server.request("/hello")
                .method("BREW", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(awaitTimer("UNKNOWN", "/hello", "200", "SUCCESS", "None").count()).isEqualTo(1);
    }
}
