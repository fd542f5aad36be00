package io.github.aifilters.filters.validation;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.ScriptedLlm;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** The smart validation filter over real HTTP (Jetty 12 ee10, java.net.http client). */
class SmartValidationFilterHttpTest {

    @org.junit.jupiter.api.BeforeAll
    static void quietJetty() {
        // No logback-test.xml in this module: keep Jetty's DEBUG chatter out of the build output.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static final String USER_SCHEMA = "classpath:validation/user.schema.json";
    private static final String VALID_USER = "{ \"name\" : \"Ada\",\n  \"email\": \"ada@example.com\", \"role\": \"admin\" }";

    private static ValidationFilterConfig.Builder users() {
        return ValidationFilterConfig.builder().route("POST /api/users", USER_SCHEMA);
    }

    private static TestServer server(Filter validation) {
        return server(validation, ctx -> { });
    }

    private static TestServer server(Filter validation, Consumer<ServletContextHandler> more) {
        return TestServer.start(ctx -> {
            more.accept(ctx);
            ctx.addFilter(new FilterHolder(validation), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        });
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return EchoServlet.JSON.readTree(r.body());
    }

    private static JsonNode error(JsonNode problem, String pointer, String key) {
        for (JsonNode e : problem.path("errors")) {
            if (e.path("pointer").asText().equals(pointer) && e.path("key").asText().equals(key)) {
                return e;
            }
        }
        throw new AssertionError("no error " + key + " at '" + pointer + "' in " + problem);
    }

    @Test
    void validBodyPassesByteForByteAndUnmappedRoutesAreUntouched() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().autoCorrect(true).build()))) {
            HttpResponse<String> r = s.postJson("/api/users", VALID_USER);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("body").asText()).isEqualTo(VALID_USER);
            assertThat(r.headers().firstValue("X-AI-Corrected")).isEmpty();

            HttpResponse<String> other = s.post("/api/other", "text/plain", "not json at all");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(json(other).path("body").asText()).isEqualTo("not json at all");
            HttpResponse<String> get = s.get("/api/users");
            assertThat(get.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportNamesEveryViolationWithPointerKeyMessageAndSuggestion() throws Exception {
        String body = """
                {"name": "A", "emial": "ada@example.com", "role": "admn", "age": "forty", "score": "1.5",
                 "zip": "ABCDE", "tags": "x", "address": {"postcode": "123"}, "active": "yes"}""";
        try (TestServer s = server(new SmartValidationFilter(users().build()))) {
            HttpResponse<String> r = s.postJson("/api/users", body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode p = json(r);
            assertThat(p.path("type").asText()).isEqualTo(ProblemTypes.VALIDATION.toString());
            assertThat(p.path("status").asInt()).isEqualTo(400);

            JsonNode missing = error(p, "", "validation.body.required");
            assertThat(missing.path("property").asText()).isEqualTo("email");
            assertThat(missing.path("suggestion").asText()).contains("email");
            assertThat(error(p, "/address", "validation.body.required").path("property").asText()).isEqualTo("city");
            assertThat(error(p, "/emial", "validation.body.additional").path("suggestion").asText())
                    .isEqualTo("did you mean 'email'?");
            assertThat(error(p, "/role", "validation.body.enum").path("suggestion").asText())
                    .isEqualTo("did you mean 'admin'?");
            assertThat(error(p, "/age", "validation.body.type").path("suggestion").asText()).isEqualTo("send an integer");
            assertThat(error(p, "/score", "validation.body.type").path("suggestion").asText())
                    .isEqualTo("send a number, not a string: drop the quotes");
            assertThat(error(p, "/active", "validation.body.type").path("suggestion").asText())
                    .isEqualTo("send true or false");
            assertThat(error(p, "/tags", "validation.body.type").path("suggestion").asText()).contains("array");
            assertThat(error(p, "/name", "validation.body.minLength").path("message").asText()).contains("2");
            assertThat(error(p, "/zip", "validation.body.pattern").path("suggestion").asText()).contains("^[0-9]{5}$");
            assertThat(p.path("errors")).hasSize(10);
            for (JsonNode e : p.path("errors")) {
                assertThat(e.path("message").asText()).isNotBlank();
                // Never echo a value the client sent.
                assertThat(e.toString()).doesNotContain("forty").doesNotContain("ABCDE");
            }
        }
    }

    @Test
    void formatViolationSuggestsTheFormatWithAnExample() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().build()))) {
            JsonNode p = json(s.postJson("/api/users", "{\"name\":\"Ada\",\"email\":\"ada at example\",\"role\":\"admin\"}"));
            JsonNode e = error(p, "/email", "validation.body.format");
            assertThat(e.path("suggestion").asText()).isEqualTo("expected format email, e.g. user@example.com");
        }
    }

    @Test
    void autoCorrectionIsOffByDefault() throws Exception {
        assertThat(users().build().autoCorrect()).isFalse();
        try (TestServer s = server(new SmartValidationFilter(users().build()))) {
            HttpResponse<String> r = s.postJson("/api/users",
                    "{\"Name\":\"Ada\",\"email\":\" ada@example.com \",\"role\":\"ADMIN\",\"age\":\"42\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-AI-Corrected")).isEmpty();
            JsonNode p = json(r);
            error(p, "/Name", "validation.body.additional");
            error(p, "/role", "validation.body.enum");
            error(p, "/age", "validation.body.type");
        }
    }

    @Test
    void autoCorrectionDeliversTheCorrectedBodyWithHeaderAttributeAndContentLength() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().autoCorrect(true).build()))) {
            HttpResponse<String> r = s.postJson("/api/users", """
                    {"Name": "Ada", "email": " ada@example.com ", "role": "ADMIN", "age": "42", "score": "19.99",
                     "active": "true", "tags": "ops", "adress": {"city": "Paris"}}""");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode echo = json(r);
            JsonNode received = EchoServlet.JSON.readTree(echo.path("body").asText());
            assertThat(received).isEqualTo(EchoServlet.JSON.readTree("""
                    {"name": "Ada", "email": "ada@example.com", "role": "admin", "age": 42, "score": 19.99,
                     "active": true, "tags": ["ops"], "address": {"city": "Paris"}}"""));
            assertThat(echo.path("contentLength").asLong()).isEqualTo(echo.path("bytes").asLong());
            assertThat(echo.path("contentLengthHeader").asText()).isEqualTo(echo.path("bytes").asText());
            String header = r.headers().firstValue("X-AI-Corrected").orElseThrow();
            assertThat(List.of(header.split(","))).containsExactlyInAnyOrder(
                    "/Name", "/email", "/role", "/age", "/score", "/active", "/tags", "/adress");
            List<String> rules = new ArrayList<>();
            echo.path("corrections").forEach(c -> rules.add(c.path("pointer").asText() + " " + c.path("rule").asText()));
            assertThat(rules).containsExactlyInAnyOrder(
                    "/Name property-name", "/email trim-whitespace", "/role enum-case", "/age integer-from-string",
                    "/score number-from-string", "/active boolean-from-string", "/tags single-value-to-array",
                    "/adress property-name");
        }
    }

    @Test
    void ambiguousOrPartialRepairsAreNeverApplied() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().autoCorrect(true).build()))) {
            // "lignt" is one edit from "light" but only two from "night": no clear winner.
            HttpResponse<String> enumAmbiguous = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"shade\":\"lignt\"}");
            assertThat(enumAmbiguous.statusCode()).isEqualTo(400);
            error(json(enumAmbiguous), "/shade", "validation.body.enum");
            // "colr" is one edit from "color", two from "colour".
            HttpResponse<String> nameAmbiguous = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"colr\":\"red\"}");
            assertThat(nameAmbiguous.statusCode()).isEqualTo(400);
            error(json(nameAmbiguous), "/colr", "validation.body.additional");
            // Target already present: "Name" is not renamed onto "name".
            HttpResponse<String> present = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"Name\":\"Bob\",\"email\":\"ada@example.com\",\"role\":\"admin\"}");
            assertThat(present.statusCode()).isEqualTo(400);
            // Fixable + unfixable: 400 with the ORIGINAL violations (the fixable one included).
            HttpResponse<String> partial = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"ADMIN\",\"age\":\"007\"}");
            assertThat(partial.statusCode()).isEqualTo(400);
            JsonNode p = json(partial);
            error(p, "/role", "validation.body.enum");
            error(p, "/age", "validation.body.type");
            assertThat(partial.headers().firstValue("X-AI-Corrected")).isEmpty();
        }
    }

    @Test
    void malformedJsonGetsLineAndColumn() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().build()))) {
            HttpResponse<String> r = s.postJson("/api/users", "{\"name\": \"Ada\",\n  \"email\": }");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode p = json(r);
            assertThat(p.path("type").asText()).isEqualTo(ProblemTypes.MALFORMED_JSON.toString());
            assertThat(p.path("line").asInt()).isEqualTo(2);
            assertThat(p.path("column").asInt()).isEqualTo(12);
            assertThat(p.path("detail").asText()).contains("line 2, column 12");
            assertThat(p.path("errors").get(0).path("key").asText()).isEqualTo("validation.request.malformed");

            HttpResponse<String> trailing = s.postJson("/api/users", VALID_USER + " {}");
            assertThat(trailing.statusCode()).isEqualTo(400);
            assertThat(json(trailing).path("detail").asText()).contains("after the JSON document");
            HttpResponse<String> dup = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"name\":\"Bob\",\"email\":\"ada@example.com\",\"role\":\"admin\"}");
            assertThat(dup.statusCode()).isEqualTo(400);
            assertThat(json(dup).path("detail").asText()).contains("duplicate property name");
        }
    }

    @Test
    void wrongContentTypeIs415AndEmptyBodyIs400() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users().build()))) {
            HttpResponse<String> r = s.post("/api/users", "text/plain", VALID_USER);
            assertThat(r.statusCode()).isEqualTo(415);
            JsonNode p = json(r);
            assertThat(p.path("type").asText()).isEqualTo(ProblemTypes.UNSUPPORTED_MEDIA_TYPE.toString());
            assertThat(p.path("errors").get(0).path("key").asText()).isEqualTo("validation.request.contentType");
            assertThat(s.post("/api/users", "application/vnd.api+json", VALID_USER).statusCode()).isEqualTo(200);

            HttpResponse<String> empty = s.send(s.request("/api/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(json(empty).path("errors").get(0).path("key").asText()).isEqualTo("validation.request.empty");
            HttpResponse<String> blank = s.postJson("/api/users", "   ");
            assertThat(blank.statusCode()).isEqualTo(400);
            assertThat(json(blank).path("errors").get(0).path("key").asText()).isEqualTo("validation.request.empty");
        }
    }

    @Test
    void overCapIs413OrPassesThroughWhenConfigured() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(2000) + "\",\"email\":\"ada@example.com\",\"role\":\"admin\"}";
        try (TestServer s = server(new SmartValidationFilter(users().maxBodyBytes(1024).build()))) {
            HttpResponse<String> r = s.postJson("/api/users", big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).path("type").asText()).isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE.toString());
        }
        try (TestServer s = server(new SmartValidationFilter(users().maxBodyBytes(1024).rejectOverCap(false).build()))) {
            HttpResponse<String> r = s.postJson("/api/users", big);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("body").asText()).isEqualTo(big);
            // Chunked (no Content-Length): the filter holds cap+1 bytes, the app still receives every byte.
            HttpResponse<String> chunked = s.send(s.request("/api/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .build());
            assertThat(chunked.statusCode()).isEqualTo(200);
            assertThat(json(chunked).path("body").asText()).isEqualTo(big);
        }
        try (TestServer s = server(new SmartValidationFilter(users().maxBodyBytes(1024).build()))) {
            HttpResponse<String> chunked = s.send(s.request("/api/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .build());
            assertThat(chunked.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void deepNestingAndHugeValuesAreRejectedCleanly() throws Exception {
        try (TestServer s = server(new SmartValidationFilter(users()
                .limits(new ValidationFilterConfig.Limits(32, 500, 20, 100)).build()))) {
            String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            HttpResponse<String> r = s.postJson("/api/users", deep);
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode p = json(r);
            assertThat(p.path("errors").get(0).path("key").asText()).isEqualTo("validation.request.limit");
            assertThat(p.path("detail").asText()).contains("deeper than 32");

            HttpResponse<String> longString = s.postJson("/api/users", "{\"name\":\"" + "x".repeat(600) + "\"}");
            assertThat(longString.statusCode()).isEqualTo(400);
            assertThat(json(longString).path("detail").asText()).contains("longer than 500");

            HttpResponse<String> longNumber = s.postJson("/api/users", "{\"age\":" + "9".repeat(50) + "}");
            assertThat(longNumber.statusCode()).isEqualTo(400);
            assertThat(json(longNumber).path("detail").asText()).contains("number is longer than 20");
        }
    }

    /** Sets the intent attribute like the intent filter would, from test headers. */
    private static Filter intentFrom(String header, String confidenceHeader) {
        return (req, res, chain) -> {
            HttpServletRequest r = (HttpServletRequest) req;
            String intent = r.getHeader(header);
            if (intent != null) {
                AiAttributes.INTENT.set(req, new IntentResult(intent, Double.parseDouble(r.getHeader(confidenceHeader)),
                        List.of(), null, EngineSource.EMBEDDED, Duration.ZERO));
            }
            chain.doFilter(req, res);
        };
    }

    @Test
    void schemaIsChosenByIntentWhenConfident() throws Exception {
        ValidationFilterConfig config = ValidationFilterConfig.builder()
                .intent("create_user", USER_SCHEMA)
                .intent("search", "classpath:validation/search.schema.json")
                .build();
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(intentFrom("X-Test-Intent", "X-Test-Confidence")), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new SmartValidationFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        })) {
            String notAUser = "{\"query\": \"printers\"}";
            HttpResponse<String> confident = s.send(s.request("/api/assistant").header("Content-Type", "application/json")
                    .header("X-Test-Intent", "create_user").header("X-Test-Confidence", "0.7")
                    .POST(HttpRequest.BodyPublishers.ofString(notAUser)).build());
            assertThat(confident.statusCode()).isEqualTo(400);
            error(json(confident), "", "validation.body.required");

            HttpResponse<String> search = s.send(s.request("/api/assistant").header("Content-Type", "application/json")
                    .header("X-Test-Intent", "search").header("X-Test-Confidence", "0.95")
                    .POST(HttpRequest.BodyPublishers.ofString(notAUser)).build());
            assertThat(search.statusCode()).isEqualTo(200);

            HttpResponse<String> unsure = s.send(s.request("/api/assistant").header("Content-Type", "application/json")
                    .header("X-Test-Intent", "create_user").header("X-Test-Confidence", "0.69")
                    .POST(HttpRequest.BodyPublishers.ofString(notAUser)).build());
            assertThat(unsure.statusCode()).isEqualTo(200);

            // An intent-only schema never demands a body from a request that has none (e.g. GET /search?q=...).
            HttpResponse<String> get = s.send(s.request("/search?q=x").header("X-Test-Intent", "search")
                    .header("X-Test-Confidence", "0.99").GET().build());
            assertThat(get.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void levelsWarnAndIgnore() throws Exception {
        ValidationFilterConfig config = users()
                .level("validation.body.additional", ValidationLevel.WARN)
                .level("validation.body.format", ValidationLevel.IGNORE)
                .build();
        try (TestServer s = server(new SmartValidationFilter(config))) {
            HttpResponse<String> warned = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"nickname\":\"A\"}");
            assertThat(warned.statusCode()).isEqualTo(200);
            assertThat(warned.headers().firstValue("X-AI-Validation-Warnings"))
                    .hasValue("validation.body.additional=/nickname");
            assertThat(json(warned).path("warnings").asInt()).isEqualTo(1);

            HttpResponse<String> ignored = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"not an email\",\"role\":\"admin\"}");
            assertThat(ignored.statusCode()).isEqualTo(200);
            assertThat(ignored.headers().firstValue("X-AI-Validation-Warnings")).isEmpty();

            HttpResponse<String> stillError = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"boss\",\"nickname\":\"A\"}");
            assertThat(stillError.statusCode()).isEqualTo(400);
            JsonNode p = json(stillError);
            assertThat(p.path("errors")).hasSize(1);
            assertThat(p.path("warnings").get(0).path("pointer").asText()).isEqualTo("/nickname");
        }
    }

    @Test
    void initParamsWithYamlMappingFileAndPathTemplates() throws Exception {
        try (TestServer s = TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(SmartValidationFilter.class);
            holder.setInitParameter(ValidationFilterConfig.MAPPING, "classpath:validation/mapping.yaml");
            holder.setInitParameter(ValidationFilterConfig.AUTO_CORRECT, "true");
            holder.setInitParameter(ValidationFilterConfig.LEVELS, "validation.body.format=warn");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        })) {
            HttpResponse<String> put = s.send(s.request("/api/users/17").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"nmae\":\"Ada\"}")).build());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(json(put).path("body").asText()).isEqualTo("{\"name\":\"Ada\"}");
            assertThat(put.headers().firstValue("X-AI-Corrected")).hasValue("/nmae");
            assertThat(json(put).path("routeTemplate").asText()).isEqualTo("/api/users/{id}");

            HttpResponse<String> badPut = s.send(s.request("/api/users/17").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"A\"}")).build());
            assertThat(badPut.statusCode()).isEqualTo(400);
            error(json(badPut), "/name", "validation.body.minLength");

            HttpResponse<String> warnFormat = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"nope\",\"role\":\"admin\"}");
            assertThat(warnFormat.statusCode()).isEqualTo(200);
            assertThat(warnFormat.headers().firstValue("X-AI-Validation-Warnings")).hasValue("validation.body.format=/email");

            // Deeper paths are other routes.
            assertThat(s.send(s.request("/api/users/17/avatar").header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsCountOutcomesPerRouteTemplate() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ValidationFilterConfig config = users().route("PUT /api/users/{id}", "classpath:validation/user-update.schema.json")
                .autoCorrect(true).build();
        try (TestServer s = server(new SmartValidationFilter(config),
                ctx -> ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry))) {
            s.postJson("/api/users", VALID_USER);
            s.postJson("/api/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"Admin\"}");
            s.postJson("/api/users", "{}");
            s.send(s.request("/api/users/42").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bo\"}")).build());
        }
        assertThat(count(registry, "POST /api/users", "valid")).isEqualTo(1);
        assertThat(count(registry, "POST /api/users", "corrected")).isEqualTo(1);
        assertThat(count(registry, "POST /api/users", "rejected")).isEqualTo(1);
        assertThat(count(registry, "PUT /api/users/{id}", "valid")).isEqualTo(1);
        assertThat(registry.get(SmartValidationFilter.METRIC_LATENCY).tag("route", "POST /api/users").timer().count())
                .isEqualTo(3);
    }

    private static double count(SimpleMeterRegistry registry, String route, String outcome) {
        var c = registry.find(SmartValidationFilter.METRIC_VALIDATIONS).tag("route", route).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    /** An LLM that explains what the embedded rules cannot. */
    private static ScriptedLlm advising() {
        return ScriptedLlm.answering(p -> "{\"suggestions\":[{\"pointer\":\"/choice\","
                + "\"suggestion\":\"send a short code or a number\"}]}");
    }

    @Test
    void engineAddsSuggestionsOnlyWhereTheEmbeddedRulesHaveNone() throws Exception {
        ScriptedLlm engine = advising();
        try (TestServer s = server(new SmartValidationFilter(users().llmEscalate(true).build()),
                ctx -> ctx.setAttribute(AiFilterContext.LLM, engine))) {
            HttpResponse<String> r = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"password\":\"hunter2\","
                            + "\"choice\":\"toolong\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode p = json(r);
            assertThat(error(p, "/choice", "validation.body.oneOf").path("suggestion").asText())
                    .isEqualTo("send a short code or a number");
            assertThat(error(p, "/password", "validation.body.minLength").path("suggestion").asText())
                    .isEqualTo("send at least 8 characters");
            assertThat(engine.calls()).isEqualTo(1);
            String prompt = engine.prompts().get(0).user();
            assertThat(prompt).contains("Route: POST /api/users").contains("- /choice [validation.body.oneOf]")
                    .doesNotContain("- /password").doesNotContain("hunter2");

            // Every violation already explained: the engine is not asked.
            s.postJson("/api/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"boss\"}");
            assertThat(engine.calls()).isEqualTo(1);
        }
    }

    @Test
    void aFailingEngineNeverFailsTheRequest() throws Exception {
        ScriptedLlm broken = ScriptedLlm.answering(p -> {
            throw new IllegalStateException("engine down");
        });
        try (TestServer s = server(new SmartValidationFilter(users().llmEscalate(true).build()),
                ctx -> ctx.setAttribute(AiFilterContext.LLM, broken))) {
            HttpResponse<String> r = s.postJson("/api/users",
                    "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"choice\":\"toolong\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = error(json(r), "/choice", "validation.body.oneOf");
            assertThat(e.has("suggestion")).isFalse();
            assertThat(r.body()).doesNotContain("engine down");
        }
    }

    @Test
    void theCorrectionLogLineIsRedacted() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(SmartValidationFilter.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestServer s = server(new SmartValidationFilter(users().autoCorrect(true).build()))) {
            HttpResponse<String> r = s.postJson("/api/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\","
                    + "\"role\":\"admin\",\"tags\":\"Bearer abcdefgh12345678xyz\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> lines = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("validation corrected")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("/tags single-value-to-array").contains("[REDACTED]")
                    .doesNotContain("abcdefgh12345678xyz");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
