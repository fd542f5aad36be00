package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The request timer next to other instrumentation (a Boot-style {@code http.server.requests} with other tag keys in a
 * Prometheus registry), the Prometheus scrape servlet of a deployment that hands the filters no registry, the default
 * exclusion of {@code /_ai/*}, and the {@code exception} tag when an inner filter answered for the exception.
 */
class CoexistenceAndScrapeTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sets the route template like a resolver would, throws on /books/boom. */
    static final class Books extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            AiAttributes.ROUTE_TEMPLATE.set(req, "/books/{id}");
            if (req.getRequestURI().endsWith("/boom")) {
                throw new IllegalStateException("no such shelf");
            }
            res.getWriter().write("book");
        }
    }

    static final class Ok extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.getWriter().write("ok");
        }
    }

    /** Stands in for error analysis: answers the exception itself and records it on the exchange, as that filter does. */
    static final Filter ANSWERING_FILTER = (request, response, chain) -> {
        try {
            chain.doFilter(request, response);
        } catch (IllegalStateException e) {
            AiExchange.of((HttpServletRequest) request).failure(e);
            ((HttpServletResponse) response).setStatus(500);
            response.getWriter().write("{\"title\":\"Internal Server Error\"}");
        }
    };

    @Test
    void bootStyleTimerAlreadyThereKeepsBothSeriesAndNoMeterFilterWarning() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // what Spring Boot's observation registers: same name, one more tag key ("error")
        Timer.builder("http.server.requests").tags("error", "none", "exception", "none", "method", "GET",
                "outcome", "SUCCESS", "status", "200", "uri", "UNKNOWN").register(prometheus).record(Duration.ofMillis(3));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            // the app asks for the conventional name; the registry already has it with other tag keys
            MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder()
                    .metricName("http.server.requests").healthEnabled(false).build());
            server = Fixtures.start(filter, prometheus, Map.of("/books/*", new Books()));
            assertThat(server.get("/books/7").statusCode()).isEqualTo(200);
            Fixtures.awaitTimerCount(prometheus, 1);

            assertThat(filter.metricName()).isEqualTo("aifilters.http.requests");
            String scrape = prometheus.scrape();
            assertThat(scrape).contains("aifilters_http_requests_seconds_count{exception=\"None\",method=\"GET\","
                    + "outcome=\"SUCCESS\",status=\"200\",uri=\"/books/{id}\"} 1");
            assertThat(scrape).contains("http_server_requests_seconds_count{error=\"none\"");
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("MeterFilter is being configured"))
                    .anyMatch(m -> m.contains("timed as 'aifilters.http.requests'"));
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void defaultNameLeavesHttpServerRequestsToTheFramework() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = Fixtures.start(new MonitoringFilter(MonitoringConfig.builder().healthEnabled(false).build()),
                prometheus, Map.of("/books/*", new Books()));
        server.get("/books/8");
        Fixtures.awaitTimerCount(prometheus, 1);
        // registered after ours, as Boot does at the end of its first request: accepted, not rejected
        Timer boot = Timer.builder("http.server.requests").tags("error", "none", "exception", "none", "method", "GET",
                "outcome", "SUCCESS", "status", "200", "uri", "/books/{id}").register(prometheus);
        boot.record(Duration.ofMillis(2));
        assertThat(prometheus.scrape()).contains("http_server_requests_seconds_count{error=\"none\"")
                .contains("aifilters_http_requests_seconds_count{");
    }

    /** web.xml-only: nobody puts a registry in the context; the scrape servlet exports the toolkit's own. */
    private void startWithScrapeServlet(String token, boolean anonymous) {
        server = TestServer.start(ctx -> {
            FilterHolder monitoring = new FilterHolder(MonitoringFilter.class);
            monitoring.setInitParameter(MonitoringConfig.HEALTH_ENABLED, "false");
            monitoring.setAsyncSupported(true);
            ctx.addFilter(monitoring, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            FilterHolder answering = new FilterHolder(ANSWERING_FILTER);
            answering.setAsyncSupported(true);
            ctx.addFilter(answering, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            ctx.addServlet(new ServletHolder(new Books()), "/books/*");
            ctx.addServlet(new ServletHolder(new Ok()), "/healthz");
            ServletHolder scrape = new ServletHolder(PrometheusScrapeServlet.class);
            scrape.setInitOrder(1); // <load-on-startup>1</load-on-startup>
            if (token != null) {
                scrape.setInitParameter(PrometheusScrapeServlet.TOKEN, token);
            }
            scrape.setInitParameter(PrometheusScrapeServlet.ALLOW_ANONYMOUS, Boolean.toString(anonymous));
            ctx.addServlet(scrape, "/_ai/metrics");
        });
    }

    private HttpResponse<String> scrape(String token) {
        var request = server.request("/_ai/metrics");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.GET().build());
    }

    @Test
    void scrapeServletExportsPerRouteSeriesWithTheExceptionTheInnerFilterAnswered() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            scrapeEverything();
        } finally {
            root.detachAppender(logs);
        }
        // the Prometheus registry was in the default composite before the first meter: no Micrometer warning
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .extracting(ILoggingEvent::getLoggerName).noneMatch(n -> n.startsWith("io.micrometer"));
    }

    private void scrapeEverything() {
        startWithScrapeServlet("s3cret", false);
        assertThat(server.get("/books/1").statusCode()).isEqualTo(200);
        HttpResponse<String> boom = server.get("/books/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        server.get("/healthz");

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("wrong").statusCode()).isEqualTo(401);
        Fixtures.await(() -> scrape("s3cret").body().contains("status=\"500\""), "the 500 in the scrape");
        HttpResponse<String> ok = scrape("s3cret");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(ok.body())
                .contains("aifilters_http_requests_seconds_count{exception=\"None\",method=\"GET\","
                        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/books/{id}\"} 1")
                // the inner filter answered with a 500: the tag names the exception it caught, not None
                .contains("aifilters_http_requests_seconds_count{exception=\"IllegalStateException\",method=\"GET\","
                        + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/books/{id}\"} 1")
                // neither the ops endpoint itself nor health probes are timed by default
                .doesNotContain("uri=\"/_ai/metrics\"").doesNotContain("/_ai/")
                .doesNotContain("uri=\"/healthz\"");
        // a later request shows up in the same (attached) registry
        server.get("/books/2");
        Fixtures.await(() -> scrape("s3cret").body().contains("uri=\"/books/{id}\"} 2"), "second request");
    }

    @Test
    void scrapeServletWithoutTokenIsClosedUnlessAnonymousIsAllowed() {
        startWithScrapeServlet(null, false);
        assertThat(scrape(null).statusCode()).isEqualTo(403);
        server.close();
        startWithScrapeServlet(null, true);
        assertThat(scrape(null).statusCode()).isEqualTo(200);
    }

    @Test
    void registryThatCannotCarryPrometheusIsAnswered503() {
        // the app's own registry of another kind: exporting it is the app's business
        server = TestServer.start(ctx -> {
            ctx.setAttribute(io.github.aifilters.core.filter.AiFilterContext.METER_REGISTRY,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            ServletHolder scrape = new ServletHolder(new PrometheusScrapeServlet("t"));
            scrape.setInitOrder(1);
            ctx.addServlet(scrape, "/_ai/metrics");
        });
        assertThat(scrape("t").statusCode()).isEqualTo(503);
        // an app's composite gets one Prometheus child, found again on the next look
        var composite = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();
        PrometheusMeterRegistry attached = PrometheusScrapeServlet.attach(composite);
        assertThat(attached).isNotNull();
        assertThat(PrometheusScrapeServlet.attach(composite)).isSameAs(attached);
        assertThat(composite.getRegistries()).hasSize(1);
    }
}
