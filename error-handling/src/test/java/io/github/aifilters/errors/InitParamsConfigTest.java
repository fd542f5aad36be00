package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class InitParamsConfigTest {

    @Test
    void readsEveryKey() {
        ErrorFilterConfig c = ErrorFilterConfig.from(InitParams.of("errors", Map.ofEntries(
                Map.entry(ErrorFilterConfig.INTERCEPT_SEND_ERROR, "false"),
                Map.entry(ErrorFilterConfig.IN_APP_PACKAGES, "com.acme., org.example."),
                Map.entry(ErrorFilterConfig.FINGERPRINT_FRAMES, "5"),
                Map.entry(ErrorFilterConfig.MAX_FINGERPRINTS, "50"),
                Map.entry(ErrorFilterConfig.RULES, "Declined=payment_declined:402; Quota=rate_limit"),
                Map.entry(ErrorFilterConfig.CATEGORIES, "payment_declined:402"),
                Map.entry(ErrorFilterConfig.RETRY_AFTER, "2m"),
                Map.entry(ErrorFilterConfig.LLM_REASK_AFTER, "1h"),
                Map.entry(ErrorFilterConfig.LLM_QUEUE_CAPACITY, "8"),
                Map.entry(ErrorFilterConfig.EARLY_WARNING_FACTOR, "4.5"))));
        assertThat(c.interceptSendError()).isFalse();
        assertThat(c.inAppPackages()).containsExactly("com.acme.", "org.example.");
        assertThat(c.fingerprintFrames()).isEqualTo(5);
        assertThat(c.maxFingerprints()).isEqualTo(50);
        assertThat(c.rules()).hasSize(2);
        assertThat(c.rules().get(0).status()).isEqualTo(402);
        assertThat(c.categories()).containsEntry("payment_declined", 402);
        assertThat(c.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.llmReaskAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(c.llmQueueCapacity()).isEqualTo(8);
        assertThat(c.earlyWarningFactor()).isEqualTo(4.5);
        ErrorFilterConfig d = ErrorFilterConfig.ofDefaults();
        assertThat(d.interceptSendError()).isTrue();
        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxFingerprints()).isEqualTo(10_000);
    }

    @Test
    void badValuesFailAtStartWithTheKey() {
        assertThatThrownBy(() -> ErrorFilterConfig.from(InitParams.of("errors",
                Map.of(ErrorFilterConfig.MAX_FINGERPRINTS, "0")))).hasMessageContaining("maxFingerprints");
        assertThatThrownBy(() -> ErrorFilterConfig.from(InitParams.of("errors",
                Map.of(ErrorFilterConfig.RULES, "no-equals-sign")))).hasMessageContaining("regex=category");
    }

    @Test
    void worksFromInitParamsLikeWebXml() throws Exception {
        try (TestServer server = TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(ErrorAnalysisFilter.class);
            holder.setInitParameter(ErrorFilterConfig.RETRY_AFTER, "7s");
            holder.setInitParameter(ErrorFilterConfig.RULES, "RateLimitExceeded=external_service:503");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
            ctx.addServlet(new ServletHolder(new TestApp.Failing()), "/app/*");
        })) {
            HttpResponse<String> r = server.get("/app/rate_limit");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
            JsonNode body = new ObjectMapper().readTree(r.body());
            assertThat(body.path("category").asText()).isEqualTo("external_service");
            assertThat(server.context().getServletContext().getAttribute(ErrorTable.ATTRIBUTE))
                    .isInstanceOf(ErrorTable.class);
        }
    }
}
