package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ops correct a category by fingerprint in a file named by the {@code categoryOverrides} init-param: the next error of
 * that fingerprint is answered with the corrected category, without a restart.
 */
class CategoryOverridesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCorrectionByFingerprintAppliesToTheNextErrorOfThatKind() throws Exception {
        Path overrides = dir.resolve("overrides.yaml");
        ErrorFilterConfig config = ErrorFilterConfig.from(InitParams.of("aiErrors", Map.of(
                ErrorFilterConfig.CATEGORY_OVERRIDES, overrides.toString(),
                ErrorFilterConfig.CATEGORY_OVERRIDES_RECHECK, "0s",
                ErrorFilterConfig.IN_APP_PACKAGES, "io.github.aifilters.errors.TestApp")));
        try (TestServer server = ErrorAnalysisFilterHttpTest.start(config, null)) {
            HttpResponse<String> before = server.get("/app/database/1");
            assertThat(before.statusCode()).isEqualTo(503);
            JsonNode problem = JSON.readTree(before.body());
            String fingerprint = problem.path("fingerprint").asText();
            assertThat(fingerprint).isNotEmpty();

            Files.writeString(overrides, "fingerprints:\n  " + fingerprint + ": internal\n");
            HttpResponse<String> after = server.get("/app/database/2");
            assertThat(after.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(after.body()).path("fingerprint").asText()).isEqualTo(fingerprint);
        }
    }
}
