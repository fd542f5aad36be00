package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.aifilters.core.testing.SharedData.require;

import io.github.aifilters.errors.ErrorCategories;
import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operating point of issue 14: a client category (4xx) only with specific evidence that the caller's request
 * caused it; otherwise a server category. Each mechanism is checked on a minimal description, and the whole on the
 * real exceptions of shared/data/errors (when present) and the hand-written sets.
 */
class AsymmetricDecisionTest {

    private static final Set<String> SERVER = Set.of(ErrorCategories.INTERNAL, ErrorCategories.DATABASE,
            ErrorCategories.EXTERNAL_SERVICE);
    private final EmbeddedErrorAnalyser analyser = new EmbeddedErrorAnalyser();

    private String category(String exception, String message, List<ErrorDescription.Cause> causes,
                            List<String> frames) {
        return analyser.analyse(new ErrorDescription(exception, message, causes, frames, null), null).category();
    }

    private static ErrorDescription.Cause cause(String name, String message) {
        return new ErrorDescription.Cause(name, message);
    }

    @Test
    void upstreamRejectingOurCredentialsIsExternalNotTheCallersFault() {
        assertThat(category("io.fabric8.kubernetes.client.KubernetesClientException",
                "Failure executing: GET at: https://10.0.0.1/api/v1/namespaces/x/pods. Message: Forbidden!", null,
                null)).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
        assertThat(category("org.springframework.web.client.HttpClientErrorException$Unauthorized",
                "401 Unauthorized: [no body]", null, null)).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
        // Throttling from anyone stays rate_limit.
        assertThat(category("org.springframework.web.client.HttpClientErrorException$TooManyRequests",
                "429 Too Many Requests: [no body]", null, null)).isEqualTo(ErrorCategories.RATE_LIMIT);
        // A plain IOException carrying an upstream 403, thrown inside the JDK HTTP client.
        assertThat(category("java.io.IOException", "Server returned HTTP response code: 403 for URL: https://x/y",
                null, List.of("sun.net.www.protocol.http.HttpURLConnection.getInputStream0")))
                .isNotEqualTo(ErrorCategories.AUTHORIZATION);
        // The same logged without frames: the JDK's wording alone says the status came from a call we made.
        assertThat(category("java.io.IOException", "Server returned HTTP response code: 403 for URL: https://x/y",
                null, null)).isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
    }

    @Test
    void dataStoreRejectingTheAppsIdentityIsDatabase() {
        assertThat(category("org.apache.kafka.common.errors.TopicAuthorizationException",
                "Not authorized to access topics: [orders]", null, null)).isEqualTo(ErrorCategories.DATABASE);
        assertThat(category("org.apache.hadoop.security.AccessControlException",
                "Permission denied: user=app, access=WRITE, inode=\"/user\"", null,
                List.of("org.apache.hadoop.hdfs.server.namenode.FSPermissionChecker.check")))
                .isEqualTo(ErrorCategories.DATABASE);
    }

    @Test
    void mappingErrorsAreTheCallersOnlyWhileTheRequestIsBound() {
        String message = "Cannot deserialize value of type `java.time.LocalDate` from String \"x\": not a valid"
                + " representation";
        // No sign of request binding: an upstream response, a config value or our model - ours.
        assertThat(category("com.fasterxml.jackson.databind.exc.InvalidFormatException", message, null, null))
                .isEqualTo(ErrorCategories.INTERNAL);
        // Read by Spring's request-body converter: the caller's body.
        assertThat(category("org.springframework.http.converter.HttpMessageNotReadableException",
                "JSON parse error: " + message,
                List.of(cause("com.fasterxml.jackson.databind.exc.InvalidFormatException", message)), null))
                .isEqualTo(ErrorCategories.VALIDATION);
        // Inside an HTTP client: the upstream broke the contract.
        assertThat(category("com.sun.jersey.api.client.ClientHandlerException", "x",
                List.of(cause("com.fasterxml.jackson.databind.JsonMappingException", message)), null))
                .isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
    }

