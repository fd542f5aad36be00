package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user of the library app checks in every container, over real HTTP: the async servlet works behind the five
 * filters, per-route series reach the Prometheus scrape, the {@code exception} tag names what the app threw although
 * the error filter answered it, {@code /_ai/*} is not timed, and validation, route suggestion, intent recognition and
 * error analysis answer as the docs say (docs/route-suggestion.md, docs/error-analysis.md, docs/monitoring.md). Each
 * container test supplies {@link #base()} and registers the test-only {@link StalledServlet} and
 * {@link SlowDownloadServlet} next to the library's servlets.
 */
abstract class LibraryContract {

    static final String TOKEN = "library-ops-token";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The error filter's logger of error events (its default {@code loggerName}). */
    static final String ERROR_EVENTS = "io.github.aifilters.errors.events";
    /** ErrorEventLogger.MAX_USER_AGENT, as docs/error-analysis.md states it. */
    static final int MAX_USER_AGENT = 512;
    static final String SUGGESTED = "X-Suggested-Route";

    /** {@code http://127.0.0.1:port} of the running app. */
    abstract String base();

    /** The path of the Prometheus scrape in this deployment. */
    String scrapePath() {
        return "/_ai/metrics";
    }

    /** Whether the scrape is the toolkit's (bearer token) rather than the framework's. */
    boolean scrapeNeedsToken() {
        return true;
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String scrape() {
        HttpResponse<String> r = send(request(scrapePath()).header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(r.statusCode()).as("scrape %s: %s", scrapePath(), r.body()).isEqualTo(200);
        return r.body();
    }

    /** The timer is recorded once the response is complete, possibly after the client has it: poll the scrape. */
    String awaitScrape(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = scrape();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " in:\n" + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = scrape();
        }
        return last;
    }

    static String series(String name, String exception, String method, String outcome, int status, String uri) {
        return name + "{exception=\"" + exception + "\",method=\"" + method + "\",outcome=\"" + outcome
                + "\",status=\"" + status + "\",uri=\"" + uri + "\"}";
    }

    static boolean isProblem(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The routes a problem document suggests, in its order; none when the body is not a problem document. */
    static List<String> suggestedRoutes(HttpResponse<String> r) {
        List<String> routes = new ArrayList<>();
        if (isProblem(r)) {
            json(r).path("suggestions").forEach(s -> routes.add(s.path("route").asText()));
        }
        return routes;
    }

    /** The methods of the {@code Allow} header. */
    static List<String> allowHeader(HttpResponse<String> r) {
        return r.headers().allValues("Allow").stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(m -> !m.isEmpty()).toList();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The error events logged for one errorId (the id the problem document tells the client). */
    static List<ILoggingEvent> errorEvents(String errorId) {
        return CapturingAppender.EVENTS.stream().filter(e -> ERROR_EVENTS.equals(e.getLoggerName()))
                .filter(e -> errorId.equals(keyValue(e, "errorId"))).toList();
    }

    /** A structured argument of an event (SLF4J 2 key-value), as the event's JSON line would show it; null if absent. */
    static String keyValue(ILoggingEvent e, String key) {
        if (e.getKeyValuePairs() == null) {
            return null;
        }
        return e.getKeyValuePairs().stream().filter(p -> key.equals(p.key)).findFirst()
                .map(p -> String.valueOf(p.value)).orElse(null);
    }

    static boolean hasKey(ILoggingEvent e, String key) {
        return e.getKeyValuePairs() != null && e.getKeyValuePairs().stream().anyMatch(p -> key.equals(p.key));
    }

    /** The one error event of a problem document's errorId. */
    static ILoggingEvent theErrorEvent(HttpResponse<String> problem) {
        String errorId = json(problem).path("errorId").asText();
        assertThat(errorId).as("errorId of %s", problem.body()).isNotBlank();
        List<ILoggingEvent> events = errorEvents(errorId);
        assertThat(events).as("error events of %s", errorId).hasSize(1);
        return events.get(0);
    }

    /**
     * One HTTP/1.1 exchange written by hand (for what {@link HttpClient} always adds, such as a User-Agent); the
     * request must ask for {@code Connection: close}. Answers the raw response text.
     */
    String raw(String request) {
        URI u = URI.create(base());
        try (Socket socket = new Socket(u.getHost(), u.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST of an ASCII JSON body for {@link #raw}, with no header but those it needs (no User-Agent). */
    static String rawPost(String path, String host, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length() + "\r\nConnection: close\r\n\r\n" + json;
    }

    @Test
    void asyncServletAnswersBehindAllFiveFilters() {
        HttpResponse<String> r = get("/loans/overdue");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"member\":\"ged\"").doesNotContain("Async");
    }

    @Test
    void perRouteSeriesInThePrometheusScrapeAndOpsEndpointsNotTimed() {
        assertThat(get("/books/1").statusCode()).isEqualTo(200);
        assertThat(get("/authors/2").statusCode()).isEqualTo(200);
        if (scrapeNeedsToken()) {
            assertThat(send(request(scrapePath()).GET()).statusCode()).as("scrape without token").isEqualTo(401);
        }
        String s = awaitScrape(b -> b.contains("uri=\"/authors/{id}\""), "the authors series");
        assertThat(s).contains(series("aifilters_http_requests_seconds_count", "None", "GET", "SUCCESS", 200,
                "/books/{id}"));
        assertThat(s).contains(series("aifilters_http_requests_seconds_count", "None", "GET", "SUCCESS", 200,
                "/authors/{id}"));
        // scraped several times by now: the ops endpoints are excluded by default
        assertThat(s).doesNotContain("uri=\"/_ai/");
    }

    @Test
    void exceptionTagNamesWhatTheAppThrewThoughTheErrorFilterAnsweredIt() {
        assertThat(postJson("/loans", "{\"bookId\":3,\"member\":\"paul\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = postJson("/loans", "{\"bookId\":3,\"member\":\"jessica\"}");
        assertThat(again.statusCode()).isEqualTo(500);
        assertThat(again.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(again.body()).doesNotContain("already on loan"); // no internals to the client
        String s = awaitScrape(b -> b.contains("status=\"500\",uri=\"/loans\""), "the 500 of POST /loans");
        assertThat(s).contains(series("aifilters_http_requests_seconds_count", "IllegalStateException", "POST",
                "SERVER_ERROR", 500, "/loans"));
        assertThat(s).contains(series("aifilters_http_requests_seconds_count", "None", "POST", "SUCCESS", 201,
                "/loans"));
    }

    @Test
    void invalidBookIsAProblemNamingTheFields() {
        HttpResponse<String> r = postJson("/books", "{\"title\":\"Dune Messiah\",\"authorId\":\"three\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).contains("authorId").contains("isbn");
        HttpResponse<String> ok = postJson("/books",
                "{\"title\":\"Dune Messiah\",\"authorId\":3,\"isbn\":\"9780441172696\",\"year\":1969}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void typoInTheCollectionIsA404SuggestingEachRouteOnce() {
        // GET /books is declared and, once served, learned too: still one suggestion
        assertThat(get("/books").statusCode()).isEqualTo(200);
        HttpResponse<String> r = get("/bokks");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/books");
        assertThat(r.headers().firstValue(SUGGESTED)).hasValue("GET /books");
        assertThat(isProblem(r)).as(r.body()).isTrue();
        List<String> routes = suggestedRoutes(r);
        assertThat(routes).as(r.body()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(routes.get(0)).isEqualTo("GET /books");
    }

    @Test
    void servletsOwn405ListsTheCatalogsMethodsInAllowAndInTheProblem() {
        // HttpServlet's default doDelete: sendError(405) without an Allow header
        HttpResponse<String> r = send(request("/books").DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(allowHeader(r)).containsExactlyInAnyOrder("GET", "POST");
        assertThat(isProblem(r)).as("the container's error page becomes a problem: %s", r.body()).isTrue();
        assertThat(texts(json(r).path("allow"))).containsExactlyInAnyOrder("GET", "POST");
        assertThat(r.headers().firstValue(SUGGESTED).orElseThrow()).isIn("GET /books", "POST /books");

        // the app's own sendError(405) on a path the catalog serves with GET only; a method the servlet does not
        // implement (its 501, or 405) teaches no route there
        assertThat(send(request("/books/2").method("PATCH", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isIn(405, 501);
        HttpResponse<String> post = postJson("/books/1",
                "{\"title\":\"Dune\",\"authorId\":3,\"isbn\":\"9780441172719\"}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(allowHeader(post)).containsExactly("GET");
        assertThat(isProblem(post)).as(post.body()).isTrue();
        assertThat(texts(json(post).path("allow"))).containsExactly("GET");
    }

    @Test
    void servletMappingsInventNoRoute() {
        // /loans and /loans/* are mapped, but routes.txt declares only POST /loans under /loans itself: GET /loans is
        // nobody's route. Each request below would have offered it when mappings counted as routes.
        List<HttpResponse<String>> answers = List.of(get("/loanz"), get("/loans"), get("/loans/7/x"),
                send(request("/loans").DELETE()));
        for (HttpResponse<String> r : answers) {
            String what = r.request().method() + " " + r.request().uri().getPath() + " → " + r.statusCode() + " "
                    + r.headers().map() + " " + r.body();
            assertThat(r.statusCode()).as(what).isIn(404, 405);
            assertThat(r.headers().allValues(SUGGESTED)).as(what).doesNotContain("GET /loans");
            assertThat(suggestedRoutes(r)).as(what).doesNotContain("GET /loans");
            assertThat(allowHeader(r)).as(what).doesNotContain("GET");
        }
        HttpResponse<String> delete = answers.get(3);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(allowHeader(delete)).containsExactly("POST");
        assertThat(texts(json(delete).path("allow"))).containsExactly("POST");
        // what is declared under the mapping is still offered
        assertThat(answers.get(2).headers().firstValue(SUGGESTED)).hasValue("GET /loans/{id}");
    }

    @Test
    void intentSuggestsTheRouteOfTheAppsOwnIntentsFile() {
        // searching from the authors page: the real classifier, the library's intents file and its route: field
        HttpResponse<String> r = get("/authors?q=find%20books%20by%20tolkien");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("find_book");
        assertThat(r.headers().firstValue(SUGGESTED)).hasValue("GET /books");
        // no route of the toolkit's sample app in anything the library answers
        assertThat(r.headers().map().toString()).doesNotContain("/api/");
    }

    @Test
    void unimplementedMethodIsTheAppsAnswerNotAServerBug() {
        HttpResponse<String> r = send(request("/books/1").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"year\":1938}")).header("Content-Type", "application/json"));
        // Servlet 6.0's HttpServlet answers PATCH with 501, Servlet 6.1's (Tomcat 11) may with 405
        assertThat(r.statusCode()).as(r.body()).isIn(405, 501);
        if (r.statusCode() == 501) {
            assertThat(isProblem(r)).as(r.body()).isTrue();
            JsonNode problem = json(r);
            assertThat(problem.path("category").asText()).isEqualTo("not_implemented");
            assertThat(problem.path("status").asInt()).isEqualTo(501);
            assertThat(problem.path("type").asText()).endsWith("/not-implemented");
            ILoggingEvent event = theErrorEvent(r);
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(keyValue(event, "category")).isEqualTo("not_implemented");
        } else {
            assertThat(allowHeader(r)).contains("GET");
        }
    }

    @Test
    void asyncTimeoutIsA503TimeoutProblemWithRetryAfter() {
        HttpResponse<String> r = get(StalledServlet.PATH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(isProblem(r)).as(r.body()).isTrue();
        JsonNode problem = json(r);
        assertThat(problem.path("category").asText()).isEqualTo("timeout");
        assertThat(problem.path("type").asText()).endsWith("/timeout");
        String retryAfter = r.headers().firstValue("Retry-After").orElseThrow(
                () -> new AssertionError("no Retry-After: " + r.headers().map()));
        assertThat(Long.parseLong(retryAfter)).isPositive();
        assertThat(problem.path("retryAfter").asLong()).isEqualTo(Long.parseLong(retryAfter));
        ILoggingEvent event = theErrorEvent(r);
        assertThat(keyValue(event, "category")).isEqualTo("timeout");
        assertThat(keyValue(event, "origin")).isEqualTo("async-timeout");
    }

    @Test
    void oneErrorEventPerErrorWithItsUserAgentCapped() {
        // a client chooses its User-Agent: 7,000 characters of it must not reach the log line
        String agent = "LibraryKiosk/2.1 (" + "shelf-scanner ".repeat(500) + ")";
        assertThat(agent.length()).isGreaterThan(7_000);
        // book 2 is on loan from the start: lending it again throws in the app
        HttpResponse<String> r = send(request("/loans").header("Content-Type", "application/json")
                .header("User-Agent", agent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"bookId\":2,\"member\":\"tenar\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        ILoggingEvent event = theErrorEvent(r);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        String logged = keyValue(event, "userAgent");
        assertThat(logged).isNotNull().startsWith("LibraryKiosk/2.1 (shelf-scanner");
        assertThat(logged.length()).isLessThanOrEqualTo(MAX_USER_AGENT + 1); // the cap, then "…"
        assertThat(agent).startsWith(logged.substring(0, logged.length() - 1));
    }

    @Test
    void aMissingUserAgentIsLeftOutOfTheErrorEvent() {
        String host = URI.create(base()).getAuthority();
        String response = raw(rawPost("/loans", host, "{\"bookId\":2,\"member\":\"arha\"}"));
        assertThat(response).startsWith("HTTP/1.1 500");
        Matcher id = Pattern.compile("\"errorId\":\"([0-9a-f-]{36})\"").matcher(response);
        assertThat(id.find()).as(response).isTrue();
        List<ILoggingEvent> events = errorEvents(id.group(1));
        assertThat(events).hasSize(1);
        assertThat(hasKey(events.get(0), "userAgent")).as("userAgent of %s", events.get(0).getKeyValuePairs())
                .isFalse();
        assertThat(events.get(0).getKeyValuePairs()).extracting(p -> String.valueOf(p.value))
                .doesNotContain("null");
    }

    @Test
    void aClientThatHangsUpIsNotAnError() throws Exception {
        String path = SlowDownloadServlet.PATH;
        URI u = URI.create(base());
        SlowDownloadServlet.ARRIVED.clear();
        SlowDownloadServlet.Gate gate;
        try (Socket socket = new Socket(u.getHost(), u.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + u.getAuthority()
                    + "\r\nUser-Agent: LibraryContract\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            gate = SlowDownloadServlet.ARRIVED.poll(20, TimeUnit.SECONDS);
            assertThat(gate).as("the request reached the servlet").isNotNull();
            // closed with a reset while the servlet waits: its next write fails at once
            socket.setSoLinger(true, 0);
        }
        Objects.requireNonNull(gate).open();
        Throwable thrown = gate.awaitDone(20);
        assertThat(thrown).as("the servlet's write met the closed connection").isNotNull();

        // the monitoring filter records the request once the exception has passed every filter
        String s = awaitScrape(b -> b.contains("uri=\"" + path + "\""), "the aborted export's series");
        List<String> counts = s.lines().filter(l -> l.startsWith("aifilters_http_requests_seconds_count{"))
                .filter(l -> l.contains("uri=\"" + path + "\"")).toList();
        assertThat(counts).isNotEmpty().noneMatch(l -> l.contains("status=\"5"))
                .noneMatch(l -> l.contains("SERVER_ERROR"));
        assertThat(CapturingAppender.EVENTS).filteredOn(e -> e.getLoggerName().startsWith("io.github.aifilters"))
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .noneMatch(e -> path.equals(keyValue(e, "path")) || e.getFormattedMessage().contains(path));
    }

    @Test
    void searchTextIsRecognisedAsTheLibrarysOwnIntent() {
        HttpResponse<String> r = get("/books?q=find%20books%20by%20tolkien");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).contains("find_book");
    }
}
