package io.github.aifilters.filters.routes.internal;

import io.github.aifilters.filters.routes.RouteSuggestion;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private static final RouteMatcher GITHUB_LIKE = new RouteMatcher(RouteSuggestionConfig.parseRouteList("""
            GET /repos/{owner}/{repo}
            PATCH /repos/{owner}/{repo}
            GET /repos/{owner}/{repo}/issues
            POST /repos/{owner}/{repo}/issues
            GET /repos/{owner}/{repo}/issues/{issue_number}
            GET /repos/{owner}/{repo}/issues/{issue_number}/comments
            GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews
            GET /users/{username}
            GET /users/{username}/repos
            GET /v1/customers
            POST /v1/customers
            GET /v1/customers/search
            GET /v1/customers/{id}
            DELETE /v1/customers/{id}
            GET /v1/creditGrants/{id}
            GET /v1/billing/credit_balance_transactions
            GET /v1/categories/{id}
            GET /api/users/{id}/orders
            """));

    private static String best(String method, String path) {
        List<RouteSuggestion> s = GITHUB_LIKE.suggest(method, path, 5);
        return s.isEmpty() ? null : s.get(0).route().display();
    }

    @Test
    void typosWithTranspositionsPluralCaseAndSeparators() {
        assertThat(best("GET", "/v1/custoemrs/cus_Nffrj3c1A2b3C4")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("GET", "/v1/customer/42")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("GET", "/v1/category/7")).isEqualTo("GET /v1/categories/{id}");
        assertThat(best("GET", "/V1/CUSTOMERS/42")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("GET", "/v1/credit_grants/12")).isEqualTo("GET /v1/creditGrants/{id}");
        assertThat(best("GET", "/v1/billing/credit-balance-transactions")).isEqualTo(
                "GET /v1/billing/credit_balance_transactions");
    }

    @Test
    void versionPrefixSlashesAndSegmentEdits() {
        assertThat(best("GET", "/v2/customers/42")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("GET", "/customers/42")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("GET", "/v1//customers/42/")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("get", "https://api.example.com/v1/customrs/42?expand=x#f")).isEqualTo(
                "GET /v1/customers/{id}");
        // missing segment (the repo), extra trailing segment, swapped segments
        assertThat(best("GET", "/repos/octocat/issues/12/comments")).isEqualTo(
                "GET /repos/{owner}/{repo}/issues/{issue_number}/comments");
        assertThat(best("GET", "/users/octocat/repos/extra")).isEqualTo("GET /users/{username}/repos");
        assertThat(best("GET", "/api/users/orders/17")).isEqualTo("GET /api/users/{id}/orders");
    }

    @Test
    void staticSegmentBeatsParameterAndSameMethodWins() {
        assertThat(best("GET", "/v1/customers/serach")).isEqualTo("GET /v1/customers/search");
        assertThat(best("GET", "/v1/customers/octocat-7")).isEqualTo("GET /v1/customers/{id}");
        assertThat(best("DELETE", "/v1/custommers/42")).isEqualTo("DELETE /v1/customers/{id}");
        // no DELETE on the collection: the collection's other methods are offered (a 405 case), next to the
        // DELETE one segment away
        assertThat(GITHUB_LIKE.suggest("DELETE", "/v1/customers", 3)).extracting(x -> x.route().display())
                .contains("GET /v1/customers", "POST /v1/customers");
        assertThat(GITHUB_LIKE.suggest("POST", "/v1/customers/42", 3)).extracting(x -> x.route().display())
                .containsExactlyInAnyOrder("GET /v1/customers/{id}", "DELETE /v1/customers/{id}", "POST /v1/customers");
    }

    @Test
    void scoresAreInUnitRangeAndRankedBestFirst() {
        List<RouteSuggestion> s = GITHUB_LIKE.suggest("GET", "/v1/custmers/42", 5);
        assertThat(s).isNotEmpty();
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i).score()).isBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(s.get(i).score()).isLessThanOrEqualTo(s.get(i - 1).score());
            }
        }
        assertThat(GITHUB_LIKE.suggest("GET", "/v1/customers/42", 1).get(0).score()).isEqualTo(1.0);
        assertThat(GITHUB_LIKE.suggest("GET", "/zzzz/qqqq/wwww", 1))
                .allSatisfy(x -> assertThat(x.score()).isLessThan(0.5));
    }

    @Test
    void exampleFillsParametersFromTheRequestOnlyWithSafeValues() {
        RouteSuggestion s = GITHUB_LIKE.suggest("GET", "/v1/custmers/cus_Nffrj3c1A2b3C4", 1).get(0);
        assertThat(s.example()).isEqualTo("/v1/customers/cus_Nffrj3c1A2b3C4");
        RouteSuggestion unsafe = GITHUB_LIKE.suggest("GET", "/v1/custmers/<script>", 1).get(0);
        assertThat(unsafe.example()).isEqualTo("/v1/customers/{id}");
    }

    @Test
    void exactMatchesAndAllowedMethods() {
        assertThat(GITHUB_LIKE.allowedMethods("/v1/customers")).containsExactlyInAnyOrder("GET", "POST");
        assertThat(GITHUB_LIKE.exactMatch("GET", "/v1/customers/42")).isPresent();
        assertThat(GITHUB_LIKE.exactMatch("GET", "/v1/customers/42/")).isEmpty();
        assertThat(RouteMatcher.fits("/v1/customers/{id}", "/v1/customers/7?x=1")).isTrue();
        assertThat(RouteMatcher.fits("/v1/customers/{id}", "/v1/invoices/7")).isFalse();
    }

    @Test
    void boundedWhenTheRequestIsHuge() {
        String path = "/a".repeat(500);
        assertThat(GITHUB_LIKE.suggest("GET", path, 5)).isEmpty();
        assertThat(GITHUB_LIKE.suggest("GET", "/v1/" + "x".repeat(10_000), 5)).isNotNull();
    }

    @Test
    void segmentTextHelpers() {
        assertThat(SegmentText.osa("quotse", "quotes", 3)).isEqualTo(1);
        assertThat(SegmentText.osa("abc", "xyz", 1)).isEqualTo(2);
        assertThat(SegmentText.stem("categories")).isEqualTo("category");
        assertThat(SegmentText.stem("boxes")).isEqualTo("box");
        assertThat(SegmentText.stem("status")).isEqualTo("status");
        assertThat(SegmentText.norm("Credit_Balance-Transactions")).isEqualTo("creditbalancetransactions");
        assertThat(SegmentText.isVersion("v2")).isTrue();
        assertThat(SegmentText.isVersion("valid")).isFalse();
    }

    @Test
    void onAWrongMethodTheSaferMethodComesFirstAndDeleteLast() {
        // DELETE first in the catalog: catalog order must not decide a tie
        RouteMatcher m = new RouteMatcher(RouteSuggestionConfig.parseRouteList(
                "DELETE /gists/{id}; PATCH /gists/{id}; GET /gists/{id}"));
        List<RouteSuggestion> s = m.suggest("POST", "/gists/4711", 3);
        assertThat(s).extracting(x -> x.route().method()).containsExactly("GET", "PATCH", "DELETE");
    }

    @Test
    void aMissingWordCostsNoMoreThanAnExtraId() {
        // "/users/u/projects/7/items/9" without "items": dropping a word reads at least as well as an extra id
        RouteMatcher m = new RouteMatcher(RouteSuggestionConfig.parseRouteList(
                "GET /users/{u}/projects/{p}; GET /users/{u}/projects/{p}/items/{i}"));
        assertThat(m.suggest("GET", "/users/octocat/projects/7/9", 2).get(0).route().template())
                .isEqualTo("/users/{u}/projects/{p}/items/{i}");
    }
}
