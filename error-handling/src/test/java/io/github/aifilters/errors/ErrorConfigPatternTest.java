package io.github.aifilters.errors;

import static io.github.aifilters.core.testing.ConfigAssertions.assertSameSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** The configuration pattern of {@link ErrorFilterConfig}, and its precedence rule over real HTTP. */
class ErrorConfigPatternTest {

    private static final InitParams PARAMS = InitParams.of("errors", Map.of(
            ErrorFilterConfig.RETRY_AFTER, "7s",
            ErrorFilterConfig.RULES, "Quota=rate_limit",
            ErrorFilterConfig.CATEGORIES, "payment_declined:402",
            ErrorFilterConfig.EARLY_WARNING_FACTOR, "4.5",
            CommonSettings.EXCLUDE_METHODS, "DELETE"));

    @Test
    void fromEqualsApplyOverTheDefaultsAndToBuilderKeepsEverySetting() {
        assertSameSettings(ErrorFilterConfig.from(PARAMS), ErrorFilterConfig.builder().apply(PARAMS).build());
        assertSameSettings(ErrorFilterConfig.from(PARAMS), ErrorFilterConfig.ofDefaults().toBuilder().apply(PARAMS)
                .build());
        assertSameSettings(ErrorFilterConfig.from(InitParams.empty("errors")), ErrorFilterConfig.ofDefaults());

        ErrorFilterConfig code = ErrorFilterConfig.builder().interceptSendError(false)
                .inAppPackages(List.of("com.acme.")).frameworkPackages(List.of("org.")).fingerprintFrames(5)
                .maxFingerprints(50).maxRoutesPerFingerprint(4).rule("Declined", "payment_declined", 402)
                .category("payment_declined", 402).validationDetail(false).retryAfter(Duration.ofSeconds(5))
                .loggerName("errors").logHeaders(false).llmAnalysis(false).llmReaskAfter(Duration.ofHours(1))
                .llmQueueCapacity(8).llmThreads(2).earlyWarning(false).earlyWarningWindow(Duration.ofMinutes(2))
                .earlyWarningFactor(2.0).earlyWarningMinRequests(5).earlyWarningMinRate(0.1).maxRoutes(10)
                .rethrowCommitted(true).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .matcher(new RequestMatcher(List.of("/api/*"), List.of(), Set.of(), Set.of(), Set.of(), Set.of()))
                .build();
        assertSameSettings(code.toBuilder().build(), code);
        assertSameSettings(code.toBuilder().apply(InitParams.empty("errors")).build(), code);

        ErrorFilterConfig merged = code.toBuilder().apply(PARAMS).build();
        assertThat(merged.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(merged.rules()).hasSize(1);
        assertThat(merged.earlyWarningFactor()).isEqualTo(4.5);
        assertThat(merged.common().matcher().excludedMethods()).containsExactly("DELETE");
        assertThat(merged.common().matcher().includedPaths()).containsExactly("/api/*");
        assertThat(merged.interceptSendError()).isFalse();
        assertThat(merged.inAppPackages()).containsExactly("com.acme.");
        assertThat(merged.loggerName()).isEqualTo("errors");
    }

    @Test
    void featureAndMatcherInitParamsWinOverTheProgrammaticConfigOverHttp() throws Exception {
        ErrorFilterConfig config = ErrorFilterConfig.builder().retryAfter(Duration.ofSeconds(5))
                .rule("RateLimitExceeded", "external_service", 503).build();
        try (TestServer server = TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(new ErrorAnalysisFilter(config));
            holder.setInitParameter(ErrorFilterConfig.RETRY_AFTER, "7s");
            holder.setInitParameter(CommonSettings.EXCLUDE_PATHS, "/raw/*");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/app/*");
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/raw/*");
        })) {
            HttpResponse<String> handled = server.get("/app/rate_limit");
            assertThat(handled.statusCode()).isEqualTo(503); // the code's rule
            assertThat(handled.headers().firstValue("Retry-After")).hasValue("7"); // the init-param's retryAfter
            assertThat(handled.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));

            HttpResponse<String> excluded = server.get("/raw/rate_limit");
            assertThat(excluded.statusCode()).isNotEqualTo(503);
            assertThat(excluded.headers().firstValue("Retry-After")).isEmpty();
            assertThat(excluded.headers().firstValue("Content-Type").orElse(""))
                    .doesNotStartWith("application/problem+json");
        }
    }
}
