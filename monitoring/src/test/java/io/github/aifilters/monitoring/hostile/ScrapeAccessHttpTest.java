package io.github.aifilters.monitoring.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.ops.OpsAccess;
import io.github.aifilters.core.testing.RawHttp;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.monitoring.PrometheusScrapeServlet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 8 for the Prometheus scrape endpoint: the same access rule as the other ops endpoints
 * ({@link OpsAccess}), enforced by the servlet itself — here with no AI filter in front, as a web.xml app that maps
 * only the scrape servlet has it. Closed without a token unless the app opts into loopback access; TRACE refused.
 */
class ScrapeAccessHttpTest {

    private static final String TOKEN = "scrape-token-7Qz";
    private static final String COOKIE = "JSESSIONID=session-7Qz-cookie";

    /** The scrape servlet alone, web.xml style, over a registry holding one known meter. */
    private static TestServer start(Map<String, String> initParams, Map<String, String> contextParams) {
        return start(new ServletHolder(PrometheusScrapeServlet.class), initParams, contextParams);
    }

    private static TestServer start(ServletHolder scrape, Map<String, String> initParams,
                                    Map<String, String> contextParams) {
        return TestServer.start(ctx -> {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.counter("scrape.probe").increment();
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            contextParams.forEach(ctx::setInitParameter);
            scrape.setInitOrder(1);
            initParams.forEach(scrape::setInitParameter);
            ctx.addServlet(scrape, "/_ai/metrics");
        });
    }

    private static HttpResponse<String> get(TestServer s, String... headers) {
        HttpRequest.Builder b = s.request("/_ai/metrics");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return s.send(b.GET().build());
    }

    private static void assertScraped(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.body()).contains("scrape_probe_total 1.0");
    }

    private static void assertRefused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("scrape_probe");
    }

    /** TRACE would echo the request's Authorization and Cookie; writes have nothing to write. */
    @Test
    void traceAndWritesAreRefusedAndNothingIsEchoed() throws Exception {
        for (Map<String, String> params : List.of(Map.<String, String>of(), Map.of(PrometheusScrapeServlet.TOKEN, TOKEN),
                Map.of(PrometheusScrapeServlet.OPEN_ON_LOOPBACK, "true"))) {
            try (TestServer s = start(params, Map.of())) {
                RawHttp trace = RawHttp.exchange(s.uri(""), "TRACE /_ai/metrics HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\nCookie: " + COOKIE + "\r\nConnection: close",
                        new byte[0], false, 10_000);
                assertThat(trace.status()).as("TRACE with %s", params).isEqualTo(405);
                assertThat(trace.head() + trace.body()).as("TRACE with %s", params)
                        .doesNotContain(TOKEN).doesNotContain("session-7Qz-cookie");
                assertThat(trace.head()).contains("Allow: GET, HEAD, OPTIONS");
                for (String method : new String[] {"POST", "PUT", "DELETE"}) {
                    HttpResponse<String> write = s.send(s.request("/_ai/metrics")
                            .header("Authorization", "Bearer " + TOKEN)
                            .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
                    assertThat(write.statusCode()).as("%s with %s", method, params).isEqualTo(405);
                }
            }
        }
    }

    @Test
    void closedUnlessATokenIsConfiguredOrTheAppOptsIntoLoopbackAccess() {
        try (TestServer s = start(Map.of(), Map.of())) {
            assertRefused(get(s), 403);
            assertRefused(get(s, "Authorization", "Bearer " + TOKEN), 403);
            HttpResponse<String> head = s.send(s.request("/_ai/metrics")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(403);
        }
        try (TestServer s = start(Map.of(PrometheusScrapeServlet.TOKEN, TOKEN), Map.of())) {
            assertRefused(get(s), 401);
            assertRefused(get(s, "Authorization", "Bearer wrong"), 401);
            assertThat(get(s).headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertScraped(get(s, "Authorization", "Bearer " + TOKEN));
        }
        try (TestServer s = start(Map.of(PrometheusScrapeServlet.OPEN_ON_LOOPBACK, "true"), Map.of())) {
            assertScraped(get(s));
            // a local reverse proxy makes every client look local
            assertRefused(get(s, "X-Forwarded-For", "203.0.113.9"), 403);
            assertRefused(get(s, "Forwarded", "for=203.0.113.9"), 403);
        }
        // the app-wide context-param opens every ops endpoint of the app the same way
        try (TestServer s = start(Map.of(), Map.of(OpsAccess.CONTEXT_OPEN_ON_LOOPBACK, "true"))) {
            assertScraped(get(s));
            assertRefused(get(s, "X-Forwarded-For", "203.0.113.9"), 403);
        }
        try (TestServer s = start(new ServletHolder(new PrometheusScrapeServlet(null, true)), Map.of(), Map.of())) {
            assertScraped(get(s));
        }
    }

    /** {@code allowAnonymous} is an alias of the loopback opt-in: it opens nothing to other hosts or proxies. */
    @Test
    void allowAnonymousIsTheLoopbackOptIn() {
        try (TestServer s = start(Map.of(PrometheusScrapeServlet.ALLOW_ANONYMOUS, "true"), Map.of())) {
            assertScraped(get(s));
            assertRefused(get(s, "X-Forwarded-For", "203.0.113.9"), 403);
        }
        // with a token, the token decides
        try (TestServer s = start(Map.of(PrometheusScrapeServlet.ALLOW_ANONYMOUS, "true",
                PrometheusScrapeServlet.TOKEN, TOKEN), Map.of())) {
            assertRefused(get(s), 401);
            assertScraped(get(s, "Authorization", "Bearer " + TOKEN));
        }
    }
}
