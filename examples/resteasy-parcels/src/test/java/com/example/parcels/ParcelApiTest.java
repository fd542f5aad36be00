package com.example.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
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
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The parcel API with all five filters, over real HTTP: the RESTEasy checks of docs/jakarta-rest.md. Each RESTEasy
 * setting of {@link ParcelServer} is needed by at least one of them.
 */
class ParcelApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_CLIENT = "application/json";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** Nothing of the app's classes, its libraries or its exception messages may reach a client. */
    private static final Pattern LEAK = Pattern.compile("com\\.example|com\\.fasterxml|Model\\$|\\$[A-Z]|jackson|"
            + "resteasy|jboss|java\\.|jakarta\\.|Exception|StreamReadConstraints|\\bat [\\w$.]+\\(|route planner|"
            + "scan archive|CarrierBooking|deserialize|<html", Pattern.CASE_INSENSITIVE);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        events.start();
        eventLogger.addAppender(events);
        server = ParcelServer.start(0);
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        eventLogger.detachAppender(events);
        server.stop();
    }

    /** One request over HTTP/1.1 to the server at {@code base}, with a JSON body when {@code body} is not null. */
    static HttpResponse<String> send(String base, String method, String path, String accept, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", accept);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String accept, String body) throws Exception {
        return send(base, method, path, accept, body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, JSON_CLIENT, null);
    }

    /** A problem document of this status that leaks nothing; its body. */
    static JsonNode assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body())
                .startsWith("application/problem+json");
        assertThat(r.body()).doesNotContainPattern(LEAK);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        return body;
    }

    /**
     * A server error as the client and ops see it: a problem document with an error id and a fingerprint, and the one
     * error event of this test, naming the same error id, status and category. The event's fields.
     */
    private Map<String, Object> assertServerError(HttpResponse<String> r, int status) throws Exception {
        JsonNode problem = assertProblem(r, status);
        assertThat(problem.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(problem.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        List<Map<String, Object>> logged = events.list.stream().map(ParcelApiTest::kv)
                .filter(kv -> kv.containsKey("errorId")).toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).containsEntry("errorId", problem.path("errorId").asText())
                .containsEntry("status", status).containsEntry("category", problem.path("category").asText());
        return logged.get(0);
    }

    private static Map<String, Object> kv(ILoggingEvent e) {
        if (e.getKeyValuePairs() == null) {
            return Map.of();
        }
        return e.getKeyValuePairs().stream().filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.key, p -> p.value, (a, b) -> b));
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

    @Test
    void aFailureResumedOnTheAsyncWorkerIsA500ProblemWithOneLogLine() throws Exception {
        Map<String, Object> event = assertServerError(get("/api/parcels/PX-LOST/eta"), 500);
        // RESTEasy answers it with sendError(500) on the worker, then complete(): resolved there, not as a 200.
        assertThat(event.get("origin")).isEqualTo("async-complete");
        assertThat(timed("status", "500", 1)).isEqualTo(1);
        assertThat(timed("status", "200", 0)).isZero();
    }

    @Test
    void anUnmappedExceptionOnTheRequestThreadIsA500Problem() throws Exception {
        assertThat(assertServerError(get("/api/parcels/PX-LOST/scans"), 500))
                .containsEntry("category", "internal").containsEntry("origin", "exception");
    }

    @Test
    void aSuspendedTimeoutOnResteasysOwnTimerIsA503TimeoutProblem() throws Exception {
        HttpResponse<String> r = get("/api/parcels/PX-1001/customs");
        // Completed by RESTEasy's timer thread: the container's timer would have said async-timeout.
        assertThat(assertServerError(r, 503)).containsEntry("category", "timeout")
                .containsEntry("origin", "async-complete");
        assertThat(r.headers().firstValue("Retry-After"))
                .hasValue(Long.toString(ErrorFilterConfig.ofDefaults().retryAfter().toSeconds()));
    }

    @Test
    void frameworkClientErrorsAreProblemsForJsonClientsWithTheirHeadersKept() throws Exception {
        HttpResponse<String> unknown = get("/api/parcels/PX-9999");
        assertThat(assertProblem(unknown, 404).path("type").asText()).endsWith("/not-found");
        // The path is a real route: the parcel is missing, no other route is suggested.
        assertThat(unknown.headers().firstValue("X-Suggested-Route")).isEmpty();

        HttpResponse<String> wrongMethod = send("DELETE", "/api/parcels", JSON_CLIENT, null);
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");

        HttpResponse<String> tooMany = send("POST", "/api/parcels/PX-1003/redirect", JSON_CLIENT,
                "{\"address\": \"Hamngatan 2, Uppsala\"}");
        assertThat(assertProblem(tooMany, 429).path("category").asText()).isEqualTo("rate_limit");
        assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("3600");
        // Client errors are not the app's errors: no error id, no log line.
        assertThat(unknown.body() + wrongMethod.body() + tooMany.body()).doesNotContain("errorId");
        assertThat(events.list).isEmpty();
    }

    @Test
    void browsersKeepResteasysAnswer() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/parcels/PX-9999", BROWSER, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");
        HttpResponse<String> tooMany = send("POST", "/api/parcels/PX-1003/redirect", BROWSER,
                "{\"address\": \"Hamngatan 2, Uppsala\"}");
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");
        assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("3600");
        // A 405 keeps RESTEasy's Allow for every client (the route suggestion filter answers it for all of them).
        HttpResponse<String> wrongMethod = send("DELETE", "/api/parcels", BROWSER, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
    }

    @Test
    void aMistypedPathUnderTheMappingGetsARouteSuggestion() throws Exception {
        HttpResponse<String> r = get("/api/parcles/PX-1001");
        JsonNode body = assertProblem(r, 404);
        assertThat(r.headers().firstValue("X-Suggested-Route")).hasValue("GET /api/parcels/{id}");
        assertThat(body.path("suggestions").get(0).path("route").asText()).isEqualTo("GET /api/parcels/{id}");
    }

    @Test
    void badBodiesAre400ProblemsThatNameNoClass() throws Exception {
        // Caught by the validation filter (the route has a schema).
        for (String body : List.of(
                "{\"recipient\": \"A. Moreau\", ",                                    // malformed
                "{\"recipient\": \"A. Moreau\", \"destination\": \"Lyon 12\", \"service\": \"teleport\"}", // schema
                "[".repeat(1200) + "]".repeat(1200),                                 // too deep
                "{\"recipient\": {\"name\": \"A\"}, \"destination\": \"12 Rue Neuve\"}")) { // wrong type
            assertProblem(send("POST", "/api/parcels", JSON_CLIENT, body), 400);
        }
        // No schema on this route: Jackson meets the body inside RESTEasy, and the app's mapper answers the bare 400.
        for (String body : List.of(
                "{\"text\": [\"leave it with the neighbour\"]}",                     // wrong type
                "{\"text\": \"leave it\", ",                                          // malformed
                "{\"text\": " + "[".repeat(1200) + "]".repeat(1200) + "}")) {       // too deep
            JsonNode problem = assertProblem(send("PUT", "/api/parcels/PX-1001/note", JSON_CLIENT, body), 400);
            assertThat(problem.path("category").asText()).isEqualTo("validation");
        }
        assertThat(events.list).isEmpty();
        HttpResponse<String> ok = send("POST", "/api/parcels", JSON_CLIENT,
                "{\"recipient\": \"K. Lind\", \"destination\": \"Hamngatan 2, Uppsala\", \"weightGrams\": 950}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(JSON.readTree(ok.body()).path("id").asText()).startsWith("PX-");
    }

    @Test
    void aResponseJacksonCannotWriteIsA500ProblemNotAClientError() throws Exception {
        assertServerError(get("/api/parcels/PX-LOST/label"), 500);
    }

    @Test
    void unmatchedPathsUnderTheMappingAreCountedAsNotFound() throws Exception {
        assertThat(get("/api/nothing/here/42").statusCode()).isEqualTo(404);
        assertThat(get("/api/parcles/PX-1001").statusCode()).isEqualTo(404);
        // One bounded series for whatever a scanner tries, not the servlet mapping's pattern.
        assertThat(timed("uri", "NOT_FOUND", 2)).isEqualTo(2);
        assertThat(timed("uri", "/api/*", 0)).isZero();
    }

    @Test
    void theAppsOwnExceptionMapperAnswerIsUntouched() throws Exception {
        HttpResponse<String> r = send("POST", "/api/parcels/PX-1002/redirect", JSON_CLIENT,
                "{\"address\": \"Na Příkopě 1, Prague\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("code").asText()).isEqualTo("already-delivered");
        assertThat(body.path("parcelId").asText()).isEqualTo("PX-1002");
        assertThat(events.list).isEmpty();
    }

    @Test
    void successfulAsyncAndSyncRequestsAreUntouched() throws Exception {
        HttpResponse<String> scan = send("POST", "/api/parcels/PX-1001/scans", JSON_CLIENT,
                "{\"kind\": \"van\", \"location\": \"Lyon 7e\"}");
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(202);
        HttpResponse<String> scans = get("/api/parcels/PX-1001/scans");
        assertThat(scans.statusCode()).as(scans.body()).isEqualTo(200);
        assertThat(JSON.readTree(scans.body()).path("scans").size()).isEqualTo(2);
        HttpResponse<String> eta = get("/api/parcels/PX-1002/eta");
        assertThat(eta.statusCode()).as(eta.body()).isEqualTo(200);
        assertThat(JSON.readTree(eta.body()).path("hops").asInt()).isEqualTo(1);
        HttpResponse<String> label = get("/api/parcels/PX-1001/label");
        assertThat(label.statusCode()).as(label.body()).isEqualTo(200);
        assertThat(JSON.readTree(label.body()).path("carrier").asText()).isEqualTo("CR-PX-1001");
        assertThat(events.list).isEmpty();
    }
}