    @Test
    void noCallerNoClientCategory() {
        String message = "Unable to find com.acme.Book with id 25";
        assertThat(category("jakarta.persistence.EntityNotFoundException", message, null, null))
                .isEqualTo(ErrorCategories.NOT_FOUND);
        assertThat(category("jakarta.persistence.EntityNotFoundException", message, null,
                List.of("com.acme.BookRepositoryTest.savesTwice"))).isNotEqualTo(ErrorCategories.NOT_FOUND);
        assertThat(category("jakarta.persistence.EntityNotFoundException", message, null,
                List.of("com.acme.Indexer.run", "org.springframework.scheduling.support.ScheduledMethodRunnable.run")))
                .isNotEqualTo(ErrorCategories.NOT_FOUND);
    }

    @Test
    void healthyDatabaseWrongQueryIsInternal() {
        assertThat(category("org.postgresql.util.PSQLException", "ERROR: column \"nme\" does not exist", null,
                null)).isEqualTo(ErrorCategories.INTERNAL);
        assertThat(category("org.postgresql.util.PSQLException", "ERROR: deadlock detected", null, null))
                .isEqualTo(ErrorCategories.DATABASE);
    }

    @Test
    void wrongQueryUnderAnOrmAndADriverIsStillInternal() {
        // every link names a data store (JPA, Hibernate, the reactive driver): they say where, the root says what
        String root = "ERROR: relation \"hibernate_sequence\" does not exist (42P01)";
        assertThat(category("javax.persistence.PersistenceException",
                "org.hibernate.HibernateException: java.util.concurrent.CompletionException: "
                        + "io.vertx.pgclient.PgException: " + root,
                List.of(cause("org.hibernate.HibernateException",
                                "java.util.concurrent.CompletionException: io.vertx.pgclient.PgException: " + root),
                        cause("java.util.concurrent.CompletionException", "io.vertx.pgclient.PgException: " + root),
                        cause("io.vertx.pgclient.PgException", root)),
                List.of("org.hibernate.internal.ExceptionConverterImpl.convert",
                        "org.hibernate.internal.ExceptionConverterImpl.convert",
                        "org.hibernate.reactive.session.impl.ReactiveExceptionConverter.convert")))
                .isEqualTo(ErrorCategories.INTERNAL);
    }

    @Test
    void throttlingIsRateLimitingWhoeverThrottled() {
        // an upstream's bare 429 through an HTTP client
        assertThat(category("retrofit2.HttpException", "HTTP 429 ", List.of(),
                List.of("retrofit2.KotlinExtensions$await$2$2.onResponse")))
                .isEqualTo(ErrorCategories.RATE_LIMIT);
        // an LLM client's own rate-limit exception behind reflection wrappers
        assertThat(category("java.lang.reflect.UndeclaredThrowableException", null,
                List.of(cause("java.lang.reflect.InvocationTargetException", null),
                        cause("dev.langchain4j.exception.RateLimitException", "{\"error\":{}}")), List.of()))
                .isEqualTo(ErrorCategories.RATE_LIMIT);
        // a storage service throttling with a 503 status
        assertThat(category("com.amazonaws.services.s3.model.AmazonS3Exception",
                "Please reduce your request rate. (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)",
                List.of(), List.of()))
                .isEqualTo(ErrorCategories.RATE_LIMIT);
        // but a provider with no room for anyone is failing, whatever status code it chose
        assertThat(category("io.grpc.StatusRuntimeException",
                "RESOURCE_EXHAUSTED: the service is temporarily out of capacity", List.of(), List.of()))
                .isEqualTo(ErrorCategories.EXTERNAL_SERVICE);
    }

    @Test
    void aMissingAuthorizationHeaderIsAuthentication() {
        assertThat(category("jakarta.servlet.ServletException", "Missing or invalid Authorization header", List.of(),
                List.of("com.acme.security.TokenFilter.doFilter")))
                .isEqualTo(ErrorCategories.AUTHENTICATION);
    }

