package io.github.aifilters.filters.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.testing.RawHttp;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5: the intent filter read every JSON body under its include paths before the app answered, even for
 * paths that 404, so slow uploads to nowhere pinned the container's threads. With the app's routes declared (route
 * suggestion's catalog), a request no route serves is answered without its body being read.
 */
class UnservedBodiesHttpTest {

    static final class Chat extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            int n = req.getInputStream().readAllBytes().length;
            res.getWriter().write(n + " " + io.github.aifilters.core.attr.AiAttributes.INTENT.get(req)
                    .map(r -> r.intent()).orElse("none"));
        }
    }

    private static TestServer server() {
        return TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(new RouteSuggestionFilter(RouteSuggestionConfig.builder()
                    .route("POST /api/chat").build())), "/*", EnumSet.of(DispatcherType.REQUEST));
            FilterHolder intent = new FilterHolder(new IntentRecognitionFilter(IntentFilterConfig.builder()
                    .intentsFile("classpath:intent/shop-intents.yaml").build()));
            intent.setInitParameter(CommonSettings.INCLUDE_PATHS, "/api/*");
            ctx.addFilter(intent, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new Chat()), "/api/chat");
        });
    }

    private static final String STALLED_HEAD = "Content-Type: application/json\r\nContent-Length: 1000";

    @Test
    void aStalledUploadToAnUnservedPathIsAnsweredWithoutWaitingForItsBody() throws Exception {
        try (TestServer s = server()) {
            RawHttp r = RawHttp.exchange(s.uri(""), "POST /api/nowhere/at/all HTTP/1.1\r\nHost: x\r\n" + STALLED_HEAD,
                    "{\"message\":\"hel".getBytes(StandardCharsets.UTF_8), false, 4_000);
            // before: the intent filter waited for the body (idle timeout), no answer within 4 s
            assertThat(r.status()).as(r.head()).isIn(404, 405);
        }
    }

    @Test
    void aServedPathStillHasItsBodyRead() throws Exception {
        try (TestServer s = server()) {
            RawHttp r = RawHttp.exchange(s.uri(""), "POST /api/chat HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 28\r\nConnection: close",
                    "{\"message\":\"find red shoes\"}".getBytes(StandardCharsets.UTF_8), false, 10_000);
            assertThat(r.status()).as(r.head()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("28 search"); // the intent filter read it, the app got it whole
        }
    }
}
