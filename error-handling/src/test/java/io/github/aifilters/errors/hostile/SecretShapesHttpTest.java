package io.github.aifilters.errors.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.Await;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.errors.ErrorOpsServlet;
import io.github.aifilters.openai.EndpointConfig;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.openai.LlmClients;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.aifilters.openai.OpenAiEngineConfig;
import io.github.aifilters.openai.internal.OpenAiTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 items 3 and 9 over real HTTP: the secret shapes the redactor must catch, carried by requests into an
 * exception the app builds from them, must not come out anywhere the error filter writes — the response, the error
 * log, the {@code /_ai/errors} view, the prompt of the LLM analysis (the openai module's engine and gateway against
 * a fake OpenAI-compatible server on loopback) — and an LLM answer echoing them is redacted again before it is
 * logged or shown. The prompt also carries no e-mail address, host, IP or SQL literal of the exception message.
 *
 * <p>One shape per request, so a message never exceeds what the prompt keeps ({@code ErrorLlm.MAX_MESSAGE}) and each
 * shape is asserted on its own: the test fails as soon as any one rule stops matching.
 */
class SecretShapesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS_TOKEN = "ops-token";
    private static final String DB_URL_HEADER = "X-Db-Url";

    /**
     * A request's shape: an id the fake LLM finds in the prompt, the text the client sends (the app puts it in its
     * exception message) and the secret inside it. {@code inHeader}: the text travels in {@value #DB_URL_HEADER}.
     */
    record Shape(String id, String text, String secret, boolean inHeader) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("s01", "db_password=Dbpw7Qz01lower", "Dbpw7Qz01lower", false),
            new Shape("s02", "DB_PASSWORD=Dbpw7Qz02upper", "Dbpw7Qz02upper", false),
            new Shape("s03", "SPRING_DATASOURCE_PASSWORD=Spring7Qz03ds", "Spring7Qz03ds", false),
            new Shape("s04", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCY7Qz04KEY",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCY7Qz04KEY", false),
            new Shape("s05", "x_api_key=Xapi7Qz05keyvalue", "Xapi7Qz05keyvalue", false),
            new Shape("s06", "github_token=Gh7Qz06tokenvalue", "Gh7Qz06tokenvalue", false),
            new Shape("s07", "postgres://app:Pg7Qz07urlpass@db.internal:5432/app", "Pg7Qz07urlpass", false),
            new Shape("s08", "mongodb://app:Mongo7Qz08pass@mongo.internal:27017/app", "Mongo7Qz08pass", false),
            new Shape("s09", "https://user:Https7Qz09pass@api.partner.example/v1", "Https7Qz09pass", false),
            new Shape("s10", "payload {\"user\":\"ann\",\"password\":\"Json7Qz10pass\"}", "Json7Qz10pass", false),
            new Shape("s11", "card 4111.1111.1111.1111 declined", "4111.1111.1111.1111", false),
            new Shape("s12", "postgres://app:Hdr7Qz12urlpass@db.internal:5432/app", "Hdr7Qz12urlpass", true));

    /** Not secrets, so the log keeps them, but none of the LLM provider's business (PromptScrubber). */
    private static final String SCRUB_ID = "s13";
    private static final String EMAIL = "alice.ops@example.com";
    private static final String HOST = "db-primary.corp.internal";
    private static final String IP = "10.20.30.40";
    private static final String SQL_EMAIL = "carol@example.org";
    private static final String SQL_NAME = "Carol Literal";
    private static final String SCRUB_TEXT = "lookup for " + EMAIL + " on " + HOST + ":5432 (" + IP + ") failed: "
            + "SELECT id FROM users WHERE email = '" + SQL_EMAIL + "' AND name = '" + SQL_NAME + "'";

    private static final Pattern ID = Pattern.compile("\\[(s\\d\\d)]");

    /** The app: fails with a message built from what the client sent (a config line in the body, or the header). */
    static final class Startup extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String header = req.getHeader(DB_URL_HEADER);
            String line = body.startsWith("[s12]") ? body + " " + header : body;
            throw new IllegalStateException(line + " rejected by the config loader");
        }
    }

    /**
     * The fake model's answer: a valid analysis that echoes the secret of the shape whose id is in the prompt, as a
     * model may (the prompt itself holds no secret, so the echo is the model's own, e.g. remembered or invented).
     */
    private static String echo(FakeOpenAiServer.Captured request) {
        Matcher m = ID.matcher(request.prompt());
        String id = m.find() ? m.group(1) : "none";
        String raw = SHAPES.stream().filter(s -> s.id().equals(id)).map(Shape::text).findFirst().orElse("");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("category", "internal");
        answer.put("severity", "high");
        answer.put("probableCause", "Echo " + id + ": the loader was given " + raw + " and refused it");
        answer.putArray("suggestedActions").add("Rotate " + raw).add("Check the config of " + id);
        answer.put("confidence", 0.8);
        return answer.toString();
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger events = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private FakeOpenAiServer fake;
    private LlmClient gateway;
    private TestServer server;

    @BeforeEach
    void start() {
        logs.start();
        events.addAppender(logs);
        root.addAppender(logs);
        fake = FakeOpenAiServer.start();
        fake.setDefault(FakeOpenAiServer.replyWith(SecretShapesHttpTest::echo));
        var engine = OpenAiTestSupport.warmedEngine(OpenAiEngineConfig.of(
                EndpointConfig.of("fake", fake.baseUrl(), "test-key-for-the-fake-server", "gpt-4o-mini")
                        .withMaxRetries(0).withTimeout(Duration.ofSeconds(20))), Duration.ofSeconds(30));
        gateway = LlmClients.gateway(engine, LlmGatewayConfig.builder().deadline(Duration.ofSeconds(20))
                .rateLimitPerSecond(0).build(), new SimpleMeterRegistry());
        // Every request is one fingerprint (same exception, same frames): asking again at once lets each shape's
        // message reach the model in a prompt of its own.
        ErrorFilterConfig config = ErrorFilterConfig.builder().inAppPackages(List.of(Startup.class.getName()))
                .llmReaskAfter(Duration.ZERO).build();
        server = TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.LLM, gateway);
            ctx.addFilter(new FilterHolder(new ErrorAnalysisFilter(config)), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new Startup()), "/startup");
            ctx.addServlet(new ServletHolder(new ErrorOpsServlet(OPS_TOKEN)), "/_ai/errors");
        });
    }

    @AfterEach
    void stop() {
        events.detachAppender(logs);
        root.detachAppender(logs);
        server.close();
        gateway.close();
        fake.close();
    }

    private HttpResponse<String> fail(String id, String text, String header) {
        HttpRequest.Builder b = server.request("/startup").header("Content-Type", "text/plain")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + id + "] " + text));
        if (header != null) {
            b.header(DB_URL_HEADER, header);
        }
        return server.send(b.build());
    }

    private HttpResponse<String> ops() {
        return server.send(server.request("/_ai/errors").header("Authorization", "Bearer " + OPS_TOKEN).GET().build());
    }

    @Test
    void noSecretShapeLeavesThroughTheResponseTheLogTheOpsViewOrThePromptAndEchoesAreRedactedAgain()
            throws Exception {
        List<String> opsViews = new ArrayList<>();
        for (Shape shape : SHAPES) {
            HttpResponse<String> r = fail(shape.id(), shape.inHeader() ? "connect to the database" : shape.text(),
                    shape.inHeader() ? shape.text() : null);
            assertThat(r.statusCode()).as(shape.id()).isGreaterThanOrEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(r.body()).as(shape.id()).contains("errorId");
            assertNoSecret("response of " + shape.id(), r.body() + r.headers().map());

            // The model's answer to this shape's prompt (an echo of the secret) is attached to the group, redacted.
            String marker = "Echo " + shape.id();
            Await.until(() -> ops().body().contains(marker), "the analysis of " + shape.id() + " in the ops view");
            HttpResponse<String> view = ops();
            assertThat(view.statusCode()).isEqualTo(200);
            opsViews.add(view.body());
        }
        // One more error of the group logs the last shape's analysis (each error logs the one attached before it).
        fail("s99", "nothing secret here", null);

        for (Shape shape : SHAPES) {
            FakeOpenAiServer.Captured asked = fake.requests().stream()
                    .filter(c -> c.prompt().contains("[" + shape.id() + "]")).findFirst().orElseThrow(
                            () -> new AssertionError("no prompt for " + shape.id()));
            assertThat(asked.prompt()).as("prompt of %s", shape.id()).contains("IllegalStateException")
                    .contains("rejected by the config loader");
            assertNoSecret("prompt of " + shape.id(), asked.prompt() + asked.body());
        }
        String logged = logged();
        for (Shape shape : SHAPES) {
            // the echo was logged (and the ops view showed it) with the secret masked
            assertThat(logged).as("echo of %s in the log", shape.id()).contains("Echo " + shape.id());
        }
        assertThat(logged).contains("errorMessage").contains(DB_URL_HEADER);
        assertNoSecret("error log", logged);
        assertNoSecret("ops view", String.join("\n", opsViews));
        assertThat(String.join("\n", opsViews)).contains("[REDACTED]");
    }

    @Test
    void theErrorPromptCarriesNoEmailHostIpOrSqlLiteral() throws Exception {
        HttpResponse<String> r = fail(SCRUB_ID, SCRUB_TEXT, null);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        Await.until(() -> fake.requestCount() >= 1, "the analysis request");
        String prompt = fake.requests().get(0).prompt();
        // the right prompt, with what the analysis needs: the exception and the statement's shape
        assertThat(prompt).contains("[" + SCRUB_ID + "]").contains("IllegalStateException")
                .contains("SELECT id FROM users WHERE email = '?' AND name = '?'");
        assertThat(prompt).doesNotContain(EMAIL, HOST, IP, SQL_EMAIL, SQL_NAME, "example.com", "corp.internal");
        assertThat(prompt).contains("[EMAIL]").contains("[HOST]").contains("[IP]");
        // The log keeps them: they are not secrets, and ops need them.
        Await.until(() -> logged().contains(HOST), "the error log line");
        assertThat(logged()).contains(EMAIL).contains(IP);
    }

    private void assertNoSecret(String where, String text) {
        for (Shape shape : SHAPES) {
            assertThat(text).as("%s must not hold the secret of %s (%s)", where, shape.id(), shape.text())
                    .doesNotContain(shape.secret());
        }
        // the card also without its dots
        assertThat(text).as(where).doesNotContain("4111111111111111");
    }

    /** Every captured log event: message, key-value pairs, throwable. */
    private String logged() {
        List<ILoggingEvent> seen;
        synchronized (logs) { // appenders append under their own lock, from the server's threads
            seen = new ArrayList<>(logs.list);
        }
        return seen.stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs()
                        + (e.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
