package io.github.aifilters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample app as a newcomer meets it: started for real, called over HTTP. */
class SampleAppTest {

    private static Server server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = SampleApp.create("127.0.0.1", 0);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
    }

    static HttpResponse<String> postJson(String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void searchIsRecognisedAndTheAppSeesTheIntent() throws Exception {
        HttpResponse<String> r = get("/api/search?q=find+red+shoes");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("search");
        assertThat(r.body()).contains("red shoes").contains("\"intent\":\"search\"");
    }

    @Test
    void aCorrectableTicketIsRepairedAndTheAppReceivesTheRepairedBody() throws Exception {
        HttpResponse<String> r = postJson("/api/tickets", "{\"titel\":\"Printer on fire\",\"priority\":\"HIGH\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-AI-Corrected")).hasValueSatisfying(
                v -> assertThat(v).contains("/priority").contains("/titel"));
        assertThat(r.body()).contains("\"title\":\"Printer on fire\"").contains("\"priority\":\"high\"");
    }

    @Test
    void anInvalidUserGetsAProblemNamingEveryBadField() throws Exception {
        HttpResponse<String> r = postJson("/api/users", "{\"nme\":\"Al\",\"email\":\"nope\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("/nme").contains("/email").contains("validation.body.format");
    }

    /**
     * A body nested deeper than a parser allows is the client's 400, and its detail says so in the client's terms:
     * Jackson's message names the setting behind the limit ({@code StreamReadConstraints.getMaxNestingDepth()}), a
     * library internal. {@code /api/users} is validated (the validation filter's own limit, 64); {@code /api/chat}
     * is not, and the app's own Jackson (limit 1000) throws into the error filter.
     */
    @Test
    void aBodyNestedBeyondTheLimitIsA400WhoseDetailNamesNoJacksonInternal() throws Exception {
        String nested = "{\"message\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        for (String path : new String[] {"/api/users", "/api/chat"}) {
            HttpResponse<String> r = postJson(path, nested);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).as(path).contains("\"detail\":\"").containsIgnoringCase("nest")
                    .doesNotContain("StreamReadConstraints").doesNotContain("getMaxNestingDepth")
                    .doesNotContain("com.fasterxml").doesNotContain("jackson").doesNotContain("Exception");
        }
    }

    @Test
    void aMistypedPathGetsASuggestion() throws Exception {
        HttpResponse<String> r = get("/api/userz/17");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Suggested-Route")).hasValue("GET /api/users/{id}");
    }

    @Test
    void aDatabaseFailureIsA503ThatRevealsNothingInternal() throws Exception {
        HttpResponse<String> r = get("/api/fail/database");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"category\":\"database\"").contains("errorId")
                .doesNotContain("SELECT").doesNotContain("db.internal").doesNotContain("Hikari")
                .doesNotContain("java.").doesNotContain("bob@example.com");
        assertThat(get("/_ai/errors").body()).contains("\"category\":\"database\"");
    }

    @Test
    void theOpsEndpointsAnswer() throws Exception {
        get("/api/search?q=hello");
        assertThat(get("/_ai/monitoring").statusCode()).isEqualTo(200);
        assertThat(get("/_ai/errors").statusCode()).isEqualTo(200);
    }
}
