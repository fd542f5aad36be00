package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Correction;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.ValidationLevel;
import io.github.aifilters.filters.validation.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.redact.DefaultRedactor;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure logic under the filter: matching, coercion, correction safety, schema loading, configuration. */
class ValidationLogicTest {

    private final JsonBodyValidator validator = new JsonBodyValidator(ValidationFilterConfig.Limits.DEFAULT,
            LevelPolicy.DEFAULT, DefaultRedactor.defaults());
    private final SchemaLoader loader = new SchemaLoader(getClass().getClassLoader());

    private ValidationOutcome run(String schemaJson, String body) throws Exception {
        CompiledSchema schema = loader.compile("inline", "urn:test:" + Math.abs(schemaJson.hashCode()),
                validator.mapper().readTree(schemaJson));
        return validator.evaluate(schema, body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
    }

    @Test
    void nameMatcherPicksOnlyClearWinners() {
        assertThat(NameMatcher.clearWinner("titel", List.of("title", "priority"))).hasValueSatisfying(
                m -> assertThat(m.value()).isEqualTo("title"));
        assertThat(NameMatcher.clearWinner("first_name", List.of("firstName", "lastName"))).hasValueSatisfying(
                m -> assertThat(m.tier()).isEqualTo(NameMatcher.Tier.NORMALISED));
        assertThat(NameMatcher.clearWinner("HIGH", List.of("high", "High"))).isEmpty();
        assertThat(NameMatcher.clearWinner("lignt", List.of("light", "night"))).isEmpty();
        assertThat(NameMatcher.clearWinner("cat", List.of("car", "bat"))).isEmpty();
        assertThat(NameMatcher.clearWinner("xyz", List.of("low", "high"))).isEmpty();
        assertThat(NameMatcher.distance("hihg", "high")).isEqualTo(1);
        assertThat(NameMatcher.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void coercionsAcceptOnlyExactJsonLiterals() {
        assertThat(Coercions.integer("42")).isNotNull();
        assertThat(Coercions.integer("007")).isNull();
        assertThat(Coercions.integer("4.0")).isNull();
        assertThat(Coercions.number("19.99").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(Coercions.number("NaN")).isNull();
        assertThat(Coercions.number("1,5")).isNull();
        assertThat(Coercions.number("+1")).isNull();
        assertThat(Coercions.bool("TRUE").booleanValue()).isTrue();
        assertThat(Coercions.bool("yes")).isNull();
        assertThat(Coercions.bool("1")).isNull();
    }

    @Test
    void twoNamesClaimingOnePropertyAreNotRenamed() throws Exception {
        String schema = "{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"title\":{\"type\":\"string\"}}}";
        ValidationOutcome o = run(schema, "{\"Title\":\"a\",\"titel\":\"b\"}");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.REJECTED);
        assertThat(o.violations()).extracting(Violation::pointer).contains("/Title", "/titel");
    }

    @Test
    void misspelledRequiredPropertyIsRenamedEvenWhenAdditionalPropertiesAreAllowed() throws Exception {
        String schema = "{\"type\":\"object\",\"required\":[\"title\"],\"properties\":{\"title\":{\"type\":\"string\"}}}";
        ValidationOutcome o = run(schema, "{\"titel\":\"a\",\"extra\":1}");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.CORRECTED);
        assertThat(validator.mapper().readTree(o.correctedBytes()))
                .isEqualTo(validator.mapper().readTree("{\"title\":\"a\",\"extra\":1}"));
    }

    @Test
    void nestedAndArrayValuesAreCorrectedAtTheirPointers() throws Exception {
        String schema = """
                {"type":"object","properties":{"items":{"type":"array","items":{"type":"object",
                  "properties":{"qty":{"type":"integer"},"unit":{"enum":["kg","piece"]}}}}}}""";
        ValidationOutcome o = run(schema, "{\"items\":[{\"qty\":\"2\",\"unit\":\"KG\"},{\"qty\":3,\"unit\":\"peice\"}]}");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.CORRECTED);
        assertThat(o.corrections()).extracting(Correction::pointer, Correction::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/items/0/qty", Correction.Rules.INTEGER_STRING),
                org.assertj.core.groups.Tuple.tuple("/items/0/unit", Correction.Rules.ENUM_CASE),
                org.assertj.core.groups.Tuple.tuple("/items/1/unit", Correction.Rules.ENUM_SPELLING));
    }

    @Test
    void secretsAreNeverRewritten() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"pin\":{\"type\":\"integer\"},"
                + "\"password\":{\"type\":\"string\",\"pattern\":\"^\\\\S+$\"},\"count\":{\"type\":\"integer\"}}}";
        assertThat(run(schema, "{\"pin\":\"1234\"}").status()).isEqualTo(ValidationOutcome.Status.REJECTED);
        assertThat(run(schema, "{\"password\":\" hunter22 \"}").status()).isEqualTo(ValidationOutcome.Status.REJECTED);
        assertThat(run(schema, "{\"count\":\"1234\"}").status()).isEqualTo(ValidationOutcome.Status.CORRECTED);
    }

