package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.aifilters.core.testing.SharedData.require;

import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorCategories;
import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class EmbeddedErrorAnalyserTest {

    private final EmbeddedErrorAnalyser analyser = new EmbeddedErrorAnalyser();

    private List<String> misses(List<ErrorCaseFiles.Case> cases) {
        List<String> misses = new ArrayList<>();
        for (ErrorCaseFiles.Case c : cases) {
            ErrorAnalysis a = analyser.analyse(c.description(), null);
            if (!a.category().equals(c.expected())) {
                misses.add(c.index() + ": " + c.description().exception() + " expected " + c.expected() + " got "
                        + a.category() + " (" + a.probableCause() + ")");
            }
        }
        return misses;
    }

    @Test
    void everySharedDevCaseIsRight() throws IOException {
        Path dev = ErrorCaseFiles.sharedDevCases();
        require(dev != null, "shared dev cases not present");
        List<ErrorCaseFiles.Case> cases = ErrorCaseFiles.parse(Files.readString(dev));
        assertThat(cases).hasSizeGreaterThan(20);
        assertThat(misses(cases)).isEmpty();
    }

    @Test
    void privateRealisticCasesStayAccurate() throws IOException {
        List<ErrorCaseFiles.Case> cases = ErrorCaseFiles.resource("/errors/realistic-cases.jsonl");
        List<String> misses = misses(cases);
        double accuracy = 1.0 - (double) misses.size() / cases.size();
        // 0.98 before the asymmetric operating point; the rest are client cases now answered 5xx on thin evidence.
        assertThat(accuracy).as("misses: %s", misses).isGreaterThanOrEqualTo(0.94);
    }

    /** A second set, written after the signals and only partly tuned on: HTTP/RPC clients, brokers, stores. */
    @Test
    void secondRealisticSetStaysAccurate() throws IOException {
        List<ErrorCaseFiles.Case> cases = ErrorCaseFiles.resource("/errors/realistic-cases-2.jsonl");
        List<String> misses = misses(cases);
        double accuracy = 1.0 - (double) misses.size() / cases.size();
        // Upstream 401/403/404 (RestTemplate, gRPC, AWS) are external_service now: our call failed, not the caller.
        assertThat(accuracy).as("misses: %s", misses).isGreaterThanOrEqualTo(0.88);
    }

    /**
     * Sets 3 (Kotlin, Quarkus, Micronaut, Vert.x, Cassandra, Elasticsearch, Stripe, OpenAI, business rules), 4
     * (WebFlux, Spring Security/Data, JDBC drivers, brokers, AWS) and 5 (GraphQL, CSV/POI, caches, Solr, vendor SDKs,
     * JSON-B, EJB, JDK locale/zone, app names), 6 to 8 (everyday wrappers, generic app exceptions, drivers): each
     * was first scored fresh (82%, 78%, 68%, 92%, 94%, 90%), then the general signals it revealed were added.
     */
    @Test
    void thirdAndFourthRealisticSetsStayAccurate() throws IOException {
        for (String set : List.of("/errors/realistic-cases-3.jsonl", "/errors/realistic-cases-4.jsonl",
                "/errors/realistic-cases-5.jsonl", "/errors/realistic-cases-6.jsonl",
                "/errors/realistic-cases-7.jsonl", "/errors/realistic-cases-8.jsonl")) {
            List<ErrorCaseFiles.Case> cases = ErrorCaseFiles.resource(set);
            List<String> misses = misses(cases);
            double accuracy = 1.0 - (double) misses.size() / cases.size();
            // Set 4 has most upstream 401/404 (Feign, WebClient, S3, OAuth2 client): external_service now.
            assertThat(accuracy).as("%s misses: %s", set, misses).isGreaterThanOrEqualTo(0.86);
        }
    }

    @Test
    void liveHierarchyDecidesForUnknownSubclasses() {
        class InventoryDbException extends SQLException {
            InventoryDbException() {
                super("boom");
            }
        }
        class PaymentTimeout extends TimeoutException {
        }
        assertThat(analyse(new InventoryDbException()).category()).isEqualTo(ErrorCategories.DATABASE);
        assertThat(analyse(new PaymentTimeout()).category()).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
        class QuantityValidationException extends IllegalArgumentException {
            QuantityValidationException() {
                super("quantity must be positive");
            }
        }
        // Thrown from app code serving a request: a stack inside this test would read as "no caller" (a test).
        QuantityValidationException invalid = new QuantityValidationException();
        invalid.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.acme.orders.OrderService", "place", "OrderService.java", 42)});
        assertThat(analyse(invalid).category()).isEqualTo(ErrorCategories.VALIDATION);
        // A bare IllegalArgumentException subclass is as often a bug as bad input: not enough to blame the caller.
        class Oops extends IllegalArgumentException {
            Oops() {
                super("unexpected state");
            }
        }
        assertThat(analyse(new Oops()).category()).isEqualTo(ErrorCategories.INTERNAL);
    }

    @Test
    void rootCauseDecidesThroughWrappers() {
        RuntimeException e = new RuntimeException("request failed",
                new UncheckedIOException(new ConnectException("Connection refused")));
        ErrorAnalysis a = analyse(e);
        assertThat(a.category()).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
        assertThat(a.status()).isEqualTo(502);
        ErrorAnalysis db = analyse(new IllegalStateException("x", new SQLTransientConnectionException("pool")));
        assertThat(db.category()).isEqualTo(ErrorCategories.DATABASE);
        assertThat(db.severity()).isEqualTo("critical");
    }

    /** A ResponseStatusException-like type, as Spring's: getStatusCode() returns an object with value(). */
    public static final class StatusException extends RuntimeException {
        public StatusException(String m) {
            super(m);
        }

        public Code getStatusCode() {
            return new Code();
        }

        public static final class Code {
            public int value() {
                return 409;
            }
        }
    }

    /** A framework-neutral exception with {@code int getStatus()}. */
    public static final class Teapot extends RuntimeException {
        public int getStatus() {
            return 418;
        }
    }

    @Test
    void declaredStatusIsRespected() {
        ErrorAnalysis a = analyse(new StatusException("conflict on order"));
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.category()).isEqualTo(ErrorCategories.VALIDATION);
        assertThat(analyse(new Teapot()).status()).isEqualTo(418);
        ErrorDescription d = new ErrorDescription("com.acme.Whatever", "x", null, null, 403);
        assertThat(analyser.analyse(d, null).category()).isEqualTo(ErrorCategories.AUTHORIZATION);
    }

    @Test
    void userRulesComeFirstAndMayAddCategories() {
        EmbeddedErrorAnalyser custom = EmbeddedErrorAnalyser.builder()
                .category("payment_declined", 402)
                .rule("Declined", "payment_declined", null)
                .rule(ConnectException.class, ErrorCategories.DATABASE, 503)
                .build();
        ErrorDescription d = new ErrorDescription("com.acme.CardDeclinedException", "card declined", null, null, null);
        ErrorAnalysis a = custom.analyse(d, null);
        assertThat(a.category()).isEqualTo("payment_declined");
        assertThat(a.status()).isEqualTo(402);
        assertThat(a.confidence()).isEqualTo(1.0);
        ErrorAnalysis b = custom.analyse(ErrorDescription.of(new ConnectException("x")), new ConnectException("x"));
        assertThat(b.category()).isEqualTo(ErrorCategories.DATABASE);
        ErrorRule parsed = ErrorRule.parse("com\\.acme\\..*Quota.*=rate_limit:429");
        assertThat(parsed.status()).isEqualTo(429);
        assertThat(parsed.category()).isEqualTo("rate_limit");
    }

    @Test
    void analysisExplainsForOps() {
        ErrorAnalysis a = analyser.analyse(new ErrorDescription("org.postgresql.util.PSQLException",
                "ERROR: deadlock detected", null, null, null), null);
        assertThat(a.category()).isEqualTo(ErrorCategories.DATABASE);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.probableCause()).containsIgnoringCase("deadlock");
        assertThat(a.suggestedActions()).isNotEmpty();
        assertThat(a.source()).isEqualTo(EngineSource.EMBEDDED);
        ErrorAnalysis v = analyser.analyse(new ErrorDescription("java.lang.NumberFormatException",
                "For input string: \"x\"", null, null, null), null);
        assertThat(v.severity()).isEqualTo("low");
        assertThat(analyse(new OutOfMemoryError("Java heap space")).severity()).isEqualTo("critical");
    }

    @Test
    void deterministic() {
        ErrorDescription d = new ErrorDescription("feign.RetryableException", "Read timed out executing GET http://x",
                null, List.of("feign.SynchronousMethodHandler.executeAndDecode"), null);
        ErrorAnalysis first = analyser.analyse(d, null);
        for (int i = 0; i < 50; i++) {
            ErrorAnalysis again = analyser.analyse(d, null);
            assertThat(again.category()).isEqualTo(first.category());
            assertThat(again.confidence()).isEqualTo(first.confidence());
            assertThat(again.probableCause()).isEqualTo(first.probableCause());
        }
    }

    @Test
    void toleratesIncompleteAndHugeDescriptions() {
        EmbeddedErrorAnalyser withRule = EmbeddedErrorAnalyser.builder().rule("Acme", "internal", null).build();
        ErrorDescription empty = new ErrorDescription(null, null,
                List.of(new ErrorDescription.Cause(null, null)), List.of(), null);
        assertThat(withRule.analyse(empty, null).category()).isEqualTo(ErrorCategories.INTERNAL);
        String huge = "timed out ".repeat(200_000);
        ErrorAnalysis a = analyser.analyse(new ErrorDescription("com.acme.X", huge, null, null, null), null);
        assertThat(a.category()).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
    }

    private ErrorAnalysis analyse(Throwable t) {
        return analyser.analyse(ErrorDescription.of(t), t);
    }
}
