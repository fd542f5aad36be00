package io.github.aifilters.filters.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * A small library app (books, authors, loans, members) written the way a user would: plain servlets mapped by prefix,
 * its own routes file and intents file, the route filter registered by class with init-params only (defaults for the
 * rest), over real HTTP in Jetty. Each assertion is a point that was wrong with default settings in such an app.
 */
class LibraryAppRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "X-Suggested-Route";
    private static final String CARD = "4111111111111111";
    private static final String STRIPE_KEY = "sk_live_51H8xYzAbCdEfGhIjKlMnOpQr";

    /** /books (GET list, POST add) and /books/{isbn} (GET); any other method: HttpServlet's own 405, no Allow. */
    static final class BooksServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String info = req.getPathInfo();
            if (info == null || "/".equals(info)) {
                ok(res, 200, "[{\"isbn\":\"9780261103573\"}]");
            } else if (info.equals("/9780261103573")) {
                ok(res, 200, "{\"title\":\"The Fellowship of the Ring\"}");
            } else {
                res.sendError(404, "no such book");
            }
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (req.getPathInfo() == null) {
                ok(res, 201, "{\"isbn\":\"new\"}");
            } else {
                res.sendError(405);
            }
        }
    }

    /** /authors/{id}: only author 1 exists. Nobody declared any authors route. */
    static final class AuthorsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if ("/1".equals(req.getPathInfo())) {
                ok(res, 200, "{\"name\":\"Tolkien\"}");
            } else {
                res.sendError(404);
            }
        }
    }

    /** /api/users/{id} for short numeric ids; everything else under /api is a 404 of the container's kind. */
    static final class ApiServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String info = req.getPathInfo();
            if (info != null && info.matches("/users/\\d{1,6}")) {
                ok(res, 200, "{\"user\":1}");
            } else {
                res.sendError(404);
            }
        }
    }

    /** Stands in for the intent filter's result: the intent named by a test header, at high confidence. */
    static final class TestIntent implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            String name = ((HttpServletRequest) req).getHeader("X-Test-Intent");
            if (name != null) {
                String action = name.equals("search") ? "find_books" : null;
                AiExchange.of((HttpServletRequest) req).intent(new IntentResult(name, 0.97, List.of(), action,
                        EngineSource.EMBEDDED, Duration.ZERO));
            }
            chain.doFilter(req, res);
        }
    }

    private static void ok(HttpServletResponse res, int status, String body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.getWriter().write(body);
    }

    /**
     * The app as its team wires it: route suggestion by class with its routes file only, the intent filter by class
     * with its intents file (switched off here: {@link TestIntent} gives a known intent instead of a trained guess).
     */
    private static TestServer libraryApp(Map<String, String> routeParams) {
        return TestServer.start(ctx -> {
            FilterHolder routes = new FilterHolder(RouteSuggestionFilter.class);
            routes.setInitParameter(RouteSuggestionConfig.ROUTES_FILE, "classpath:routes/library/routes.txt");
            routeParams.forEach(routes::setInitParameter);
            ctx.addFilter(routes, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new TestIntent()), "/*", EnumSet.of(DispatcherType.REQUEST));
            FilterHolder intent = new FilterHolder(IntentRecognitionFilter.class);
            intent.setInitParameter("intentsFile", "classpath:routes/library/intents.yaml");
            intent.setInitParameter("enabled", "false");
            ctx.addFilter(intent, "/*", EnumSet.of(DispatcherType.REQUEST));
            addServlet(ctx, new BooksServlet(), "/books", "/books/*");
            addServlet(ctx, new AuthorsServlet(), "/authors/*");
            addServlet(ctx, new ApiServlet(), "/api/*");
        });
    }

    private static void addServlet(ServletContextHandler ctx, HttpServlet servlet, String... mappings) {
        ServletHolder holder = new ServletHolder(servlet);
        for (String m : mappings) {
            ctx.addServlet(holder, m);
        }
    }

    private static List<String> suggestedRoutes(HttpResponse<String> r) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode s : JSON.readTree(r.body()).path("suggestions")) {
            out.add(s.path("route").asText());
        }
        return out;
    }

    @Test
    void methodNotAllowedFromTheServletGetsAllowHeaderAndAllowMember() throws IOException {
        try (TestServer s = libraryApp(Map.of())) {
            HttpResponse<String> r = s.send(s.request("/books").DELETE().build());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("allow")).extracting(JsonNode::asText).containsExactly("GET", "POST");
            assertThat(r.headers().firstValue(HEADER).orElseThrow()).isIn("GET /books", "POST /books");
            // a path the catalog serves with one method only
            HttpResponse<String> post = s.send(s.request("/books/9780261103573")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void aTypoListsEachRouteOnce() throws IOException {
        try (TestServer s = libraryApp(Map.of())) {
            s.get("/books"); // learned too: still one line for GET /books
            HttpResponse<String> r = s.get("/bokks");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue(HEADER)).hasValue("GET /books");
            List<String> routes = suggestedRoutes(r);
            assertThat(routes).first().isEqualTo("GET /books");
            assertThat(routes).doesNotHaveDuplicates();
        }
    }

    @Test
    void aServletMappingInventsNoRoute() throws IOException {
        try (TestServer s = libraryApp(Map.of(RouteSuggestionConfig.REBUILD_INTERVAL, "0ms"))) {
            HttpResponse<String> r = s.get("/authors/7");
            assertThat(r.statusCode()).isEqualTo(404);
            // "/authors/*" is a mapping, not a route: GET /authors was never declared nor served
            assertThat(r.headers().firstValue(HEADER)).isEmpty();
            assertThat(r.body()).doesNotContain("GET /authors\"");
            // what the app really served under the mapping is learned, as a template
            assertThat(s.get("/authors/1").statusCode()).isEqualTo(200);
            assertThat(s.get("/authrs/1").headers().firstValue(HEADER)).hasValue("GET /authors/{id}");
        }
    }

    @Test
    void intentRoutesComeFromTheAppsIntentsFile() {
        try (TestServer s = libraryApp(Map.of())) {
            HttpResponse<String> search = s.send(s.request("/books?q=tolkien").header("X-Test-Intent", "search")
                    .GET().build());
            assertThat(search.statusCode()).isEqualTo(200);
            // the intents file's route for its own "search", not a sample app's GET /api/search
            assertThat(search.headers().firstValue(HEADER)).hasValue("GET /catalogue/search");
            HttpResponse<String> borrow = s.send(s.request("/books").header("X-Test-Intent", "borrow")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(borrow.headers().firstValue(HEADER)).hasValue("POST /loans");
            // an intent without a route in the file suggests nothing
            assertThat(s.send(s.request("/books").header("X-Test-Intent", "greet").GET().build())
                    .headers().firstValue(HEADER)).isEmpty();
            // already on the intent's route: nothing to suggest
            assertThat(s.send(s.request("/catalogue/search").header("X-Test-Intent", "search").GET().build())
                    .headers().firstValue(HEADER)).isEmpty();
        }
    }

    @Test
    void anIntentFilterConfiguredInCodePublishesItsFilesRoutes() {
        // no init-param anywhere names the intents file: the intent filter publishes its routes itself
        try (TestServer s = TestServer.start(ctx -> {
            FilterHolder routes = new FilterHolder(RouteSuggestionFilter.class);
            routes.setInitParameter(RouteSuggestionConfig.ROUTES_FILE, "classpath:routes/library/routes.txt");
            ctx.addFilter(routes, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new TestIntent()), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new IntentRecognitionFilter(IntentFilterConfig.builder()
                    .intentsFile("classpath:routes/library/intents.yaml").enabled(false).build())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            addServlet(ctx, new BooksServlet(), "/books", "/books/*");
        })) {
            assertThat(s.send(s.request("/books").header("X-Test-Intent", "search").GET().build())
                    .headers().firstValue(HEADER)).hasValue("GET /catalogue/search");
            assertThat(s.send(s.request("/books").header("X-Test-Intent", "borrow").GET().build())
                    .headers().firstValue(HEADER)).hasValue("POST /loans");
        }
    }

    @Test
    void intentsFileNamedOnTheRouteFilterWinsOverNone() {
        // no intent filter registered: the route filter's own intentsFile key
        try (TestServer s = TestServer.start(ctx -> {
            FilterHolder routes = new FilterHolder(RouteSuggestionFilter.class);
            routes.setInitParameter(RouteSuggestionConfig.ROUTES_FILE, "classpath:routes/library/routes.txt");
            routes.setInitParameter(RouteSuggestionConfig.INTENTS_FILE, "classpath:routes/library/intents.yaml");
            routes.setInitParameter(RouteSuggestionConfig.INTENT_ROUTES, "borrow=POST /loans/express");
            ctx.addFilter(routes, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new TestIntent()), "/*", EnumSet.of(DispatcherType.REQUEST));
            addServlet(ctx, new BooksServlet(), "/books", "/books/*");
        })) {
            assertThat(s.send(s.request("/books").header("X-Test-Intent", "search").GET().build())
                    .headers().firstValue(HEADER)).hasValue("GET /catalogue/search");
            // the configured map wins over the file, intent by intent
            assertThat(s.send(s.request("/books").header("X-Test-Intent", "borrow").GET().build())
                    .headers().firstValue(HEADER)).hasValue("POST /loans/express");
        }
    }

    @Test
    void suggestionsNeverRepeatACardNumberOrAKey() throws IOException {
        try (TestServer s = libraryApp(Map.of())) {
            for (String path : List.of("/api/user/" + CARD, "/api/usres/" + STRIPE_KEY)) {
                HttpResponse<String> r = s.get(path);
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.headers().firstValue(HEADER)).hasValue("GET /api/users/{id}");
                JsonNode first = JSON.readTree(r.body()).path("suggestions").get(0);
                assertThat(first.path("example").asText()).isEqualTo("/api/users/{id}");
                assertThat(r.body()).doesNotContain(CARD).doesNotContain("sk_live");
                assertThat(r.headers().map().toString()).doesNotContain(CARD).doesNotContain("sk_live");
            }
            // a harmless id is still reused in the example
            JsonNode ok = JSON.readTree(s.get("/api/user/42").body()).path("suggestions").get(0);
            assertThat(ok.path("example").asText()).isEqualTo("/api/users/42");
        }
    }

    @Test
    void withoutServletMappingsTheSameAnswers() throws IOException {
        try (TestServer s = libraryApp(Map.of(RouteSuggestionConfig.SERVLET_MAPPINGS, "false"))) {
            assertThat(s.send(s.request("/books").DELETE().build()).headers().firstValue("Allow"))
                    .hasValue("GET, POST");
            assertThat(suggestedRoutes(s.get("/bokks"))).doesNotHaveDuplicates();
            assertThat(s.get("/authors/7").headers().firstValue(HEADER)).isEmpty();
            assertThat(Set.copyOf(suggestedRoutes(s.get("/bokks")))).contains("GET /books");
        }
    }
}
