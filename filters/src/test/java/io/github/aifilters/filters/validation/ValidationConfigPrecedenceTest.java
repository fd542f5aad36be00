package io.github.aifilters.filters.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** A validation filter constructed with a config in code still obeys its init-params, key by key. */
class ValidationConfigPrecedenceTest {

    private static final String USER_SCHEMA = "classpath:validation/user.schema.json";

    @Test
    void featureAndMatcherInitParamsWinOverTheProgrammaticConfig() {
        ValidationFilterConfig config = ValidationFilterConfig.builder().route("POST /api/users", USER_SCHEMA)
                .route("POST /legacy/users", USER_SCHEMA).autoCorrect(false).build();
        try (TestServer server = TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(new SmartValidationFilter(config));
            holder.setInitParameter(ValidationFilterConfig.AUTO_CORRECT, "true");
            holder.setInitParameter(CommonSettings.EXCLUDE_PATHS, "/legacy/*");
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        })) {
            HttpResponse<String> corrected = server.postJson("/api/users",
                    "{\"name\": \"Ada\", \"email\": \" ada@example.com \", \"role\": \"ADMIN\"}");
            assertThat(corrected.statusCode()).isEqualTo(200);
            assertThat(corrected.headers().firstValue("X-AI-Corrected")).isPresent();

            // the route mapped in code is kept, but the init-param excludes its path: not validated at all
            HttpResponse<String> excluded = server.postJson("/legacy/users", "{\"name\": \"A\"}");
            assertThat(excluded.statusCode()).isEqualTo(200);

            HttpResponse<String> invalid = server.postJson("/api/users", "{\"name\": \"A\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
        }
    }
}
