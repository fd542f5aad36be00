package io.github.aifilters.errors.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error filter decides inside the app's {@code sendError} whether the status is its to answer, and for a 4xx
 * that reads the request's Content-Type: Jetty throws from {@code getContentType()} when the charset is unknown
 * ({@code charset=x-bogus-42}). The decision must read the header without that parse and never throw into the app's
 * {@code sendError}: the JSON client gets the status's problem document, the app sees no exception.
 */
class BogusCharsetSendErrorHttpTest {

    private static final String BOGUS_JSON = "application/json; charset=x-bogus-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code /app/{status}}: calls {@code sendError(status)}, after setting a JSON content type with the bogus
     * charset on its response when asked ({@code ?typed}); records what {@code sendError} threw.
     */
    static final class SendingError extends HttpServlet {
        final Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            int status = Integer.parseInt(req.getPathInfo().substring(1));
            // the query, not getParameter: Jetty answers 400 to parameters read from a body with an unknown charset
            if ("typed".equals(req.getQueryString())) {
                try {
                    res.setContentType(BOGUS_JSON);
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            }
            try {
                res.sendError(status);
            } catch (IOException | RuntimeException e) {
                thrown.add(e);
                throw e;
            }
        }
    }

    private final SendingError app = new SendingError();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(ErrorFilterConfig.builder().build())), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(app), "/app/*");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A client that sends JSON with the bogus charset and states no Accept preference (JSON by its body), against an
     * app that calls {@code sendError} as it is, or after typing its response with the same bogus charset. A 5xx is
     * held whatever the client; a 4xx is held for a JSON client only, which is where the Content-Type is read.
     */
    @Test
    void aJsonClientWithABogusCharsetGetsTheStatusProblemAndTheAppNoException() throws Exception {
        for (String typed : new String[] {"", "?typed"}) {
            for (int status : new int[] {404, 409, 500, 503}) {
                HttpResponse<String> r = server.send(server.request("/app/" + status + typed)
                        .header("Content-Type", BOGUS_JSON)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
                assertProblem(r, status, "sendError(" + status + ")" + typed);
            }
        }
    }

    private void assertProblem(HttpResponse<String> r, int status, String what) throws Exception {
        assertThat(List.copyOf(app.thrown)).as("what the app's %s threw", what).isEmpty();
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("x-bogus-42").doesNotContain("Exception");
    }
}
