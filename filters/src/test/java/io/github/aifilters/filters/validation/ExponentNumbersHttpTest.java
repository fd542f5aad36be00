package io.github.aifilters.filters.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 2: numbers are checked as numbers whatever their notation. With {@code age} an integer 0–150,
 * {@code 1e64} used to pass (the validator's integer path took the BigDecimal's low 64 bits, 0) and {@code 1e400}
 * reached the app, which read it as Infinity.
 */
class ExponentNumbersHttpTest {

    private static final String PREFIX = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"admin\",\"age\":";

    private static TestServer server() {
        return TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(new SmartValidationFilter(ValidationFilterConfig.builder()
                    .route("POST /api/users", "classpath:validation/user.schema.json").build())),
                    "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        });
    }

    @Test
    void hugeNumbersInAnyNotationAreOutOfBounds() {
        try (TestServer s = server()) {
            for (String age : new String[] {"1e64", "-1e64", "1E+64", "1e400", "-1e400", "1e19", "9.3e18",
                    "18446744073709551616", "99999999999999999999999", "-18446744073709551617", "1.0e300"}) {
                HttpResponse<String> r = s.postJson("/api/users", PREFIX + age + "}");
                assertThat(r.statusCode()).as("age " + age).isEqualTo(400);
                assertThat(r.body()).as("age " + age).contains("/age").doesNotContain("Infinity");
            }
        }
    }

    @Test
    void numbersWithinBoundsPassInAnyNotation() {
        try (TestServer s = server()) {
            for (String age : new String[] {"1e2", "1.5E2", "150", "0", "0e10", "42.0"}) {
                HttpResponse<String> r = s.postJson("/api/users", PREFIX + age + "}");
                assertThat(r.statusCode()).as("age " + age).isEqualTo(200);
            }
        }
    }
}
