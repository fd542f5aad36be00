package io.github.aifilters.filters.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.filters.intent.IntentFilterConfig.ReloadMode;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.ScriptedLlm;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter over real HTTP (Jetty 12 ee10, java.net.http client). */
class IntentRecognitionFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTENTS = "classpath:intent/shop-intents.yaml";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Answers with what the app sees: the intent attribute, the body it read, and a form parameter. */
    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ObjectNode out = JSON.createObjectNode();
            String formMessage = req.getContentType() != null && req.getContentType().startsWith(
                    "application/x-www-form-urlencoded") ? req.getParameter("message") : null;
            byte[] body = formMessage == null ? req.getInputStream().readAllBytes() : new byte[0];
            AiAttributes.INTENT.get(req).ifPresentOrElse(r -> {
                out.put("intent", r.intent());
                out.put("confidence", r.confidence());
                out.put("source", r.source().name());
                out.put("action", r.suggestedAction());
                out.put("ambiguous", r.ambiguous());
                out.set("ranked", JSON.valueToTree(r.ranked().stream().map(i -> i.intent()).toList()));
                out.set("entities", JSON.valueToTree(r.entities().stream().map(e -> e.type() + ":" + e.value())
                        .toList()));
            }, () -> out.putNull("intent"));
            out.put("bodyBytes", body.length);
            out.put("bodySha", sha(body));
            out.put("formMessage", formMessage);
            resp.setContentType("application/json");
            resp.getWriter().write(out.toString());
        }
    }

    private TestServer start(IntentRecognitionFilter filter, Consumer<ServletContextHandler> more) {
        server = TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            more.accept(ctx);
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        });
        return server;
    }

    private TestServer start(IntentFilterConfig config) {
        return start(new IntentRecognitionFilter(config), ctx -> { });
    }

    private static IntentFilterConfig.Builder config() {
        return IntentFilterConfig.builder().intentsFile(INTENTS);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double count(String name, String tag, String value) {
        Counter c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void englishJsonRequestGetsHeadersAndAttribute() {
        start(config().build());
        String body = "{\"message\":\"please search for red running shoes under $80\"}";
        HttpResponse<String> r = server.postJson("/api/anything", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("search");
        String confidence = r.headers().firstValue("X-AI-Confidence").orElseThrow();
        assertThat(confidence).matches("[01]\\.\\d{3}");
        assertThat(Double.parseDouble(confidence)).isGreaterThanOrEqualTo(0.8);
        JsonNode seen = json(r);
        assertThat(seen.path("intent").asText()).isEqualTo("search");
        assertThat(seen.path("source").asText()).isEqualTo("EMBEDDED");
        assertThat(seen.path("action").asText()).isEqualTo("search");
        assertThat(seen.path("entities").toString()).contains("money:80 USD");
        // the app still reads the whole body
        assertThat(seen.path("bodyBytes").asInt()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(count("aifilters.intent.recognitions", "intent", "search")).isEqualTo(1);
        assertThat(registry.find("aifilters.intent.confidence").summary().count()).isEqualTo(1);
        assertThat(registry.find("aifilters.intent.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void chineseRequestGetsHeaders() {
        start(config().build());
        HttpResponse<String> r = server.postJson("/api/x", "{\"query\":\"帮我搜索跑鞋\"}");
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("search");
        assertThat(Double.parseDouble(r.headers().firstValue("X-AI-Confidence").orElseThrow()))
                .isGreaterThanOrEqualTo(0.8);
        HttpResponse<String> r2 = server.postJson("/api/x", "{\"text\":\"我想注册新账号\"}");
        assertThat(r2.headers().firstValue("X-AI-Intent")).hasValue("create_user");
        assertThat(json(r2).path("intent").asText()).isEqualTo("create_user");
    }

    @Test
    void belowThresholdGetsNoHeadersButTheAttribute() {
        // with five intents of twelve examples, out-of-scope detection needs a stricter none threshold than the default
        start(config().noneThreshold(0.95).build());
        HttpResponse<String> weak = server.get("/api/x?q=show%20me%20stuff");
        assertThat(weak.headers().firstValue("X-AI-Intent")).isEmpty();
        assertThat(weak.headers().firstValue("X-AI-Confidence")).isEmpty();
        JsonNode seen = json(weak);
        assertThat(seen.path("intent").isNull()).isFalse();
        assertThat(seen.path("confidence").asDouble()).isLessThan(0.8);

        HttpResponse<String> none = server.get("/api/x?q=the%20weather%20on%20mars%20is%20cold");
        assertThat(none.headers().firstValue("X-AI-Intent")).isEmpty();
        assertThat(json(none).path("intent").asText()).isEqualTo("none");
        assertThat(count("aifilters.intent.recognitions", "intent", "none")).isEqualTo(2); // "show me stuff" too
    }

    @Test
    void queryParameterAndFormFields() {
        start(config().build());
        HttpResponse<String> q = server.get("/search?q=" + java.net.URLEncoder.encode(
                "generate the monthly sales report", StandardCharsets.UTF_8) + "&other=ignored");
        assertThat(q.headers().firstValue("X-AI-Intent")).hasValue("generate_report");

        HttpResponse<String> form = server.post("/users", "application/x-www-form-urlencoded",
                "message=" + java.net.URLEncoder.encode("I want to register a new account", StandardCharsets.UTF_8)
                        + "&password=hunter2");
        assertThat(form.headers().firstValue("X-AI-Intent")).hasValue("create_user");
        // the app still gets its form parameters after the filter read the body
        assertThat(json(form).path("formMessage").asText()).isEqualTo("I want to register a new account");
    }

    @Test
    void fieldsAreJoinedAndPointersConfigurable() {
        start(config().jsonPointers(List.of("/data/question", "/data/extra")).build());
        HttpResponse<String> r = server.postJson("/x",
                "{\"message\":\"find red shoes\",\"data\":{\"question\":\"analyze the traffic\","
                        + "\"extra\":\"data trends\"}}");
        // /message is not configured any more: the configured pointers decide
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("analyze_data");
    }

    @Test
    void nothingToReadDoesNothing() {
        start(config().build());
        HttpResponse<String> r = server.postJson("/x", "{\"other\":\"find red shoes\"}");
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty();
        assertThat(json(r).path("intent").isNull()).isTrue();
        HttpResponse<String> get = server.get("/x");
        assertThat(json(get).path("intent").isNull()).isTrue();
        assertThat(registry.find("aifilters.intent.confidence").summary().count()).isZero();
    }

    @Test
    void overCapBodyIsSkippedAndReachesTheAppIntact() {
        start(config().maxBodyBytes(64).build());
        String body = "{\"message\":\"please search for red running shoes\",\"padding\":\"" + "x".repeat(200) + "\"}";
        HttpResponse<String> r = server.postJson("/x", body);
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty();
        JsonNode seen = json(r);
        assertThat(seen.path("intent").isNull()).isTrue();
        assertThat(seen.path("bodySha").asText()).isEqualTo(sha(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(count("aifilters.intent.skipped", "reason", "over_cap")).isEqualTo(1);
    }

    @Test
    void binaryBodyIsSkippedAndReachesTheAppIntact() {
        start(config().build());
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        HttpResponse<String> r = server.send(server.request("/upload?x=1")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty();
        JsonNode seen = json(r);
        assertThat(seen.path("intent").isNull()).isTrue();
        assertThat(seen.path("bodyBytes").asInt()).isEqualTo(4096);
        assertThat(seen.path("bodySha").asText()).isEqualTo(sha(bytes));
        assertThat(count("aifilters.intent.skipped", "reason", "unsupported_type")).isEqualTo(1);
    }

    @Test
    void malformedJsonIsLeftToTheApp() {
        start(config().build());
        HttpResponse<String> r = server.postJson("/x", "{\"message\": \"find red sh");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("intent").isNull()).isTrue();
        assertThat(count("aifilters.intent.skipped", "reason", "malformed_json")).isEqualTo(1);
    }

    @Test
    void brokenIntentsFileFailsStartUpNamingTheLine() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                intents:
                  - name: search
                    examples: [find shoes]
                  - name: bye
                    exmaples: [goodbye]
                """);
        assertThatThrownBy(() -> start(config().intentsFile(broken.toString()).build()))
                .satisfies(t -> {
                    String all = messages(t);
                    assertThat(all).contains("broken.yaml").contains("line 5").contains("exmaples");
                });
    }

    @Test
    void initParamsConfigureTheFilterAsInWebXml() {
        server = TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            FilterHolder holder = new FilterHolder(IntentRecognitionFilter.class);
            holder.setInitParameter(IntentFilterConfig.INTENTS_FILE, INTENTS);
            holder.setInitParameter(IntentFilterConfig.HEADER_THRESHOLD, "0.5");
            holder.setInitParameter(IntentFilterConfig.QUERY_PARAMETERS, "search,q");
            holder.setInitParameter(IntentFilterConfig.RELOAD, "none");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        });
        // "show me stuff" (vaguely "search") is below the default 0.8 but above the configured 0.5
        HttpResponse<String> r = server.get("/x?search=show%20me%20stuff");
        assertThat(r.headers().firstValue("X-AI-Intent")).isPresent();
    }

    @Test
    void reloadPicksUpAChangedFileWithoutRestart() throws Exception {
        Path file = dir.resolve("live.yaml");
        Files.writeString(file, """
                intents:
                  - name: greet
                    examples: [hello, hi there, good morning, hey]
                  - name: bye
                    examples: [goodbye, see you later, bye bye, farewell]
                """);
        start(config().intentsFile(file.toString()).reloadMode(ReloadMode.ON_REQUEST)
                .reloadInterval(Duration.ZERO).build());
        assertThat(json(server.get("/x?q=thank%20you%20so%20much")).path("intent").asText()).isNotEqualTo("thanks");

        Files.writeString(file, """
                intents:
                  - name: greet
                    examples: [hello, hi there, good morning, hey]
                  - name: bye
                    examples: [goodbye, see you later, bye bye, farewell]
                  - name: thanks
                    examples: [thank you, thanks a lot, many thanks, thank you so much]
                """);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String intent = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = server.get("/x?q=thank%20you%20so%20much");
            intent = r.headers().firstValue("X-AI-Intent").orElse(null);
            if ("thanks".equals(intent)) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(intent).isEqualTo("thanks");
        assertThat(registry.find("aifilters.intent.reloads").tag("result", "success").functionCounter().count())
                .isEqualTo(1);
    }

    // --- LLM escalation ----------------------------------------------------------------------------------------
    // A scripted client stands in for the LLM; its replies go through the feature's real prompt and parser.

    private static ScriptedLlm answering(String intent) {
        return ScriptedLlm.answering(p -> "{\"intent\":\"" + intent + "\",\"confidence\":0.9}");
    }

    @Test
    void weakEmbeddedAnswerIsEscalatedThroughTheSharedEngine() {
        ScriptedLlm engine = answering("generate_report");
        start(new IntentRecognitionFilter(config().build()), ctx -> ctx.setAttribute(AiFilterContext.LLM, engine));

        HttpResponse<String> strong = server.postJson("/x", "{\"message\":\"find red shoes\"}");
        assertThat(strong.headers().firstValue("X-AI-Intent")).hasValue("search");
        assertThat(engine.calls()).isZero();

        HttpResponse<String> weak = server.get("/x?q=show%20me%20stuff");
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(weak.headers().firstValue("X-AI-Intent")).hasValue("generate_report");
        assertThat(weak.headers().firstValue("X-AI-Confidence")).hasValue("0.900");
        JsonNode seen = json(weak);
        assertThat(seen.path("source").asText()).isEqualTo("LLM");
        assertThat(seen.path("action").asText()).isEqualTo("generate_report");
        assertThat(count("aifilters.intent.escalations", "outcome", "llm")).isEqualTo(1);
    }

    @Test
    void engineAnswerOutsideTheConfiguredIntentsIsIgnored() {
        ScriptedLlm engine = answering("transfer_money\\r\\nX-Injected: 1");
        start(new IntentRecognitionFilter(config().build()), ctx -> ctx.setAttribute(AiFilterContext.LLM, engine));

        HttpResponse<String> r = server.get("/x?q=show%20me%20stuff");
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(r.headers().firstValue("X-Injected")).isEmpty();
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty(); // the embedded answer, below 0.8
        JsonNode seen = json(r);
        assertThat(seen.path("source").asText()).isEqualTo("EMBEDDED");
        assertThat(seen.path("intent").asText()).isNotEqualTo("transfer_money");
        // the parser refused the answer: the embedded one was kept
        assertThat(count("aifilters.intent.escalations", "outcome", "embedded")).isEqualTo(1);
    }

    @Test
    void engineFailureIsFailOpen() {
        ScriptedLlm engine = ScriptedLlm.answering(q -> {
            throw new IllegalStateException("provider down");
        });
        start(new IntentRecognitionFilter(config().build()), ctx -> ctx.setAttribute(AiFilterContext.LLM, engine));
        HttpResponse<String> r = server.postJson("/x", "{\"message\":\"hmm\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty();
        assertThat(json(r).path("bodyBytes").asInt()).isEqualTo("{\"message\":\"hmm\"}".length());
    }

    @Test
    void headerTokenIsSanitised() {
        assertThat(IntentRecognitionFilter.headerToken("ok.name_1-2")).isEqualTo("ok.name_1-2");
        assertThat(IntentRecognitionFilter.headerToken("bad\r\nX: y")).isEqualTo("bad__X__y");
        assertThat(IntentRecognitionFilter.headerToken("x".repeat(100))).hasSize(64);
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void rankedIntentsReachTheAppAndAnAmbiguousAnswerNamesTheRunnerUpInAHeader() {
        // margin 1: every answer with two ranked intents is ambiguous (a gap is below 1); margin 0: none is
        start(config().ambiguityMargin(1.0).topK(2).build());
        HttpResponse<String> r = server.get("/x?q=please+search+for+red+running+shoes");
        JsonNode body = json(r);
        assertThat(body.path("source").asText()).isEqualTo("EMBEDDED"); // no second tier on this class path
        assertThat(body.path("ranked")).hasSize(2);
        assertThat(body.path("ranked").get(0).asText()).isEqualTo("search");
        assertThat(body.path("ambiguous").asBoolean()).isTrue();
        assertThat(r.headers().firstValue(IntentRecognitionFilter.AMBIGUOUS_HEADER))
                .hasValue(body.path("ranked").get(1).asText());
        server.close();

        start(config().ambiguityMargin(0.0).build());
        HttpResponse<String> clear = server.get("/x?q=please+search+for+red+running+shoes");
        assertThat(json(clear).path("ranked")).hasSize(IntentFilterConfig.DEFAULT_TOP_K);
        assertThat(json(clear).path("ambiguous").asBoolean()).isFalse();
        assertThat(clear.headers().firstValue(IntentRecognitionFilter.AMBIGUOUS_HEADER)).isEmpty();
    }
}
