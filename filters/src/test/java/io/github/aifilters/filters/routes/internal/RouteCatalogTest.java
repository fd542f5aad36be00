package io.github.aifilters.filters.routes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.internal.RouteTemplater;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSource;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RouteCatalogTest {

    private static RouteCatalog catalog(int max, long intervalNanos, AtomicLong clock) {
        return new RouteCatalog(List.of(Route.parse("GET /v1/customers/{id}", RouteSource.DECLARED)), true, max,
                RouteMatcher.Options.defaults(), new RouteTemplater(), intervalNanos, clock::get);
    }

    @Test
    void learnsTemplatedRoutesAndSkipsUnsafeOnes() {
        RouteCatalog c = catalog(100, 0, new AtomicLong());
        assertThat(c.learn("GET", "/users/17")).isTrue();
        assertThat(c.learn("GET", "/users/18")).isFalse();
        assertThat(c.learn("GET", "/orders/9f1c2d3e-1234-4abc-8def-0123456789ab/items")).isTrue();
        assertThat(c.learn("HEAD", "/heads/1")).isFalse();
        assertThat(c.learn("GET", "/evil/%3Cscript%3E")).isFalse();
        assertThat(c.learn("GET", "/a" + "/b".repeat(300))).isFalse();
        // already served by a declared route: kept out of the index as a duplicate
        assertThat(c.learn("GET", "/v1/customers/cus_Nffrj3c1A2b3C4")).isTrue();
        assertThat(c.matcher().routes()).extracting(Route::display).containsExactlyInAnyOrder(
                "GET /v1/customers/{id}", "GET /users/{id}", "GET /orders/{id}/items");
    }

    @Test
    void learnedRoutesAreCappedAndLearningCanBeOff() {
        RouteCatalog c = catalog(5, 0, new AtomicLong());
        for (int i = 0; i < 50; i++) {
            c.learn("GET", "/resource" + (char) ('a' + i % 26) + "/x" + i / 26);
        }
        assertThat(c.learnedCount()).isLessThanOrEqualTo(5);
        assertThat(c.matcher().size()).isLessThanOrEqualTo(6);
        RouteCatalog off = new RouteCatalog(List.of(), false, 5, RouteMatcher.Options.defaults(),
                new RouteTemplater(), 0);
        assertThat(off.learn("GET", "/users/1")).isFalse();
        assertThat(off.matcher().size()).isZero();
    }

    @Test
    void snapshotsAreRebuiltAtMostOncePerInterval() {
        AtomicLong clock = new AtomicLong(1_000);
        RouteCatalog c = catalog(100, 1_000_000, clock);
        RouteMatcher first = c.matcher();
        c.learn("GET", "/users/1");
        assertThat(c.matcher()).isSameAs(first);
        clock.addAndGet(1_000_000);
        RouteMatcher second = c.matcher();
        assertThat(second).isNotSameAs(first);
        assertThat(second.routes()).extracting(Route::template).contains("/users/{id}");
        assertThat(c.matcher()).isSameAs(second);
        c.declare(List.of(Route.parse("GET /reports", RouteSource.SERVLET)));
        assertThat(c.matcher().routes()).extracting(Route::template).contains("/reports");
    }

    @Test
    void readsOpenApiYamlJsonAndSwaggerBasePath() throws IOException {
        String yaml = """
                openapi: 3.0.0
                servers: [{url: "https://api.example.com/v2"}]
                paths:
                  /pets: {get: {}, post: {}}
                  /pets/{petId}: {get: {}, delete: {}, parameters: []}
                """;
        assertThat(RouteSources.openApi(yaml.getBytes(StandardCharsets.UTF_8), true)).extracting(Route::display)
                .containsExactly("GET /v2/pets", "POST /v2/pets", "GET /v2/pets/{petId}", "DELETE /v2/pets/{petId}");
        assertThat(RouteSources.openApi(yaml.getBytes(StandardCharsets.UTF_8), false)).extracting(Route::template)
                .contains("/pets");
        String json = "{\"swagger\":\"2.0\",\"basePath\":\"/api\",\"paths\":{\"/users/{id}\":{\"patch\":{}}}}";
        assertThat(RouteSources.openApi(json.getBytes(StandardCharsets.UTF_8), true)).extracting(Route::display)
                .containsExactly("PATCH /api/users/{id}");
        assertThatThrownBy(() -> RouteSources.openApi("{\"x\":1}".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(IOException.class);
        assertThat(RouteSources.routeLines("# comment\nGET /a/{id}\n\n/b\n".getBytes(StandardCharsets.UTF_8)))
                .extracting(Route::display).containsExactly("GET /a/{id}", "* /b");
    }

    @Test
    void configFromInitParamsRejectsBadValues() {
        assertThatThrownBy(() -> RouteSuggestionConfig.from(io.github.aifilters.core.config.InitParams.of("f",
                java.util.Map.of(RouteSuggestionConfig.MIN_SCORE, "2")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteSuggestionConfig.from(io.github.aifilters.core.config.InitParams.of("f",
                java.util.Map.of(RouteSuggestionConfig.HEADER_NAME, "X-Bad\r\nHeader"))))
                .isInstanceOf(IllegalArgumentException.class);
        RouteSuggestionConfig c = RouteSuggestionConfig.from(io.github.aifilters.core.config.InitParams.of("f",
                java.util.Map.of(RouteSuggestionConfig.INTENT_ROUTES, "search=GET /find, export=/exports")));
        assertThat(c.intentRoutes().get("search").display()).isEqualTo("GET /find");
        assertThat(c.intentRoutes()).doesNotContainKey("create_user");
        // no sample app's routes in the library: without an intents file or a map there are no intent routes
        assertThat(RouteSuggestionConfig.builder().build().intentRoutes()).isEmpty();
    }

    @Test
    void servletPrefixesOnlyConfirmPathsUnderAMapping() {
        RouteSources.ServletPrefixes p = new RouteSources.ServletPrefixes(List.of("/reports/daily"),
                List.of("/books", "/api"), false);
        assertThat(p.covers("/books")).isTrue();
        assertThat(p.covers("/books/978?x=1")).isTrue();
        assertThat(p.covers("/bookshelf")).isFalse();
        assertThat(p.covers("/reports/daily")).isTrue();
        assertThat(p.covers("/reports/weekly")).isFalse();
        assertThat(new RouteSources.ServletPrefixes(List.of(), List.of(), true).covers("/anything")).isTrue();
    }

    @Test
    void intentRoutesFromAnIntentsFileByNameAndAction() throws IOException {
        String yaml = """
                intents:
                  - name: search
                    action: find_books
                    route: GET /catalogue/search
                    examples: [find books]
                  - name: greet
                    examples: [hello]
                """;
        java.util.Map<String, Route> routes = RouteSources.intentRoutes(yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(routes).containsOnlyKeys("search", "find_books");
        assertThat(routes.get("find_books").display()).isEqualTo("GET /catalogue/search");
    }
}
