package io.github.aifilters.filters.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class RouteSuggestionFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "X-Suggested-Route";

    /**
     * A small API: GET/POST /v1/customers, GET /v1/customers/{id} (id "missing" is an unknown customer: 404 by
     * sendError), GET /v1/invoices/{id}; unknown paths answer sendError(404), known paths with another method
     * sendError(405) without an Allow header.
     */
    static final class ApiServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String path = req.getRequestURI();
            String m = req.getMethod();
            if (path.equals("/v1/customers")) {
                if (m.equals("GET") || m.equals("POST")) {
                    ok(res, "{\"data\":[]}");
                } else {
                    res.sendError(405);
                }
            } else if (path.matches("/v1/customers/[^/]+")) {
                if (!m.equals("GET")) {
                    res.sendError(405);
                } else if (path.endsWith("/missing")) {
                    res.sendError(404, "no such customer");
                } else {
                    ok(res, "{\"id\":\"x\"}");
                }
            } else if (path.matches("/v1/invoices/[^/]+") && m.equals("GET")) {
                ok(res, "{\"id\":\"i\"}");
            } else {
                res.sendError(404);
            }
        }
    }

    /** Answers 200 for /users/{number} and /users/{number}/orders; anything else sets 404 and writes nothing. */
    static final class UsersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String path = req.getRequestURI();
            if (path.matches("/users/\\d+(/orders)?") || path.equals("/secret-admin-panel-ok")) {
                ok(res, "{}");
            } else {
                res.setStatus(404);
            }
        }
    }

    /** Writes its own 404 body. */
    static final class OwnBodyServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setStatus(404);
            res.setContentType("application/json");
            res.getWriter().write("{\"error\":\"our own not found\"}");
        }
    }

    private static void ok(HttpServletResponse res, String body) throws IOException {
        res.setStatus(200);
        res.setContentType("application/json");
        res.getWriter().write(body);
    }

    private static final String API_ROUTES = "GET /v1/customers, POST /v1/customers, GET /v1/customers/{id},"
            + " GET /v1/invoices/{id}";

    private static TestServer server(RouteSuggestionFilter filter, Consumer<ServletContextHandler> more) {
        return TestServer.start(ctx -> {
            ctx.getServletContext().setAttribute(AiFilterContext.METER_REGISTRY, new SimpleMeterRegistry());
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new ApiServlet()), "/v1/*");
            more.accept(ctx);
        });
    }

    private static RouteSuggestionConfig.Builder api() {
        return RouteSuggestionConfig.builder().routes(RouteSuggestionConfig.parseRouteList(API_ROUTES))
                .rebuildInterval(Duration.ZERO);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void notFoundWithSuggestionAnswersProblemJsonWithRankedSuggestions() throws Exception {
        try (TestServer s = server(new RouteSuggestionFilter(api().build()), ctx -> { })) {
            HttpResponse<String> r = s.get("/v1/custmers/cus_Nffrj3c1A2b3C4");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue(HEADER)).hasValue("GET /v1/customers/{id}");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode body = json(r);
            assertThat(body.path("type").asText()).endsWith("/not-found");
            assertThat(body.path("status").asInt()).isEqualTo(404);
            JsonNode first = body.path("suggestions").get(0);
            assertThat(first.path("route").asText()).isEqualTo("GET /v1/customers/{id}");
            assertThat(first.path("example").asText()).isEqualTo("/v1/customers/cus_Nffrj3c1A2b3C4");
            assertThat(first.path("score").asDouble()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void theExchangeLabelsRequestsTheCatalogServesWithTheirDeclaredTemplate() {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Filter outer = (req, res, chain) -> {
            chain.doFilter(req, res);
            AiExchange exchange = AiExchange.of((jakarta.servlet.http.HttpServletRequest) req);
            seen.add(exchange.routeDeclared() ? exchange.routeTemplate() : "-");
        };
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(outer), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addFilter(new FilterHolder(new RouteSuggestionFilter(api().build())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new ApiServlet()), "/v1/*");
        })) {
            s.get("/v1/customers/cus_123");
            s.get("/v1/custmers/cus_123");
            // the outer filter records after the response went out: wait for it
            long until = System.nanoTime() + 5_000_000_000L;
            while (seen.size() < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(seen).containsExactlyInAnyOrder("/v1/customers/{id}", "-");
        }
    }

    @Test
    void notFoundWithoutSuggestionKeepsTheContainerErrorPage() {
        try (TestServer s = server(new RouteSuggestionFilter(api().build()), ctx -> { })) {
            HttpResponse<String> r = s.get("/zzqq/wwxx/yyvv");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue(HEADER)).isEmpty();
            assertThat(r.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");
        }
    }

    @Test
    void notFoundOfAnExistingRouteIsAboutTheResourceAndGetsNoSuggestion() {
        try (TestServer s = server(new RouteSuggestionFilter(api().build()), ctx -> { })) {
            HttpResponse<String> r = s.get("/v1/customers/missing");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue(HEADER)).isEmpty();
            assertThat(r.body()).contains("no such customer");
        }
    }

    @Test
    void methodNotAllowedGetsAllowAndTheRightMethod() throws Exception {
        try (TestServer s = server(new RouteSuggestionFilter(api().build()), ctx -> { })) {
            HttpResponse<String> r = s.send(s.request("/v1/customers").DELETE().build());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(
                    v -> assertThat(v.split(",\\s*")).containsExactlyInAnyOrder("GET", "POST"));
            assertThat(r.headers().firstValue(HEADER).orElseThrow()).isIn("GET /v1/customers", "POST /v1/customers");
            JsonNode body = json(r);
            assertThat(body.path("type").asText()).endsWith("/method-not-allowed");
            assertThat(body.path("allow").toString()).contains("GET", "POST");
        }
    }

    @Test
    void appsOwnNotFoundBodyIsKeptButGetsTheHeader() throws Exception {
        RouteSuggestionFilter filter = new RouteSuggestionFilter(api().route("GET /own/items").build());
        try (TestServer s = server(filter, ctx -> ctx.addServlet(new ServletHolder(new OwnBodyServlet()), "/own/*"))) {
            HttpResponse<String> r = s.get("/own/itemz");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"error\":\"our own not found\"}");
            assertThat(r.headers().firstValue(HEADER)).hasValue("GET /own/items");
        }
        RouteSuggestionFilter replacing = new RouteSuggestionFilter(api().route("GET /own/items")
                .replaceAppBody(true).build());
        try (TestServer s = server(replacing, ctx -> ctx.addServlet(new ServletHolder(new OwnBodyServlet()),
                "/own/*"))) {
            HttpResponse<String> r = s.get("/own/itemz");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).path("suggestions").get(0).path("route").asText()).isEqualTo("GET /own/items");
        }
    }

    @Test
    void learnsServedRoutesWithTemplatingAndNeverSuggestsUnservedPaths() throws Exception {
        RouteSuggestionFilter filter = new RouteSuggestionFilter(RouteSuggestionConfig.builder()
                .servletMappings(false).rebuildInterval(Duration.ZERO).build());
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new UsersServlet()), "/*");
        })) {
            // nothing learned yet: no suggestion
            assertThat(s.get("/usres/18").headers().firstValue(HEADER)).isEmpty();
            assertThat(s.get("/users/17").statusCode()).isEqualTo(200);
            assertThat(s.get("/users/4242/orders").statusCode()).isEqualTo(200);
            // set 404 and wrote nothing: the problem document is ours to write
            HttpResponse<String> r = s.get("/usres/18");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue(HEADER)).hasValue("GET /users/{id}");
            assertThat(json(r).path("suggestions").get(0).path("example").asText()).isEqualTo("/users/18");
            assertThat(s.get("/users/99/ordres").headers().firstValue(HEADER)).hasValue("GET /users/{id}/orders");
            // a path that only ever answered 404 was not learned and is never echoed
            assertThat(s.get("/secret-admin-panel").statusCode()).isEqualTo(404);
            HttpResponse<String> probe = s.get("/secret-admin-panle");
            assertThat(probe.headers().firstValue(HEADER)).isEmpty();
            assertThat(probe.body()).doesNotContain("secret-admin-panel");
            assertThat(filter.catalog().matcher().routes()).extracting(Route::template)
                    .containsExactlyInAnyOrder("/users/{id}", "/users/{id}/orders");
        }
    }

    @Test
    void learningCanBeTurnedOff() {
        RouteSuggestionFilter filter = new RouteSuggestionFilter(RouteSuggestionConfig.builder().learn(false)
                .servletMappings(false).rebuildInterval(Duration.ZERO).build());
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new UsersServlet()), "/*");
        })) {
            assertThat(s.get("/users/17").statusCode()).isEqualTo(200);
            assertThat(s.get("/usres/18").headers().firstValue(HEADER)).isEmpty();
            assertThat(filter.catalog().matcher().size()).isZero();
        }
    }

    @Test
    void headerValuesAreSanitisedAndCapped() throws Exception {
        // a catalog entry with a control character (e.g. from a sloppy OpenAPI file) never reaches the header raw
        RouteSuggestionConfig config = api().routes(List.of(new Route("GET", "/v1/rep\u0007orts/{id}",
                RouteSource.DECLARED))).build();
        try (TestServer s = server(new RouteSuggestionFilter(config), ctx -> { })) {
            HttpResponse<String> r = s.get("/v1/reportz/12");
            assertThat(r.statusCode()).isEqualTo(404);
            String header = r.headers().firstValue(HEADER).orElseThrow();
            assertThat(header).isEqualTo("GET /v1/reports/{id}");
            // CR/LF in the request path never reaches us (Jetty answers 400 itself) ...
            assertThat(s.get("/v1/custmers/a%0D%0AX-Injected:%20yes").headers().firstValue("X-Injected")).isEmpty();
            // ... and markup it lets through is not reflected: not in the header, not in the example URL
            HttpResponse<String> xss = s.get("/v1/custmers/%3Cscript%3Ealert(1)");
            assertThat(xss.statusCode()).isEqualTo(404);
            assertThat(xss.headers().firstValue(HEADER)).hasValue("GET /v1/customers/{id}");
            assertThat(json(xss).path("suggestions").get(0).path("example").asText()).isEqualTo("/v1/customers/{id}");
            assertThat(xss.body()).doesNotContain("script", "alert");
        }
        RouteSuggestionConfig capped = api().headerMaxLength(12).build();
        try (TestServer s = server(new RouteSuggestionFilter(capped), ctx -> { })) {
            assertThat(s.get("/v1/custmers/7").headers().firstValue(HEADER)).hasValue("GET /v1/cust");
        }
        assertThat(RouteSuggestionFilter.sanitize("GET /a\r\nSet-Cookie: x\u0000", 200)).isEqualTo(
                "GET /aSet-Cookie: x");
    }

    /** Plays the intent filter: sets the intent attribute upstream. */
    static final class IntentSetter implements Filter {
        private final String action;
        private final double confidence;

        IntentSetter(String action, double confidence) {
            this.action = action;
            this.confidence = confidence;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            AiAttributes.INTENT.set(req, new IntentResult(action, confidence, List.of(), action,
                    EngineSource.EMBEDDED, Duration.ZERO));
            chain.doFilter(req, res);
        }
    }

    @Test
    void intentMapsToARouteWhenTheRequestWentElsewhere() {
        for (double confidence : new double[] {0.95, 0.5}) {
            RouteSuggestionFilter filter = new RouteSuggestionFilter(api().intentRoute("search", "GET /api/search")
                    .build());
            try (TestServer s = TestServer.start(ctx -> {
                ctx.addFilter(new FilterHolder(new IntentSetter("search", confidence)), "/*",
                        EnumSet.of(DispatcherType.REQUEST));
                ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
                ctx.addServlet(new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                        ok(res, "{\"ok\":true}");
                    }
                }), "/*");
            })) {
                HttpResponse<String> elsewhere = s.get("/find?q=shoes");
                assertThat(elsewhere.statusCode()).isEqualTo(200);
                assertThat(elsewhere.body()).isEqualTo("{\"ok\":true}");
                if (confidence > 0.8) {
                    assertThat(elsewhere.headers().firstValue(HEADER)).hasValue("GET /api/search");
                } else {
                    assertThat(elsewhere.headers().firstValue(HEADER)).isEmpty();
                }
                assertThat(s.get("/api/search?q=shoes").headers().firstValue(HEADER)).isEmpty();
            }
        }
    }

    @Test
    void catalogFromInitParamsOpenApiAndServletMappings() {
        FilterHolder holder = new FilterHolder(new RouteSuggestionFilter());
        holder.setInitParameters(Map.of(
                RouteSuggestionConfig.OPENAPI, "classpath:routes/petstore.yaml",
                RouteSuggestionConfig.ROUTES, "GET /v1/customers; GET /v1/customers/{id}",
                RouteSuggestionConfig.REBUILD_INTERVAL, "0ms"));
        try (TestServer s = TestServer.start(ctx -> {
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new ApiServlet()), "/v1/*");
            ctx.addServlet(new ServletHolder(new OwnBodyServlet()), "/reports/daily");
        })) {
            assertThat(s.get("/v2/pet/12").headers().firstValue(HEADER)).hasValue("GET /v2/pets/{petId}");
            // no servlet serves /v2 here: Jetty's fallback answers 405 to DELETE; the catalog knows the methods
            HttpResponse<String> delete = s.send(s.request("/v2/pets").DELETE().build());
            assertThat(delete.statusCode()).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(s.get("/v1/custmers").headers().firstValue(HEADER)).hasValue("GET /v1/customers");
            // a servlet mapping is no route: nothing declared /reports/daily, so nothing suggests it
            assertThat(s.get("/reports/dialy").headers().firstValue(HEADER)).isEmpty();
        }
    }

    @Test
    void countsNotFoundSuggestionsAndFollowedSuggestions() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouteSuggestionFilter filter = new RouteSuggestionFilter(api().build());
        try (TestServer s = TestServer.start(ctx -> {
            ctx.getServletContext().setAttribute(AiFilterContext.METER_REGISTRY, registry);
            ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new ApiServlet()), "/v1/*");
        })) {
            s.get("/v1/invoicez/in_1");
            s.get("/nothing/like/it");
            assertThat(registry.counter(RouteSuggestionFilter.METRIC_NOT_FOUND).count()).isEqualTo(2.0);
            assertThat(registry.counter(RouteSuggestionFilter.METRIC_SUGGESTIONS, "reason", "not_found").count())
                    .isEqualTo(1.0);
            HttpRequest other = s.request("/v1/invoices/in_1").header("User-Agent", "another-client").GET().build();
            s.send(other);
            assertThat(registry.counter(RouteSuggestionFilter.METRIC_FOLLOWED).count()).isZero();
            s.get("/v1/invoices/in_1");
            assertThat(registry.counter(RouteSuggestionFilter.METRIC_FOLLOWED).count()).isEqualTo(1.0);
        }
    }
}
