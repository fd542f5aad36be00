package io.github.aifilters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same filters and app in a second servlet container, Tomcat 11, registered the way a Tomcat user does
 * ({@code ServletContext.addFilter} from a {@code ServletContainerInitializer}): body capture, form parameters,
 * headers, corrections, suggestions and problem documents behave as they do on Jetty.
 */
class TomcatPortabilityTest {

    private static Tomcat tomcat;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Path baseDir = Files.createTempDirectory("tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer((classes, ctx) -> register(ctx), null);
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    /** What an app does in its own initializer or listener: {@code addFilter} / {@code addServlet}. */
    private static void register(ServletContext ctx) {
        SampleWiring.register(new SampleWiring.Registrar() {
            @Override
            public void filter(String name, Class<? extends jakarta.servlet.Filter> type,
                               java.util.EnumSet<jakarta.servlet.DispatcherType> dispatches,
                               java.util.Map<String, String> initParams) {
                var reg = ctx.addFilter(name, type);
                reg.setAsyncSupported(true);
                reg.setInitParameters(initParams);
                reg.addMappingForUrlPatterns(dispatches, true, "/*");
            }

            @Override
            public void servlet(String name, jakarta.servlet.Servlet servlet, String pattern) {
                var reg = ctx.addServlet(name, servlet);
                reg.setAsyncSupported(true);
                reg.addMapping(pattern);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    @Test
    void intentFromQueryAndJsonBodyAndTheAppStillReadsTheBody() throws Exception {
        HttpResponse<String> q = send(req("/api/search?q=find+red+shoes"));
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(q.headers().firstValue("X-AI-Intent")).hasValue("search");

        HttpResponse<String> chat = send(req("/api/chat").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"帮我找一台笔记本电脑\"}")));
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.headers().firstValue("X-AI-Intent")).hasValue("search");
        assertThat(chat.body()).contains("帮我找一台笔记本电脑");
    }

    @Test
    void correctionReachesTheAppWithTheRightLength() throws Exception {
        HttpResponse<String> r = send(req("/api/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"titel\":\"Printer on fire\",\"priority\":\"HIGH\"}")));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-AI-Corrected")).isPresent();
        assertThat(r.body()).contains("\"title\":\"Printer on fire\"").contains("\"priority\":\"high\"");
    }

    @Test
    void suggestionsAndProblemsOnTomcatToo() throws Exception {
        HttpResponse<String> notFound = send(req("/api/userz/17"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-Suggested-Route")).hasValue("GET /api/users/{id}");

        HttpResponse<String> db = send(req("/api/fail/database"));
        assertThat(db.statusCode()).isEqualTo(503);
        assertThat(db.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(db.body()).contains("\"category\":\"database\"").doesNotContain("SELECT");

        HttpResponse<String> invalid = send(req("/api/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nme\":\"Al\",\"email\":\"nope\"}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("/nme").contains("/email");
    }
}
