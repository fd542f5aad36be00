package io.github.aifilters.filters.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** A filter constructed with a config in code still obeys its init-params, key by key (over real HTTP). */
class IntentConfigPrecedenceTest {

    private static final String SEARCH = "?q=please%20search%20for%20red%20running%20shoes%20under%20%2480";

    static final class Ok extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("ok");
        }
    }

    private static TestServer start(IntentFilterConfig config, String... initParams) {
        return TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(new IntentRecognitionFilter(config));
            for (int i = 0; i < initParams.length; i += 2) {
                holder.setInitParameter(initParams[i], initParams[i + 1]);
            }
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Ok()), "/*");
        });
    }

    @Test
    void excludePathsInitParamWinsOverTheProgrammaticConfig() {
        IntentFilterConfig config = IntentFilterConfig.builder().intentsFile("classpath:intent/shop-intents.yaml")
                .build();
        try (TestServer server = start(config, CommonSettings.EXCLUDE_PATHS, "/api/*")) {
            assertThat(server.get("/api/search" + SEARCH).headers().firstValue("X-AI-Intent")).isEmpty();
            // the filter still runs elsewhere: only the matcher key named by the init-param changed
            assertThat(server.get("/shop/search" + SEARCH).headers().firstValue("X-AI-Intent")).hasValue("search");
        }
    }

    @Test
    void aFeatureInitParamWinsAndTheOtherProgrammaticValuesStay() {
        IntentFilterConfig config = IntentFilterConfig.builder().intentsFile("classpath:intent/shop-intents.yaml")
                .queryParameters(List.of("search")).headerThreshold(0.99).build();
        try (TestServer server = start(config, IntentFilterConfig.HEADER_THRESHOLD, "0.5")) {
            // "show me stuff" is vaguely a search: below the code's 0.99, above the init-param's 0.5; read from the
            // code's query parameter "search"
            HttpResponse<String> r = server.get("/x?search=show%20me%20stuff");
            assertThat(r.headers().firstValue("X-AI-Intent")).isPresent();
            assertThat(server.get("/x?q=show%20me%20stuff").headers().firstValue("X-AI-Intent")).isEmpty();
        }
    }
}
