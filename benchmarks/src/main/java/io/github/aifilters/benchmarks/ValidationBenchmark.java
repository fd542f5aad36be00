package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.internal.CompiledSchema;
import io.github.aifilters.filters.validation.internal.JsonBodyValidator;
import io.github.aifilters.filters.validation.internal.ValidationOutcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Smart validation of a ~2 KB JSON order (nested objects, an array of 20 line items, enums, formats, patterns)
 * against a schema compiled once: the validator alone on a parsed tree, the filter's full path (parse + validate),
 * the report path (invalid body, correction off), and the full path with one safe correction applied.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ValidationBenchmark {

    static final String SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
             "required":["orderId","customer","items","currency","status"],
             "properties":{
              "orderId":{"type":"string","pattern":"^ORD-[0-9]{6}$"},
              "status":{"enum":["new","paid","shipped","cancelled"]},
              "currency":{"enum":["EUR","USD","GBP"]},
              "note":{"type":"string","maxLength":500},
              "customer":{"type":"object","additionalProperties":false,"required":["name","email"],
               "properties":{"name":{"type":"string","minLength":1},"email":{"type":"string","format":"email"},
                "phone":{"type":"string"},"vip":{"type":"boolean"},
                "address":{"type":"object","required":["city","country"],"properties":{
                 "street":{"type":"string"},"city":{"type":"string"},"zip":{"type":"string","pattern":"^[0-9]{5}$"},
                 "country":{"type":"string","minLength":2,"maxLength":2}}}}},
              "items":{"type":"array","minItems":1,"maxItems":100,"items":{"type":"object","additionalProperties":false,
               "required":["sku","qty","price"],"properties":{
                "sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]{4}$"},"qty":{"type":"integer","minimum":1},
                "price":{"type":"number","exclusiveMinimum":0},"title":{"type":"string"},
                "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true}}}}}}""";

    private JsonBodyValidator validator;
    private CompiledSchema schema;
    private byte[] body;
    private byte[] fixableBody;
    private JsonNode tree;

    @Setup
    public void setUp() throws Exception {
        validator = FiltersTestSupport.validator(ValidationFilterConfig.ofDefaults());
        schema = FiltersTestSupport.compileSchema("order", "urn:bench:order", validator.mapper().readTree(SCHEMA),
                getClass().getClassLoader());
        body = orderJson("paid").getBytes(StandardCharsets.UTF_8);
        fixableBody = orderJson("PAID").getBytes(StandardCharsets.UTF_8);
        tree = validator.mapper().readTree(body);
        check(validator.evaluate(schema, body, StandardCharsets.UTF_8, false), ValidationOutcome.Status.ACCEPTED);
        check(validator.evaluate(schema, fixableBody, StandardCharsets.UTF_8, true), ValidationOutcome.Status.CORRECTED);
    }

    /** The body used, about 2 KB. */
    public static String orderJson(String status) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            items.append(i == 0 ? "" : ",").append(String.format(
                    "{\"sku\":\"ABC-%04d\",\"qty\":%d,\"price\":%d.99,\"title\":\"Item number %d\",\"tags\":[\"a\",\"b%d\"]}",
                    1000 + i, i + 1, 10 + i, i, i));
        }
        return "{\"orderId\":\"ORD-123456\",\"status\":\"" + status + "\",\"currency\":\"EUR\","
                + "\"note\":\"Please deliver to the back door, ring twice.\","
                + "\"customer\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+44 20 7946 0000\","
                + "\"vip\":true,\"address\":{\"street\":\"12 Analytical Row\",\"city\":\"London\",\"zip\":\"12345\","
                + "\"country\":\"GB\"}},\"items\":[" + items + "]}";
    }

    private static void check(ValidationOutcome o, ValidationOutcome.Status expected) {
        if (o.status() != expected) {
            throw new IllegalStateException("benchmark body is " + o.status() + ", expected " + expected + ": "
                    + o.violations());
        }
    }

    public int bodyBytes() {
        return body.length;
    }

    @Benchmark
    public ValidationOutcome validateParsedTree() {
        return validator.evaluate(schema, tree, false);
    }

    @Benchmark
    public ValidationOutcome parseAndValidate() {
        return validator.evaluate(schema, body, StandardCharsets.UTF_8, false);
    }

    @Benchmark
    public ValidationOutcome parseAndReject() {
        return validator.evaluate(schema, fixableBody, StandardCharsets.UTF_8, false);
    }

    @Benchmark
    public ValidationOutcome parseValidateAndCorrect() {
        return validator.evaluate(schema, fixableBody, StandardCharsets.UTF_8, true);
    }
}