    @Test
    void causesNamedOnlyInMessagesJoinTheChain() {
        ErrorDescription d = new ErrorDescription("org.springframework.web.util.NestedServletException",
                "Request processing failed; nested exception is org.springframework.dao.CannotAcquireLockException:"
                        + " could not execute statement", null, null, null);
        ErrorDescription expanded = EvidenceScorer.withEmbeddedCauses(d);
        assertThat(expanded.rootException()).isEqualTo("org.springframework.dao.CannotAcquireLockException");
        assertThat(analyser.analyse(d, null).category()).isEqualTo(ErrorCategories.DATABASE);
        ErrorDescription plain = new ErrorDescription("java.lang.RuntimeException",
                "com.mongodb.MongoTimeoutException: Timed out after 30000 ms", null, null, null);
        assertThat(EvidenceScorer.withEmbeddedCauses(plain).rootException())
                .isEqualTo("com.mongodb.MongoTimeoutException");
        assertThat(analyser.analyse(plain, null).category()).isEqualTo(ErrorCategories.DATABASE);
        // Nothing embedded: the same description comes back.
        ErrorDescription none = new ErrorDescription("java.lang.IllegalStateException", "boom", null, null, null);
        assertThat(EvidenceScorer.withEmbeddedCauses(none)).isSameAs(none);
    }

    @Test
    void aLargerMarginNeverAnswersMoreClientErrors() throws IOException {
        List<ErrorCaseFiles.Case> cases = new ArrayList<>();
        for (String set : List.of("/errors/realistic-cases.jsonl", "/errors/realistic-cases-2.jsonl")) {
            cases.addAll(ErrorCaseFiles.resource(set));
        }
        int previous = Integer.MAX_VALUE;
        for (double margin : new double[] {0, 1, 3, 100}) {
            EmbeddedErrorAnalyser a = EmbeddedErrorAnalyser.builder().clientMargin(margin).build();
            int client = 0;
            for (ErrorCaseFiles.Case c : cases) {
                client += SERVER.contains(a.analyse(c.description(), null).category()) ? 0 : 1;
            }
            assertThat(client).as("client answers at margin %s", margin).isLessThanOrEqualTo(previous);
            previous = client;
        }
        // Only exceptions that declare their own status (the app's explicit answer) may stay 4xx.
        assertThat(previous).as("a huge margin leaves (almost) only 5xx").isLessThanOrEqualTo(1);
    }

    @Test
    void handWrittenSetsNeverBlameTheClientForServerFailures() throws IOException {
        List<String> blamed = new ArrayList<>();
        // Set 9: everyday server failures that look like client errors (Spring Assert, ORM misuse, OAuth2/LLM
        // clients, upstream HTML error pages, enum columns), written after the mechanisms to probe them.
        for (String set : List.of("", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9")) {
            for (ErrorCaseFiles.Case c : ErrorCaseFiles.resource("/errors/realistic-cases" + set + ".jsonl")) {
                String got = analyser.analyse(c.description(), null).category();
                if (SERVER.contains(c.expected()) && !SERVER.contains(got)) {
                    blamed.add(set + ":" + c.index() + " " + c.description().exception() + " -> " + got);
                }
            }
        }
        assertThat(blamed).isEmpty();
    }

    /** The operating point on real exceptions from public issue threads (shared data; skipped when absent). */
    @Test
    void realCasesHoldTheOperatingPoint() throws IOException {
        Path dev = ErrorCaseFiles.sharedDevCases();
        require(dev != null, "shared data not present");
        Path real = dev.resolveSibling("real-cases.jsonl");
        require(Files.isRegularFile(real), "real cases not present");
        int correct = 0;
        int server = 0;
        int blamed = 0;
        List<ErrorCaseFiles.Case> cases = ErrorCaseFiles.parse(Files.readString(real));
        for (ErrorCaseFiles.Case c : cases) {
            String got = analyser.analyse(c.description(), null).category();
            correct += got.equals(c.expected()) ? 1 : 0;
            if (SERVER.contains(c.expected())) {
                server++;
                blamed += SERVER.contains(got) ? 0 : 1;
            }
        }
        assertThat((double) correct / cases.size()).isGreaterThanOrEqualTo(0.90);
        assertThat((double) blamed / server).isLessThanOrEqualTo(0.02);
    }
}
