package io.github.aifilters.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 9457 documents as written over real HTTP by Jetty 12. */
class ProblemWriterTest {

    private final ProblemWriter writer = new ProblemWriter();
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicReference<Boolean> written = new AtomicReference<>();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Problem validation() {
        return Problem.builder(ProblemTypes.VALIDATION, "Request body is not valid", 400)
                .detail("Field 'email' must be an e-mail address")
                .instance("/api/users")
                .with("errors", List.of(Map.of("field", "email", "message", "not an e-mail address")))
                .with("suggestions", List.of("Use name@example.com"))
                .with("errorId", "e-42")
                .build();
    }

    /** A servlet that does {@code before} to the response, then asks the writer for {@code problem}. */
    private void serve(Problem problem, ThrowingConsumer before) {
        server = TestServer.start(ctx -> ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                before.accept(resp);
                written.set(writer.write(resp, problem));
            }
        }), "/*"));
    }

    /** The writer's return value; the client may see the flushed response before the servlet stored it. */
    private Boolean writtenResult() throws InterruptedException {
        for (int i = 0; i < 200 && written.get() == null; i++) {
            Thread.sleep(10);
        }
        return written.get();
    }

    interface ThrowingConsumer {
        void accept(HttpServletResponse r) throws IOException;
    }

    @Test
    void writesAnRfc9457DocumentWithItsMediaTypeStatusAndLength() throws Exception {
        serve(validation(), r -> { });
        HttpResponse<String> r = server.get("/api/users");

        assertThat(writtenResult()).isTrue();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().getBytes().length);
        JsonNode doc = mapper.readTree(r.body());
        assertThat(doc.get("type").asText()).isEqualTo("https://aifilters.github.io/problems/validation");
        assertThat(doc.get("title").asText()).isEqualTo("Request body is not valid");
        assertThat(doc.get("status").asInt()).isEqualTo(400);
        assertThat(doc.get("detail").asText()).isEqualTo("Field 'email' must be an e-mail address");
        assertThat(doc.get("instance").asText()).isEqualTo("/api/users");
    }

    @Test
    void standardMembersComeFirstThenExtensionsInInsertionOrder() throws Exception {
        JsonNode doc = mapper.readTree(writer.toJson(validation()));
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("type", "title", "status", "detail", "instance", "errors", "suggestions",
                "errorId");
    }

    @Test
    void anExtensionCannotReplaceAStandardMember() throws Exception {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("status", 200);
        ext.put("type", "about:blank");
        ext.put("hint", "x");
        JsonNode doc = mapper.readTree(writer.toJson(
                new Problem(ProblemTypes.INTERNAL, "Internal error", 500, null, null, ext)));
        assertThat(doc.get("status").asInt()).isEqualTo(500);
        assertThat(doc.get("type").asText()).isEqualTo(ProblemTypes.INTERNAL.toString());
        assertThat(doc.has("detail")).as("absent members are omitted, not null").isFalse();
        assertThat(doc.get("hint").asText()).isEqualTo("x");
    }

    @Test
    void nullExtensionValuesAreLeftOut() {
        Problem p = Problem.builder(ProblemTypes.NOT_FOUND, "Not found", 404).with("suggestedRoute", null).build();
        assertThat(p.extensions()).isEmpty();
    }

    @Test
    void aCommittedResponseIsLeftAloneAndNothingIsWritten() throws Exception {
        serve(validation(), r -> {
            r.setContentType("text/plain");
            r.getOutputStream().write("partial answer".getBytes());
            r.flushBuffer();
        });
        HttpResponse<String> r = server.get("/x");
        assertThat(writtenResult()).isFalse();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("partial answer");
    }

    @Test
    void bufferedContentAndHeadersDescribingItAreDiscardedButOtherHeadersStay() throws Exception {
        serve(validation(), r -> {
            r.setHeader("X-Request-Id", "req-1");
            r.setHeader("ETag", "\"v1\"");
            r.setHeader("Content-Disposition", "attachment; filename=report.csv");
            r.setContentType("text/csv");
            r.getOutputStream().write("a,b,c\n".getBytes());
        });
        HttpResponse<String> r = server.get("/x");
        assertThat(writtenResult()).isTrue();
        assertThat(r.body()).startsWith("{\"type\":");
        assertThat(mapper.readTree(r.body()).get("status").asInt()).isEqualTo(400);
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("req-1");
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void worksAfterTheAppTookTheWriterAndKeepsTheLengthExactForNonAsciiText() throws Exception {
        Problem p = Problem.builder(ProblemTypes.VALIDATION, "Ungültige Eingabe", 422).detail("日本語の説明").build();
        serve(p, r -> {
            r.setCharacterEncoding("ISO-8859-1");
            r.getWriter().write("<html>half a page");
        });
        HttpResponse<String> r = server.get("/x");
        assertThat(writtenResult()).isTrue();
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode doc = mapper.readTree(r.body());
        assertThat(doc.get("title").asText()).isEqualTo("Ungültige Eingabe");
        assertThat(doc.get("detail").asText()).isEqualTo("日本語の説明");
    }

    @Test
    void theDetailIsWrittenAsGivenSoCallersMustSanitiseIt() throws Exception {
        String detail = "Value \"<script>\" rejected\nsee line 2";
        JsonNode doc = mapper.readTree(writer.toJson(
                Problem.builder(ProblemTypes.VALIDATION, "Invalid", 400).detail(detail).build()));
        assertThat(doc.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void typeUrisAreStableAndNormalised() {
        assertThat(ProblemTypes.of("Rate Limit")).isEqualTo(URI.create(ProblemTypes.BASE + "rate-limit"));
        assertThat(ProblemTypes.PAYLOAD_TOO_LARGE.toString()).endsWith("/payload-too-large");
    }

    @Test
    void aProblemNeedsATypeATitleAndAnHttpStatus() {
        assertThatThrownBy(() -> Problem.builder(null, "t", 400).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Problem.builder(ProblemTypes.INTERNAL, "t", 0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