    @Test
    void referencedSchemasInOtherFilesAreCorrectedToo() {
        CompiledSchema order = loader.compile("classpath:validation/order.schema.json");
        ValidationOutcome o = validator.evaluate(order,
                "{\"customer\":{\"Name\":\"Ada\",\"tier\":\"GOLD\"},\"note\":\" hi \"}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, true);
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.CORRECTED);
        assertThat(o.body().toString()).isEqualTo("{\"customer\":{\"name\":\"Ada\",\"tier\":\"gold\"},\"note\":\" hi \"}");
        ValidationOutcome rejected = validator.evaluate(order,
                "{\"customer\":{\"nmae\":\"Ada\",\"x\":1}}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
        assertThat(rejected.errors()).filteredOn(v -> v.pointer().equals("/customer/nmae"))
                .extracting(Violation::suggestion).containsExactly("did you mean 'name'?");
    }

    @Test
    void numericEnumMemberFromString() throws Exception {
        ValidationOutcome o = run("{\"type\":\"object\",\"properties\":{\"v\":{\"enum\":[1,2,3]}}}", "{\"v\":\"2\"}");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.CORRECTED);
        assertThat(o.body().get("v").intValue()).isEqualTo(2);
    }

    @Test
    void emptyAndWhitespaceBodiesAreReportedAsEmpty() throws Exception {
        ValidationOutcome o = run("{\"type\":\"object\"}", "  \n ");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.MALFORMED);
        assertThat(o.bodyError().key()).isEqualTo("validation.request.empty");
    }

    @Test
    void malformedMessagesNeverQuoteTheBody() throws Exception {
        ValidationOutcome o = run("{\"type\":\"object\"}", "{\"password\": sk_live_abcdefghijklmnop}");
        assertThat(o.status()).isEqualTo(ValidationOutcome.Status.MALFORMED);
        assertThat(o.bodyError().message()).doesNotContain("sk_live").contains("line 1");
    }

    @Test
    void draftVersionsAreDetectedFromSchemaKeyword() {
        CompiledSchema d7 = loader.compile("classpath:validation/user-update.schema.json");
        CompiledSchema d2019 = loader.compile("classpath:validation/search.schema.json");
        JsonNode bad = validator.mapper().createObjectNode().put("name", "A");
        assertThat(validator.evaluate(d7, bad, false).status()).isEqualTo(ValidationOutcome.Status.REJECTED);
        assertThat(validator.evaluate(d2019, validator.mapper().createObjectNode(), false).errors())
                .extracting(Violation::key).containsExactly("validation.body.required");
    }

    @Test
    void brokenSchemaFailsStartUpNamingTheFile() {
        assertThatThrownBy(() -> SchemaCatalog.load(ValidationFilterConfig.builder()
                .route("POST /x", "classpath:validation/broken.schema.json").build()))
                .hasMessageContaining("classpath:validation/broken.schema.json")
                .hasMessageContaining("not a valid");
        assertThatThrownBy(() -> SchemaCatalog.load(ValidationFilterConfig.builder()
                .route("POST /x", "classpath:validation/unparseable.schema.json").build()))
                .hasMessageContaining("classpath:validation/unparseable.schema.json");
        assertThatThrownBy(() -> SchemaCatalog.load(ValidationFilterConfig.builder()
                .route("POST /x", "/no/such/dir/missing.schema.json").build()))
                .hasMessageContaining("missing.schema.json");

        // Through the servlet life cycle: init fails with a ServletException naming the file.
        SmartValidationFilter filter = new SmartValidationFilter();
        assertThatThrownBy(() -> filter.init(filterConfig(Map.of(ValidationFilterConfig.ROUTES,
                "POST /api/x = classpath:validation/broken.schema.json"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("classpath:validation/broken.schema.json");
    }

    @Test
    void initParamsParse() {
        ValidationFilterConfig c = ValidationFilterConfig.from(io.github.aifilters.core.config.InitParams.of("t", Map.of(
                ValidationFilterConfig.ROUTES, "POST /api/users = a.json; PUT /api/users/{id} = b.json",
                ValidationFilterConfig.LEVELS, "validation.body=warn, validation.body.required=error",
                ValidationFilterConfig.OVER_CAP, "pass",
                io.github.aifilters.core.config.CommonSettings.MAX_BODY_BYTES, "16KiB")));
        assertThat(c.routes()).containsEntry("POST /api/users", "a.json").containsEntry("PUT /api/users/{id}", "b.json");
        assertThat(new LevelPolicy(c.levels()).levelOf("validation.body.enum")).isEqualTo(ValidationLevel.WARN);
        assertThat(new LevelPolicy(c.levels()).levelOf("validation.body.required")).isEqualTo(ValidationLevel.ERROR);
        assertThat(new LevelPolicy(c.levels()).levelOf("validation.request.empty")).isEqualTo(ValidationLevel.ERROR);
        assertThat(c.rejectOverCap()).isFalse();
        assertThat(c.common().maxBodyBytes()).isEqualTo(16 * 1024);
        assertThat(c.autoCorrect()).isFalse();
        assertThat(c.intentThreshold()).isEqualTo(0.7);
        assertThatThrownBy(() -> ValidationFilterConfig.from(io.github.aifilters.core.config.InitParams.of("t",
                Map.of(ValidationFilterConfig.LEVELS, "validation.body=loud")))).hasMessageContaining("loud");
    }

    @Test
    void routeTemplatesPreferLiteralSegments() {
        CompiledSchema a = loader.compile("classpath:validation/user.schema.json");
        CompiledSchema b = loader.compile("classpath:validation/user-update.schema.json");
        assertThat(a).isSameAs(loader.compile("classpath:validation/user.schema.json"));
        ValidationFilterConfig config = ValidationFilterConfig.builder()
                .route("PUT /api/users/{id}", "classpath:validation/user-update.schema.json")
                .route("PUT /api/users/me", "classpath:validation/user.schema.json").build();
        SchemaCatalog catalog = SchemaCatalog.load(config);
        assertThat(catalog.match("PUT", "/api/users/me").orElseThrow().route()).isEqualTo("PUT /api/users/me");
        assertThat(catalog.match("PUT", "/api/users/17").orElseThrow().route()).isEqualTo("PUT /api/users/{id}");
        assertThat(catalog.match("POST", "/api/users/17")).isEmpty();
        assertThat(catalog.match("PUT", "/api/users/17/x")).isEmpty();
        assertThat(b.location()).endsWith("user-update.schema.json");
    }

    @Test
    void headerValuesAreSafeAndCapped() {
        assertThat(HeaderValues.list(List.of("/a", "/b c", "/ü"), 256)).isEqualTo("/a,/b%20c,/%C3%BC");
        String capped = HeaderValues.list(Collections.nCopies(100, "/property"), 40);
        assertThat(capped.length()).isLessThanOrEqualTo(40);
        assertThat(capped).isEqualTo("/property,/property,/property,+97");
        assertThat(HeaderValues.encode("/x\r\nSet-Cookie: a")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void strictConfigFailsStartUpOnAMisspeltKey() {
        assertThatThrownBy(() -> new SmartValidationFilter().init(filterConfig(Map.of("excludePath", "/x/*",
                io.github.aifilters.core.config.CommonSettings.STRICT_CONFIG, "true"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("unknown init-param 'excludePath' (did you mean 'excludePaths'?)");
    }

    private static FilterConfig filterConfig(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "validation";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
