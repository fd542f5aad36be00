package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What a user of the library app checks in every container, over real HTTP: the async servlet works behind the five
 * filters, per-route series reach the Prometheus scrape, the {@code exception} tag names what the app threw although
 * the error filter answered it, {@code /_ai/*} is not timed, and validation, route suggestion and intent recognition
 * answer as the docs say. Each container test supplies {@link #base()}.
 */
abstract class LibraryContract {

    static final String TOKEN = "library-ops-token";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

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

    HttpResponse<String> send(HttpRequest.Builder b) {
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
    void typoInTheCollectionIsA404SuggestingTheRoute() {
        HttpResponse<String> r = get("/bokks");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/books");
    }

    @Test
    void searchTextIsRecognisedAsTheLibrarysOwnIntent() {
        HttpResponse<String> r = get("/books?q=find%20books%20by%20tolkien");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).contains("find_book");
    }
}
