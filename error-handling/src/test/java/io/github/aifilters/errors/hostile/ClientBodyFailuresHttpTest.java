package io.github.aifilters.errors.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.testing.RawHttp;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1 over raw sockets: a truncated or badly chunked upload is the client's failure (400), never an
 * upstream 502 of severity high.
 */
class ClientBodyFailuresHttpTest {

    /** Reads the body first, as the intent and validation filters do. */
    static final class BodyReadingFilter extends AbstractAiFilter {
        @Override
        protected Set<String> configKeys() {
            return CommonSettings.KEYS;
        }

        @Override
        protected void initFilter(InitParams params) {
            useCommon(CommonSettings.from(params));
        }

        @Override
        protected void filter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            BodyCapturingRequest body = BodyCapturingRequest.install(req);
            readBody(body);
            chain.doFilter(body.downstream(req), res);
        }
    }

    /** The app: reads the JSON body with Jackson, as the sample's API does. */
    static final class JsonApp extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            new ObjectMapper().readTree(req.getInputStream());
            res.getWriter().print("ok");
        }
    }

    /** The app's own I/O fails with an EOF (a database socket): that stays the app's failure, not a 400. */
    static final class UpstreamEof extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            req.getInputStream().readAllBytes();
            throw new IOException("database read failed", new java.io.EOFException("connection closed by peer"));
        }
    }

    static TestServer server(boolean bodyFilter) {
        return TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(ErrorFilterConfig.builder().build())), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            if (bodyFilter) {
                FilterHolder reading = new FilterHolder(new BodyReadingFilter());
                reading.setInitParameter(CommonSettings.BODY_READ_TIMEOUT, "1s");
                ctx.addFilter(reading, "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            ctx.addServlet(new ServletHolder(new JsonApp()), "/api/*");
            ctx.addServlet(new ServletHolder(new UpstreamEof()), "/upstream");
        });
    }

    private static final String JSON_PART = "{\"name\":\"A";

    @Test
    void truncatedBodyIsABadRequestNotAnUpstreamError() throws Exception {
        for (boolean bodyFilter : new boolean[] {false, true}) {
            try (TestServer s = server(bodyFilter)) {
                RawHttp r = RawHttp.exchange(s.uri(""), "POST /api/users HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100",
                        JSON_PART.getBytes(StandardCharsets.UTF_8), true, 15_000);
                assertThat(r.status()).as("with body filter: " + bodyFilter).isIn(400, -1);
                assertThat(r.body()).doesNotContain("external-service").doesNotContain("\"high\"");
            }
        }
    }

    @Test
    void badChunkSizeIsABadRequestNotAnUpstreamError() throws Exception {
        for (boolean bodyFilter : new boolean[] {false, true}) {
            try (TestServer s = server(bodyFilter)) {
                RawHttp r = RawHttp.exchange(s.uri(""), "POST /api/users HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked",
                        ("5\r\n{\"a\":\r\nZZZ\r\n1}\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8), false, 15_000);
                assertThat(r.status()).as("with body filter: " + bodyFilter).isEqualTo(400);
                assertThat(r.body()).doesNotContain("external-service").doesNotContain("\"high\"");
            }
        }
    }

    /**
     * A stalled body: the filters' read gives up at its 1 s budget (not Jetty's 30 s idle timeout) and the app's read
     * fails at once with the same failure (no second wait): 408 within seconds. Before: no answer for 60 s.
     */
    @Test
    void stalledBodyIsARequestTimeoutWithinTheBudget() throws Exception {
        try (TestServer s = server(true)) {
            long start = System.nanoTime();
            RawHttp r = RawHttp.exchange(s.uri(""), "POST /api/users HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100",
                    JSON_PART.getBytes(StandardCharsets.UTF_8), false, 10_000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).as(r.head()).isEqualTo(408);
            assertThat(r.body()).contains("request-timeout").doesNotContain("external-service");
            assertThat(millis).as("answered after the budget, not an idle timeout").isLessThan(10_000);
        }
    }

    /** A slow drip (a byte every 100 ms stays under every idle timeout) is stopped by the budget: 408. */
    @Test
    void slowDripIsStoppedByTheBudget() throws Exception {
        try (TestServer s = server(true)) {
            byte[] body = ("{\"name\":\"" + "a".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
            RawHttp r = RawHttp.drip(s.uri(""), "POST /api/users HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length, body, 100, 10_000);
            assertThat(r.status()).as(r.head()).isEqualTo(408);
        }
    }

    @Test
    void anEofFromTheAppsOwnIoIsNotTheClients() {
        try (TestServer s = server(true)) {
            java.net.http.HttpResponse<String> r = s.postJson("/upstream", "{\"a\":1}");
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(r.body()).doesNotContain("incomplete-body");
        }
    }
}
