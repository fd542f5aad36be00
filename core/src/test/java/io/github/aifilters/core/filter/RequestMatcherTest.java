package io.github.aifilters.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests a filter looks at. */
class RequestMatcherTest {

    private static RequestMatcher paths(List<String> include, List<String> exclude) {
        return new RequestMatcher(include, exclude, Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static RequestMatcher fromParams(Map<String, String> params) {
        return CommonSettings.from(InitParams.of("test", params)).matcher();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/db", "/healthz", "/livez", "/readyz", "/actuator/prometheus",
            "/favicon.ico", "/static/app.js", "/assets/logo.png", "/css/site.css", "/js/app.js", "/img/a.svg",
            "/fonts/x.woff2"})
    void healthProbesAndStaticAssetsAreExcludedByDefault(String path) {
        assertThat(RequestMatcher.defaults().matches("GET", path, "")).as(path).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/users", "/api/users/17", "/healthcare/plans", "/search", "/static-pages/x"})
    void everythingElseIsIncludedByDefault(String path) {
        assertThat(RequestMatcher.defaults().matches("POST", path, "application/json")).as(path).isTrue();
    }

    @Test
    void servletPatternsMatchPrefixesExtensionsAndExactPaths() {
        RequestMatcher m = paths(List.of("/api/*", "*.do", "/search"), List.of());
        assertThat(m.matches("GET", "/api", "")).isTrue();
        assertThat(m.matches("GET", "/api/v1/users", "")).isTrue();
        assertThat(m.matches("GET", "/apiary", "")).isFalse();
        assertThat(m.matches("GET", "/legacy/login.do", "")).isTrue();
        assertThat(m.matches("GET", "/search", "")).isTrue();
        assertThat(m.matches("GET", "/search/more", "")).isFalse();
        assertThat(m.matches("GET", "/other", "")).isFalse();
    }

    @Test
    void multiDotExtensionsAndCatchAllPatterns() {
        RequestMatcher m = paths(List.of("*.tar.gz", "/exports/*"), List.of());
        assertThat(m.matches("GET", "/files/backup.tar.gz", "")).isTrue();
        assertThat(m.matches("GET", "/files/backup.gz", "")).isFalse();
        assertThat(m.matches("GET", "/exports", "")).isTrue();
        assertThat(m.matches("GET", "/exports/", "")).isTrue();
        assertThat(paths(List.of("/"), List.of()).matches("GET", "/anything/at/all", "")).isTrue();
        assertThat(paths(List.of("/*"), List.of()).matches("GET", "/x.css", "")).isTrue();
        assertThat(paths(List.of(), List.of("/*")).matches("GET", "/x", "")).isFalse();
    }

    @Test
    void patternsStartingWithACaretAreRegularExpressions() {
        RequestMatcher m = paths(List.of("^/api/v[0-9]+/orders(/.*)?$"), List.of("^.*/internal/.*"));
        assertThat(m.matches("GET", "/api/v2/orders", "")).isTrue();
        assertThat(m.matches("GET", "/api/v2/orders/7", "")).isTrue();
        assertThat(m.matches("GET", "/api/vX/orders", "")).isFalse();
        assertThat(m.matches("GET", "/api/v2/orders/internal/x", "")).isFalse();
    }

    @Test
    void excludesWinOverIncludes() {
        RequestMatcher m = paths(List.of("/api/*"), List.of("/api/admin/*"));
        assertThat(m.matches("GET", "/api/users", "")).isTrue();
        assertThat(m.matches("GET", "/api/admin/users", "")).isFalse();
    }

    @Test
    void methodsAreMatchedCaseInsensitively() {
        RequestMatcher m = fromParams(Map.of("includeMethods", "post, put,PATCH", "excludeMethods", "patch"));
        assertThat(m.matches("POST", "/x", "")).isTrue();
        assertThat(m.matches("put", "/x", "")).isTrue();
        assertThat(m.matches("GET", "/x", "")).isFalse();
        assertThat(m.matches("PATCH", "/x", "")).as("exclude wins").isFalse();
    }

    @Test
    void mediaTypesAreMatchedWithoutParametersAndWithWildcards() {
        RequestMatcher m = fromParams(Map.of("includeMimeTypes", "application/json application/*+json text/*",
                "excludeMimeTypes", "text/event-stream"));
        assertThat(m.matches("POST", "/x", "application/json")).isTrue();
        assertThat(m.matches("POST", "/x", "application/vnd.api+json")).isTrue();
        assertThat(m.matches("POST", "/x", "text/plain")).isTrue();
        assertThat(m.matches("POST", "/x", "text/event-stream")).isFalse();
        assertThat(m.matches("POST", "/x", "multipart/form-data")).isFalse();
        assertThat(m.matches("GET", "/x", "")).as("no body type: media lists do not apply").isTrue();
    }

    @Test
    void excludePathsReplacesTheDefaults() {
        RequestMatcher m = fromParams(Map.of("excludePaths", "/internal/*"));
        assertThat(m.matches("GET", "/health", "")).isTrue();
        assertThat(m.matches("GET", "/internal/x", "")).isFalse();
        assertThat(fromParams(Map.of()).matches("GET", "/health", "")).isFalse();
    }

    @Test
    void aMalformedPatternFailsWithAMessageNamingIt() {
        assertThatThrownBy(() -> paths(List.of("api/*"), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'api/*'");
        assertThatThrownBy(() -> paths(List.of("^/api/(unclosed"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("^/api/(unclosed");
    }

    @Test
    void mediaTypeWildcards() {
        assertThat(RequestMatcher.mediaTypeMatches("*/*", "image/png")).isTrue();
        assertThat(RequestMatcher.mediaTypeMatches("application/*+json", "application/json")).isFalse();
        assertThat(RequestMatcher.mediaTypeMatches("application/*+json", "application/problem+json")).isTrue();
    }
}
