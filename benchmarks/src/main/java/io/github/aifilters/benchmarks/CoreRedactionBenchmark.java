package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.redact.DefaultRedactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The shared redactor on what every filter feeds it: a ~200-char log line without and with secrets, a ~2 KB JSON
 * body (parsed once: the filters redact the tree they already hold) and a browser-like header map. Setup checks that
 * the secrets really are masked, so the "with secrets" figure measures the replacement path, not a silent miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoreRedactionBenchmark {

    /** 200 characters, no secret: the common case, where only the cheap substring pre-checks run. */
    static final String CLEAN_LINE = "GET /api/orders/48213 completed in 37 ms for tenant acme-eu (region eu-west-1); "
            + "cache hit ratio 0.82, upstream inventory-service answered 200 after 2 retries, items=14 total=312.40 EUR, trace 4bf92f3577b3";

    /**
     * 200 characters of prose, few digits: shows how much of the clean-line cost is the card-number scan, which only
     * runs when a line holds 13+ digits.
     */
    static final String PROSE_LINE = "User asked to reset the password reminder settings for the shared mailbox; the "
            + "request was routed to the support queue and the customer was told to expect an answer within one day.";

    /** About 200 characters with a bearer token, a password assignment and an AWS access key id. */
    static final String SECRET_LINE = "POST /api/login failed: Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0 "
            + "password=Hunter2!Secret user=ops@example.com key AKIAIOSFODNN7EXAMPLE rejected by upstream auth-service (attempt 3 of 5)";

    private DefaultRedactor redactor;
    private JsonNode body;
    private Map<String, List<String>> headers;

    @Setup
    public void setUp() throws Exception {
        redactor = DefaultRedactor.defaults();
        body = new ObjectMapper().readTree(jsonBody());
        headers = new LinkedHashMap<>();
        headers.put("Host", List.of("api.example.com"));
        headers.put("User-Agent", List.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0 Safari/537.36"));
        headers.put("Accept", List.of("application/json, text/plain, */*"));
        headers.put("Accept-Encoding", List.of("gzip, deflate, br"));
        headers.put("Accept-Language", List.of("en-GB,en;q=0.9"));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Content-Length", List.of("2048"));
        headers.put("Authorization", List.of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNyJ9.c2lnbmF0dXJlLXZhbHVl"));
        headers.put("Cookie", List.of("SESSION=3b1f0c9a7e; theme=dark; _ga=GA1.2.1234567890.1700000000"));
        headers.put("X-Request-Id", List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
        headers.put("X-Forwarded-For", List.of("203.0.113.7, 10.0.0.12"));
        check(CLEAN_LINE.length() >= 190 && CLEAN_LINE.length() <= 220 && SECRET_LINE.length() >= 190, "clean line ~200 chars");
        check(redactor.redactText(CLEAN_LINE).equals(CLEAN_LINE), "clean line untouched");
        check(redactor.redactText(PROSE_LINE).equals(PROSE_LINE), "prose line untouched");
        String red = redactor.redactText(SECRET_LINE);
        check(!red.contains("9f8e7d6c5b4a39281706f5e4d3c2b1a0") && !red.contains("Hunter2")
                && !red.contains("AKIAIOSFODNN7EXAMPLE"), "secrets masked: " + red);
        String redJson = redactor.redactJson(body).toString();
        check(!redJson.contains("s3cr3t-Pa55") && !redJson.contains("4111111111111111"), "json secrets masked");
        check(!redactor.redactHeaders(headers).get("Authorization").get(0).contains("eyJ"), "authorization masked");
    }

    /** The body used: a ~2 KB signup/order JSON with a password, a card number and a token among ordinary fields. */
    static String jsonBody() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            items.append(i == 0 ? "" : ",").append(String.format(
                    "{\"sku\":\"ABC-%04d\",\"qty\":%d,\"price\":%d.99,\"title\":\"Item number %d\"}",
                    1000 + i, i + 1, 10 + i, i));
        }
        return "{\"user\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"password\":\"s3cr3t-Pa55\","
                + "\"phone\":\"+44 20 7946 0958\",\"address\":{\"street\":\"12 Analytical Row\",\"city\":\"London\","
                + "\"zip\":\"12345\",\"country\":\"GB\"}},\"payment\":{\"card\":\"4111111111111111\",\"cvv\":\"123\","
                + "\"holder\":\"Ada Lovelace\"},\"session\":{\"accessToken\":\"tok_9f8e7d6c5b4a3928\","
                + "\"locale\":\"en-GB\"},\"note\":\"Please leave the parcel with the neighbour at number 14 if I am "
                + "out; the bell does not work.\",\"items\":[" + items + "],\"currency\":\"GBP\",\"status\":\"paid\"}";
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark input check failed: " + what);
        }
    }

    @Benchmark
    public String redactTextClean() {
        return redactor.redactText(CLEAN_LINE);
    }

    @Benchmark
    public String redactTextCleanProse() {
        return redactor.redactText(PROSE_LINE);
    }

    @Benchmark
    public String redactTextWithSecrets() {
        return redactor.redactText(SECRET_LINE);
    }

    @Benchmark
    public JsonNode redactJson2Kb() {
        return redactor.redactJson(body);
    }

    @Benchmark
    public void redactHeaders(Blackhole bh) {
        bh.consume(redactor.redactHeaders(headers));
    }
}
