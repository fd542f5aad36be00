package com.example.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The telemetry API with all five filters, over real HTTP, in both of Jersey's error modes ({@code sendError}, the
 * default, and {@code setStatusOverSendError=true}): the checks of docs/jakarta-rest.md.
 */
class TelemetryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nothing of the app's classes or its libraries may reach a client. */
    private static final Pattern LEAK = Pattern.compile("com\\.example|Model\\$|\\$[A-Z]|jackson|jersey|glassfish|"
            + "java\\.|jakarta\\.|Exception|StreamReadConstraints|\\bat [\\w$.]+\\(|aggregation service|<html",
            Pattern.CASE_INSENSITIVE);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private Server server;
    private String base;

    @BeforeEach
    void captureLog() {
        events.start();
        eventLogger.addAppender(events);
    }

    @AfterEach
    void stop() throws Exception {
        eventLogger.detachAppender(events);
        if (server != null) {
            server.stop();
        }
    }

    private void start(boolean statusOverSendError) throws Exception {
        server = TelemetryServer.start(0, statusOverSendError);
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body())
                .startsWith("application/problem+json");
        assertThat(r.body()).doesNotContainPattern(LEAK);
    }

    private List<Map<String, Object>> errorEvents() {
        return events.list.stream().map(TelemetryApiTest::kv).filter(kv -> kv.containsKey("errorId")).toList();
    }

    private static Map<String, Object> kv(ILoggingEvent e) {
        if (e.getKeyValuePairs() == null) {
            return Map.of();
        }
        return e.getKeyValuePairs().stream().filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.key, p -> p.value, (a, b) -> b));
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void aFailureOnTheAsyncWorkerIsA500ProblemWithOneLogLine(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("GET", "/v1/devices/dev-broken/summary", null);
        assertProblem(r, 500);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(errorEvents()).hasSize(1);
        assertThat(errorEvents().get(0).get("errorId")).isEqualTo(body.path("errorId").asText());
        assertThat(errorEvents().get(0).get("status")).isEqualTo(500);
        // Metrics count what the client got: a 500, not the 200 the container would have sent without the filter.
        assertThat(requestsCounted("500")).isEqualTo(1);
        assertThat(requestsCounted("200")).isZero();
    }

    /**
     * Requests of the summary route counted by the monitoring filter with this status. The filter records async
     * requests when they complete, which may be just after the client has the answer: wait for the count, bounded.
     */
    private long requestsCounted(String status) throws InterruptedException {
        return "500".equals(status) ? timed("status", status, 1) : timed("status", status, 0);
    }

    /**
     * Requests the monitoring filter timed with this tag, once at least {@code atLeast} of them are (it records a
     * request after the client may already have the answer), or what it counted after a bounded wait.
     */
    private long timed(String tag, String value, long atLeast) throws InterruptedException {
        MeterRegistry registry = (MeterRegistry) ((ServletContextHandler) server.getHandler()).getServletContext()
                .getAttribute(AiFilterContext.METER_REGISTRY);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long count;
        while ((count = registry.find(MonitoringFilter.METRIC).tag(tag, value).timers().stream()
                .mapToLong(Timer::count).sum()) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return count;
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void unmatchedPathsUnderTheMappingAreCountedAsNotFound(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        assertThat(send("GET", "/v1/nothing/here/42", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/devcies/dev-1", null).statusCode()).isEqualTo(404);
        // One bounded series for whatever a scanner tries, not the servlet mapping's pattern.
        assertThat(timed("uri", "NOT_FOUND", 2)).isEqualTo(2);
        assertThat(timed("uri", "/v1/*", 0)).isZero();
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void aSuspendedTimeoutOnJerseysOwnTimerIsA503Problem(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("GET", "/v1/devices/dev-1/firmware", null);
        assertProblem(r, 503);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        // Jersey's timer, not the container's, ended the request: still a timeout, not an upstream failure.
        assertThat(body.path("category").asText()).isEqualTo("timeout");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(errorEvents()).hasSize(1);
        assertThat(errorEvents().get(0).get("errorId")).isEqualTo(body.path("errorId").asText());
        assertThat(errorEvents().get(0).get("category")).isEqualTo("timeout");
        assertThat(errorEvents().get(0).get("origin")).isEqualTo("async-complete");
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void anUnknownDeviceIsA404ProblemForJsonClients(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("GET", "/v1/devices/dev-999", null);
        assertProblem(r, 404);
        assertThat(JSON.readTree(r.body()).path("type").asText()).endsWith("/not-found");
        // The path is a real route: the resource is missing, no other route is suggested.
        assertThat(r.headers().firstValue("X-Suggested-Route")).isEmpty();
        assertThat(errorEvents()).isEmpty();
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void aMistypedPathGetsARouteSuggestion(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("GET", "/v1/devcies/dev-1", null);
        assertProblem(r, 404);
        assertThat(r.headers().firstValue("X-Suggested-Route")).hasValue("GET /v1/devices/{id}");
        assertThat(JSON.readTree(r.body()).path("suggestions").get(0).path("route").asText())
                .isEqualTo("GET /v1/devices/{id}");
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void aWrongMethodIs405WithJerseysAllowKept(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("DELETE", "/v1/devices", null);
        assertProblem(r, 405);
        String allow = r.headers().firstValue("Allow").orElse("");
        assertThat(allow).contains("GET").contains("POST");
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void aFramework429KeepsItsRetryAfter(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> r = send("POST", "/v1/devices/dev-2/commands", "{\"action\":\"reboot\"}");
        assertProblem(r, 429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3600");
        assertThat(JSON.readTree(r.body()).path("category").asText()).isEqualTo("rate_limit");
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void badBodiesAre400ProblemsThatNameNoClass(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        // Caught by the validation filter (the route has a schema).
        for (String body : List.of(
                "{\"name\": \"boiler\", ",                                         // malformed
                "{\"name\": \"boiler room\", \"kind\": \"toaster\"}",                 // schema
                "[".repeat(1200) + "]".repeat(1200),                                 // too deep
                "{\"name\": {\"first\": \"boiler\"}, \"kind\": \"gateway\"}")) {    // wrong type
            HttpResponse<String> r = send("POST", "/v1/devices", body);
            assertProblem(r, 400);
        }
        // No schema on this route: Jackson meets the body. Without JacksonFeature's default mappers its failures
        // reach the error filter, whose answer names neither the record nor Jackson's settings.
        for (String body : List.of(
                "{\"text\": [\"boiler\"]}",                                          // wrong type
                "{\"text\": \"boiler\", ",                                          // malformed
                "{\"text\": " + "[".repeat(1200) + "]".repeat(1200) + "}")) {       // too deep
            HttpResponse<String> r = send("PUT", "/v1/devices/dev-1/label", body);
            assertProblem(r, 400);
        }
        HttpResponse<String> ok = send("POST", "/v1/devices",
                "{\"name\": \"cellar hygrometer\", \"kind\": \"hygrometer\", \"firmware\": \"1.0.2\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(JSON.readTree(ok.body()).path("id").asText()).startsWith("dev-");
    }

    @ParameterizedTest(name = "setStatusOverSendError={0}")
    @ValueSource(booleans = {false, true})
    void successfulAsyncAndSyncRequestsAreUntouched(boolean statusOverSendError) throws Exception {
        start(statusOverSendError);
        HttpResponse<String> up = send("POST", "/v1/devices/dev-1/readings",
                "{\"readings\": [{\"metric\": \"temperature\", \"value\": 21.5, \"unit\": \"C\"},"
                        + " {\"metric\": \"temperature\", \"value\": 23.5, \"unit\": \"C\"}]}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
        HttpResponse<String> summary = send("GET", "/v1/devices/dev-1/summary", null);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(JSON.readTree(summary.body()).path("mean").asDouble()).isEqualTo(22.5);
        HttpResponse<String> list = send("GET", "/v1/devices", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).size()).isGreaterThanOrEqualTo(3);
        assertThat(errorEvents()).isEmpty();
    }
}
