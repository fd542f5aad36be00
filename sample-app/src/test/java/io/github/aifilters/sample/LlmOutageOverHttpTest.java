package io.github.aifilters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.Await;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 10 with the provider hanging: the sample app, its LLM configured by context-params as a web.xml app
 * configures it, talks to a fake OpenAI-compatible endpoint that answers only long after the gateway's deadline. The
 * outage must be visible to ops — timeouts and their latency in the metrics, the breaker open, the same figures in
 * the {@code llm} section of both {@code /_ai/errors} and {@code /_ai/monitoring}, and the breaker alert — while no
 * client waits longer than the deadline.
 */
class LlmOutageOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMillis(300);
    /** How long the provider takes: far past the deadline, within the SDK's own timeout (so no SDK failure). */
    private static final Duration HANG = Duration.ofSeconds(8);
    /** Breaker window and minimum calls: this many timeouts in a row open it. */
    private static final int WINDOW = 4;
    /** The sample's failing paths, each its own fingerprint (see FailingServlet). */
    private static final String[] KINDS = {"database", "upstream", "validation", "auth", "npe"};
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeOpenAiServer fake;
    private Server server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        fake = FakeOpenAiServer.start();
        fake.setDefault(FakeOpenAiServer.hang(HANG, "{}"));
        ServletContextHandler context = SampleApp.context(true);
        context.setAttribute(AiFilterContext.METER_REGISTRY, registry);
        String llm = "aifilters.llm.";
        context.setInitParameter(llm + "baseUrl", fake.baseUrl());
        context.setInitParameter(llm + "apiKey", "test-key-for-the-fake-server");
        context.setInitParameter(llm + "model", "gpt-4o-mini");
        context.setInitParameter(llm + "timeout", "20s");
        context.setInitParameter(llm + "maxRetries", "0");
        context.setInitParameter(llm + "deadline", DEADLINE.toMillis() + "ms");
        context.setInitParameter(llm + "cache.enabled", "false");
        context.setInitParameter(llm + "breaker.window", Integer.toString(WINDOW));
        context.setInitParameter(llm + "breaker.minCalls", Integer.toString(WINDOW));
        context.setInitParameter(llm + "breaker.openFor", "5m");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        fake.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    @Test
    void timeoutsAreCountedInTheMetricsAndShownInBothOpsViewsWithTheirLatency() throws Exception {
        // The engine builds its client in the background at start-up; a call before that is over would wait for it
        // rather than for the provider.
        Await.until(() -> fake.modelListCount() >= 1, "the engine's warm-up request");
        // Five errors of five kinds (five fingerprints): each is analysed by the LLM in the background, after the
        // client has its answer, one after the other (the error filter has one LLM thread by default). Four time out and open the breaker, which refuses the fifth.
        for (String kind : KINDS) {
            assertThat(get("/api/fail/" + kind).statusCode()).as(kind).isGreaterThanOrEqualTo(400);
        }
        Await.until(() -> ops("/_ai/monitoring").path("llm").path("calls").asLong() >= KINDS.length,
                "the analyses of the five errors");
        assertThat(fake.requestCount()).as("calls that reached the provider").isBetween(1, WINDOW);

        // Metrics: the timeouts and their latency (the deadline, not the provider's hang), the breaker open, opened
        // once, and the call it refused.
        assertThat(count("timeout")).isEqualTo(WINDOW);
        assertThat(count("circuit_open")).isEqualTo(KINDS.length - WINDOW);
        long timed = 0;
        double maxMillis = 0;
        for (Timer t : registry.find("aifilters.llm.latency").tag("outcome", "timeout").timers()) {
            timed += t.count();
            maxMillis = Math.max(maxMillis, t.max(TimeUnit.MILLISECONDS));
            assertThat(t.mean(TimeUnit.MILLISECONDS)).isBetween(DEADLINE.toMillis() * 0.9, HANG.toMillis() / 2.0);
        }
        assertThat(timed).isEqualTo(WINDOW);
        assertThat(maxMillis).isBetween(DEADLINE.toMillis() * 0.9, HANG.toMillis() / 2.0);
        Gauge state = registry.find("aifilters.llm.breaker.state").gauge();
        assertThat(state).isNotNull();
        assertThat(state.value()).as("breaker state (1 = open)").isEqualTo(1.0);
        assertThat(registry.find("aifilters.llm.breaker.openings").counter()).isNotNull()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));

        // Both ops views: the same llm section, with the latency of the timed-out calls.
        for (String view : new String[] {"/_ai/errors", "/_ai/monitoring"}) {
            JsonNode llm = ops(view).path("llm");
            assertThat(llm.path("enabled").asBoolean()).as(view).isTrue();
            assertThat(llm.path("breakerState").asText()).as(view).isEqualTo("OPEN");
            assertThat(llm.path("breakerOpenings").asLong()).as(view).isEqualTo(1);
            assertThat(llm.path("calls").asLong()).as(view).isEqualTo(KINDS.length);
            assertThat(llm.path("timeouts").asLong()).as(view).isEqualTo(WINDOW);
            assertThat(llm.path("rejected").asLong()).as(view).isEqualTo(KINDS.length - WINDOW);
            assertThat(llm.path("successes").asLong()).as(view).isZero();
            assertThat(llm.path("meanLatencyMillis").asDouble()).as(view)
                    .isBetween(DEADLINE.toMillis() * 0.9, HANG.toMillis() / 2.0);
            assertThat(llm.path("maxLatencyMillis").asDouble()).as(view)
                    .isBetween(DEADLINE.toMillis() * 0.9, HANG.toMillis() / 2.0);
            assertThat(llm.path("lastFailureAt").asText()).as(view).isNotBlank();
        }
        // And the alert, raised when the breaker opened.
        Await.until(() -> ops("/_ai/monitoring").path("alerts").toString().contains("llm_breaker_open"),
                "the breaker alert in /_ai/monitoring");
    }

    private double count(String outcome) {
        return registry.find("aifilters.llm.calls").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private JsonNode ops(String path) {
        try {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
