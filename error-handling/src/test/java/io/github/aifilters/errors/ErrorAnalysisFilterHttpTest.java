package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorAnalysisFilterHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What must never reach a client: secrets, class names, frames, SQL, hosts, IPs, paths. */
    private static final Pattern LEAK = Pattern.compile(TestApp.SECRET + "|eyJhbGci|Exception|\\bjava\\.|"
            + "io\\.github|\\bat [\\w$.]+\\(|\\.java:\\d|SELECT|jdbc|Hikari|db\\.internal|payments\\.internal|10\\.0\\.3\\.4|"
            + "/etc/|/srv/|api_key|inventory:9090", Pattern.CASE_INSENSITIVE);

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private TestServer server;

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
    }

    static TestServer start(ErrorFilterConfig config, LlmClient engine) {
        return TestServer.start(ctx -> {
            ctx.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent e) {
                    if (engine != null) {
                        e.getServletContext().setAttribute(AiFilterContext.LLM, engine);
                    }
                }
            });
            FilterHolder filter = new FilterHolder(new ErrorAnalysisFilter(config));
            filter.setAsyncSupported(true);
            ctx.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
                    DispatcherType.ERROR));
            ServletHolder async = new ServletHolder(new TestApp.AsyncFailing());
            async.setAsyncSupported(true);
            ctx.addServlet(async, "/async");
            ServletHolder asyncStart = new ServletHolder(new TestApp.AsyncStartFailing());
            asyncStart.setAsyncSupported(true);
            ctx.addServlet(asyncStart, "/async-start");
            ServletHolder hanging = new ServletHolder(new TestApp.AsyncNeverCompletes());
            hanging.setAsyncSupported(true);
            ctx.addServlet(hanging, "/hanging");
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/app/*");
            ctx.addServlet(new ServletHolder(new ErrorOpsServlet("ops-token")), "/_ai/errors");
        });
    }

    private static ErrorFilterConfig.Builder config() {
        return ErrorFilterConfig.builder().inAppPackages(List.of("io.github.aifilters.errors.TestApp"));
    }

    private List<ILoggingEvent> errorEvents() {
        return events.list.stream().filter(e -> kv(e).containsKey("errorId")).toList();
    }

    static Map<String, Object> kv(ILoggingEvent e) {
        if (e.getKeyValuePairs() == null) {
            return Map.of();
        }
        return e.getKeyValuePairs().stream().filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.key, p -> p.value, (a, b) -> b));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "validation, 400, https://aifilters.github.io/problems/validation",
        "validation-sql, 400, https://aifilters.github.io/problems/validation",
        "authentication, 401, https://aifilters.github.io/problems/authentication",
        "authorization, 403, https://aifilters.github.io/problems/authorization",
        "not_found, 404, https://aifilters.github.io/problems/not-found",
        "rate_limit, 429, https://aifilters.github.io/problems/rate-limit",
        "external_service, 502, https://aifilters.github.io/problems/external-service",
        "database, 503, https://aifilters.github.io/problems/database",
        "internal, 500, https://aifilters.github.io/problems/internal",
        "internal-secret, 500, https://aifilters.github.io/problems/internal"})
    void everyCategoryEndToEndWithoutLeaks(String path, int status, String type) throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/app/" + path + "/17");
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo(type);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("instance").asText()).isEqualTo("/app/" + path + "/17");
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(body.path("category").asText()).isEqualTo(path.replace("-sql", "").replace("-secret", ""));
        assertThat(r.body()).doesNotContainPattern(LEAK);
        boolean retries = status == 429 || status == 502 || status == 503;
        assertThat(r.headers().firstValue("Retry-After").isPresent()).isEqualTo(retries);
        if (retries) {
            assertThat(body.path("retryAfter").asLong()).isEqualTo(30);
            assertThat(body.path("suggestions").toString()).contains("30 seconds");
        }

        List<ILoggingEvent> logged = errorEvents();
        assertThat(logged).hasSize(1);
        Map<String, Object> kv = kv(logged.get(0));
        assertThat(kv.get("errorId")).isEqualTo(body.path("errorId").asText());
        assertThat(kv.get("fingerprint")).isEqualTo(body.path("fingerprint").asText());
        assertThat(kv).containsKeys("occurrences", "category", "severity", "method", "route", "headers", "userAgent",
                "stackTrace", "probableCause", "suggestedActions");
        assertThat(kv.get("route")).isEqualTo("/app/" + path + "/{id}");
        assertThat(kv.get("method")).isEqualTo("GET");
        assertThat(kv.get("occurrences")).isEqualTo(1L);
        assertThat(kv.get("committed")).isEqualTo(false);
        // The log carries the full (redacted) stack trace, but no secret.
        assertThat((String) kv.get("stackTrace")).contains("\tat ").doesNotContain(TestApp.SECRET);
        assertThat(kv.toString()).doesNotContain(TestApp.SECRET).doesNotContain("eyJhbGci");
    }

    @Test
    void validationDetailIsTheSanitisedMessageAndSqlNeverShows() throws Exception {
        server = start(config().build(), null);
        JsonNode ok = JSON.readTree(server.get("/app/validation").body());
        assertThat(ok.path("detail").asText()).isEqualTo("For input string: \"12a\"");
        JsonNode sql = JSON.readTree(server.get("/app/validation-sql").body());
        assertThat(sql.path("detail").asText()).isEqualTo(ClientProblems.GENERIC_VALIDATION);
    }

    @Test
    void secretHeadersAreRedactedInTheLog() throws Exception {
        server = start(config().build(), null);
        server.send(server.request("/app/internal").header("Authorization", "Bearer " + TestApp.JWT)
                .header("User-Agent", "curl/8.5 token=" + TestApp.SECRET).GET().build());
        Map<String, Object> kv = kv(errorEvents().get(0));
        assertThat((String) kv.get("headers")).contains("Authorization").contains("[REDACTED]")
                .doesNotContain("eyJhbGci");
        assertThat((String) kv.get("userAgent")).startsWith("curl/8.5").doesNotContain(TestApp.SECRET);
    }

    @Test
    void asyncFailureOnAnotherThreadIsAnswered() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/async");
        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("category").asText()).isEqualTo("external_service");
        assertThat(r.body()).doesNotContainPattern(LEAK);
        List<ILoggingEvent> logged = errorEvents();
        assertThat(logged).hasSize(1);
        assertThat(kv(logged.get(0)).get("origin")).isEqualTo("async-dispatch");
        assertThat(kv(logged.get(0)).get("route")).isEqualTo("/async");
    }

    @Test
    void failureInsideAsyncStartIsAnsweredPromptly() throws Exception {
        server = start(config().build(), null);
        ListAppender<ILoggingEvent> all = new ListAppender<>();
        all.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(all);
        HttpResponse<String> r;
        try {
            // The servlet's async timeout is 10 s: an answer within 5 s can only come from the guard, not the timeout.
            r = server.send(server.request("/async-start").timeout(Duration.ofSeconds(5)).GET().build());
        } finally {
            root.detachAppender(all);
        }
        // The container did not log the exception as well (the event logger is not additive: ours is counted below).
        assertThat(all.list.stream().filter(e -> e.getThrowableProxy() != null
                || e.getFormattedMessage().contains("inventory state")).toList()).isEmpty();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("category").asText()).isEqualTo("internal");
        assertThat(body.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(r.body()).doesNotContainPattern(LEAK);
        List<ILoggingEvent> logged = errorEvents();
        assertThat(logged).hasSize(1);
        Map<String, Object> kv = kv(logged.get(0));
        assertThat(kv.get("origin")).isEqualTo("async-start");
        assertThat(kv.get("errorId")).isEqualTo(body.path("errorId").asText());
        assertThat(kv.get("fingerprint")).isEqualTo(body.path("fingerprint").asText());
        assertThat(kv.get("route")).isEqualTo("/async-start");
        assertThat(kv.toString()).doesNotContain(TestApp.SECRET);
    }

    @Test
    void asyncTimeoutIsAnswered() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/hanging");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).path("errorId").asText()).isNotBlank();
        assertThat(errorEvents()).hasSize(1);
        assertThat(kv(errorEvents().get(0)).get("origin")).isEqualTo("async-timeout");
        // the app did not complete in time: a timeout, not an upstream failure (external_service is a 502)
        assertThat(JSON.readTree(r.body()).path("category").asText()).isEqualTo("timeout");
        assertThat(kv(errorEvents().get(0)).get("category")).isEqualTo("timeout");
    }

    @Test
    void aMethodTheServletDoesNotImplementIsItsOwn501LoggedAtWarn() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.send(server.request("/app/ok")
                .header("User-Agent", "probe/" + "x".repeat(7_000))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(JSON.readTree(r.body()).path("category").asText()).isEqualTo("not_implemented");
        assertThat(errorEvents()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(kv(e).get("category")).isEqualTo("not_implemented");
            // the client chose this header: it does not get to fill the log line
            assertThat(((String) kv(e).get("userAgent")).length()).isLessThanOrEqualTo(513);
        });
    }

    @Test
    void committedResponseIsOnlyLogged() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/app/committed");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("partial body");
        List<ILoggingEvent> logged = errorEvents();
        assertThat(logged).hasSize(1);
        Map<String, Object> kv = kv(logged.get(0));
        assertThat(kv.get("committed")).isEqualTo(true);
        assertThat(kv.get("answered")).isEqualTo(false);
        assertThat(logged.get(0).getFormattedMessage()).contains("already committed");
    }

    @Test
    void committedResponseCanBeAbortedInstead() throws Exception {
        server = start(config().rethrowCommitted(true).build(), null);
        String body;
        try {
            body = server.get("/app/committed").body();
        } catch (IllegalStateException aborted) {
            // The container aborted the half-sent response: the client cannot mistake it for a whole one.
            body = "";
        }
        assertThat(body).doesNotContain("errorId");
        assertThat(errorEvents()).hasSize(1);
        assertThat(kv(errorEvents().get(0)).get("committed")).isEqualTo(true);
    }

    @Test
    void sendError5xxBecomesAProblemButOtherStatusesPassThrough() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/app/send-error");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContainPattern(LEAK).doesNotContain("db down");
        assertThat(errorEvents()).hasSize(1);
        HttpResponse<String> nf = server.get("/app/send-error-404");
        assertThat(nf.statusCode()).isEqualTo(404);
        assertThat(nf.body()).doesNotContain("errorId");
        assertThat(errorEvents()).hasSize(1);
    }

    @Test
    void sendErrorInterceptionCanBeTurnedOff() throws Exception {
        server = start(config().interceptSendError(false).build(), null);
        HttpResponse<String> r = server.get("/app/send-error");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("errorId");
    }

    @Test
    void userRulesAndCategories() throws Exception {
        server = start(config().category("payment_declined", 402).rule("PaymentDeclined", "payment_declined", null)
                .build(), null);
        HttpResponse<String> r = server.get("/app/declined");
        assertThat(r.statusCode()).isEqualTo(402);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("category").asText()).isEqualTo("payment_declined");
        assertThat(body.path("type").asText()).isEqualTo("https://aifilters.github.io/problems/payment-declined");
    }

    @Test
    void identicalErrorsShareAFingerprintAndCount() throws Exception {
        server = start(config().build(), null);
        String fp1 = JSON.readTree(server.get("/app/database/1").body()).path("fingerprint").asText();
        String fp2 = JSON.readTree(server.get("/app/database/2").body()).path("fingerprint").asText();
        String other = JSON.readTree(server.get("/app/internal").body()).path("fingerprint").asText();
        assertThat(fp1).isEqualTo(fp2).isNotEqualTo(other);
        List<ILoggingEvent> logged = errorEvents();
        assertThat(logged).hasSize(3);
        assertThat(kv(logged.get(1)).get("occurrences")).isEqualTo(2L);
        assertThat(logged.stream().map(e -> kv(e).get("errorId")).distinct().count()).isEqualTo(3);
    }

    @Test
    void llmIsAskedOncePerFingerprintAndNeverDelaysTheResponse() throws Exception {
        FakeEngine engine = new FakeEngine();
        server = start(config().build(), engine);
        // The fake LLM blocks until released: every response below arrives while it is still "thinking".
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = server.get("/app/database/" + i);
            assertThat(r.statusCode()).isEqualTo(503);
        }
        assertThat(engine.escalated.get()).isEqualTo(1);
        MeterRegistry registry = AiFilterContext.meterRegistry(server.context().getServletContext());
        // The background request is scheduled just after the answer is flushed: the last one may still be on its way.
        awaitCount(registry, "cached", 99);
        assertThat(registry.counter("aifilters.errors.llm", "outcome", "cached").count()).isEqualTo(99);
        assertThat(registry.counter("aifilters.errors", "category", "database", "status", "503").count())
                .isEqualTo(100);
        assertThat(registry.get("aifilters.errors.fingerprints").gauge().value()).isEqualTo(1);
        // Only redacted text went to the LLM.
        assertThat(engine.queries).singleElement().satisfies(q -> {
            assertThat(q.operation()).isEqualTo("error");
            assertThat(q.user()).contains("Exception: ").doesNotContain(TestApp.SECRET);
        });
        engine.release();
        assertThat(engine.answered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // The LLM's analysis is attached to later log lines of the fingerprint and to the ops view.
        long deadline = System.nanoTime() + 5_000_000_000L;
        Map<String, Object> kv = Map.of();
        while (System.nanoTime() < deadline) {
            events.list.clear();
            server.get("/app/database/x");
            kv = kv(errorEvents().get(0));
            if (kv.containsKey("llmProbableCause")) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat((String) kv.get("llmProbableCause")).startsWith("LLM:");
        assertThat(engine.escalated.get()).isEqualTo(1);
        JsonNode ops = JSON.readTree(server.send(server.request("/_ai/errors")
                .header("Authorization", "Bearer ops-token").GET().build()).body());
        JsonNode first = ops.path("fingerprints").get(0);
        assertThat(first.path("count").asLong()).isGreaterThanOrEqualTo(101);
        assertThat(first.path("llmAnalysis").path("source").asText()).isEqualTo("LLM");
    }

    @Test
    void llmQueueOverflowIsDroppedNotBlocking() throws Exception {
        FakeEngine engine = new FakeEngine();
        server = start(config().llmQueueCapacity(1).llmThreads(1).build(), engine);
        // Distinct fingerprints: one running (blocked), one queued, the rest dropped.
        for (String p : List.of("database", "internal", "validation", "not_found", "rate_limit", "authorization")) {
            assertThat(server.get("/app/" + p).statusCode()).isBetween(400, 599);
        }
        engine.release();
        assertThat(engine.escalated.get()).isLessThanOrEqualTo(2);
        MeterRegistry registry = AiFilterContext.meterRegistry(server.context().getServletContext());
        awaitCount(registry, "dropped", 3);
        assertThat(registry.counter("aifilters.errors.llm", "outcome", "dropped").count()).isGreaterThanOrEqualTo(3);
    }

    private static void awaitCount(MeterRegistry registry, String outcome, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.counter("aifilters.errors.llm", "outcome", outcome).count() < atLeast
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void opsViewListsNewestFirstAndNeedsItsToken() throws Exception {
        server = start(config().build(), null);
        server.get("/app/internal");
        server.get("/app/validation");
        server.get("/app/validation");
        assertThat(server.get("/_ai/errors").statusCode()).isEqualTo(401);
        assertThat(server.send(server.request("/_ai/errors").header("Authorization", "Bearer wrong").GET().build())
                .statusCode()).isEqualTo(401);
        HttpResponse<String> r = server.send(server.request("/_ai/errors")
                .header("Authorization", "Bearer ops-token").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("distinctFingerprints").asInt()).isEqualTo(2);
        JsonNode newest = body.path("fingerprints").get(0);
        assertThat(newest.path("category").asText()).isEqualTo("validation");
        assertThat(newest.path("count").asInt()).isEqualTo(2);
        assertThat(newest.path("routes").get(0).asText()).isEqualTo("/app/validation");
        assertThat(newest.path("analysis").path("probableCause").asText()).isNotBlank();
        assertThat(body.path("fingerprints").get(1).path("category").asText()).isEqualTo("internal");
    }

    @Test
    void errorIdIsSetAsRequestAttributeAndSuccessfulRequestsAreUntouched() throws Exception {
        server = start(config().build(), null);
        HttpResponse<String> r = server.get("/app/ok");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("fine");
        assertThat(errorEvents()).isEmpty();
    }
}
