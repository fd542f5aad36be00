package io.github.aifilters.filters.config;

import static io.github.aifilters.core.testing.ConfigAssertions.assertSameSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.filters.intent.IntentFilterConfig.ReloadMode;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.ValidationLevel;
import io.github.aifilters.filters.validation.internal.LevelPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The configuration pattern of the three filters of this module: {@code from(p)} equals
 * {@code builder().apply(p).build()} and {@code ofDefaults().toBuilder().apply(p).build()}; {@code toBuilder()} keeps
 * every setting; init-params applied over a config set in code change exactly the keys they name.
 */
class FilterConfigPatternTest {

    private static final RequestMatcher API_ONLY = new RequestMatcher(List.of("/api/*"), List.of("/api/health"),
            Set.of("POST"), Set.of(), Set.of(), Set.of());

    private static InitParams params(Map<String, String> values) {
        return InitParams.of("test", values);
    }

    @Test
    void intentConfig() {
        InitParams p = params(Map.of(IntentFilterConfig.INTENTS_FILE, "classpath:b.yaml",
                IntentFilterConfig.HEADER_THRESHOLD, "0.6", IntentFilterConfig.RELOAD, "none",
                CommonSettings.EXCLUDE_PATHS, "/api/*", CommonSettings.MAX_BODY_BYTES, "1KiB"));
        assertSameSettings(IntentFilterConfig.from(p), IntentFilterConfig.builder().apply(p).build());
        assertSameSettings(IntentFilterConfig.from(p),
                IntentFilterConfig.builder().intentsFile("classpath:a.yaml").build().toBuilder().apply(p).build());

        IntentFilterConfig code = IntentFilterConfig.builder().intentsFile("classpath:a.yaml")
                .jsonPointers(List.of("/q")).queryParameters(List.of("search")).formFields(List.of("text"))
                .headerThreshold(0.9).noneThreshold(0.4).maxTextChars(200).reloadMode(ReloadMode.SCHEDULED)
                .reloadInterval(Duration.ofSeconds(5)).matcher(API_ONLY).maxBodyBytes(2048).build();
        assertSameSettings(code.toBuilder().build(), code);

        IntentFilterConfig merged = code.toBuilder().apply(p).build();
        assertThat(merged.intentsFile()).isEqualTo("classpath:b.yaml");
        assertThat(merged.headerThreshold()).isEqualTo(0.6);
        // escalateBelow was never set, so it still follows the (overridden) header threshold
        assertThat(merged.escalateBelow()).isEqualTo(0.6);
        assertThat(merged.reloadMode()).isEqualTo(ReloadMode.NONE);
        assertThat(merged.common().maxBodyBytes()).isEqualTo(1024);
        assertThat(merged.common().matcher().excludedPaths()).containsExactly("/api/*");
        assertThat(merged.common().matcher().includedPaths()).containsExactly("/api/*");
        assertThat(merged.common().matcher().includedMethods()).containsExactly("POST");
        assertThat(merged.queryParameters()).containsExactly("search");
        assertThat(merged.noneThreshold()).isEqualTo(0.4);
        assertThat(merged.reloadInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(code.toBuilder().escalateBelow(0.3).build().toBuilder().apply(p).build().escalateBelow())
                .isEqualTo(0.3);
        assertSameSettings(code.toBuilder().apply(params(Map.of())).build(), code);
        assertThat(IntentFilterConfig.KEYS).contains(IntentFilterConfig.INTENTS_FILE).containsAll(CommonSettings.KEYS);
    }

    @Test
    void theCascadeAsksTheSemanticTierBelowTheLexicalConfidenceOrWithFewExamplesPerIntent() {
        IntentFilterConfig defaults = IntentFilterConfig.builder().intentsFile("classpath:a.yaml").build();
        assertThat(defaults.semanticFirstBelow()).isEqualTo(IntentFilterConfig.DEFAULT_SEMANTIC_FIRST_BELOW);
        assertThat(defaults.asksSemanticTier(0.99, 100)).isFalse();
        assertThat(defaults.asksSemanticTier(0.90, 100)).isTrue();
        assertThat(defaults.asksSemanticTier(0.99, 10)).isTrue();
        IntentFilterConfig gateOnly = defaults.toBuilder()
                .apply(params(Map.of(IntentFilterConfig.SEMANTIC_FIRST_BELOW, "0"))).build();
        assertThat(gateOnly.semanticFirstBelow()).isZero();
        assertThat(gateOnly.asksSemanticTier(0.99, 1)).isFalse();
        assertThat(gateOnly.toBuilder().build().semanticFirstBelow()).isZero();
        assertThat(IntentFilterConfig.KEYS).contains(IntentFilterConfig.SEMANTIC_FIRST_BELOW);
        assertThatThrownBy(() -> defaults.toBuilder().semanticFirstBelow(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationConfig() {
        InitParams p = params(Map.of(ValidationFilterConfig.ROUTES, "POST /api/orders = o.json",
                ValidationFilterConfig.LEVELS, "validation.body=warn", ValidationFilterConfig.OVER_CAP, "pass",
                ValidationFilterConfig.MAX_VIOLATIONS, "7", CommonSettings.INCLUDE_METHODS, "PUT"));
        assertSameSettings(ValidationFilterConfig.from(p), ValidationFilterConfig.builder().apply(p).build());
        assertSameSettings(ValidationFilterConfig.from(p), ValidationFilterConfig.ofDefaults().toBuilder().apply(p)
                .build());
        assertSameSettings(ValidationFilterConfig.from(params(Map.of())), ValidationFilterConfig.ofDefaults());

        ValidationFilterConfig code = ValidationFilterConfig.builder().mappingFile("classpath:m.yaml")
                .route("POST /api/users", "u.json").intent("create_user", "u.json").intentThreshold(0.5)
                .autoCorrect(true).level("validation.body.additional", ValidationLevel.IGNORE).rejectOverCap(true)
                .rejectEmptyBody(false).limits(new ValidationFilterConfig.Limits(8, 100, 10, 5))
                .correctedHeader("X-Fixed").warningsHeader("X-Warn").maxHeaderLength(64).engineSuggestions(false)
                .llmEscalate(true).classLoader(getClass().getClassLoader()).matcher(API_ONLY).enabled(false).build();
        assertSameSettings(code.toBuilder().build(), code);

        ValidationFilterConfig merged = code.toBuilder().apply(p).build();
        assertThat(merged.routes()).containsExactly(Map.entry("POST /api/orders", "o.json"));
        assertThat(new LevelPolicy(merged.levels()).levelOf("validation.body.additional")).isEqualTo(ValidationLevel.WARN);
        assertThat(merged.rejectOverCap()).isFalse();
        assertThat(merged.limits()).isEqualTo(new ValidationFilterConfig.Limits(8, 100, 10, 7));
        assertThat(merged.common().matcher().includedMethods()).containsExactly("PUT");
        assertThat(merged.common().matcher().includedPaths()).containsExactly("/api/*");
        assertThat(merged.common().enabled()).isFalse();
        assertThat(merged.intents()).containsExactly(Map.entry("create_user", "u.json"));
        assertThat(merged.autoCorrect()).isTrue();
        assertThat(merged.rejectEmptyBody()).isFalse();
        assertThat(merged.correctedHeader()).isEqualTo("X-Fixed");
        assertSameSettings(code.toBuilder().apply(params(Map.of())).build(), code);
    }

    @Test
    void routeSuggestionConfig() {
        InitParams p = params(Map.of(RouteSuggestionConfig.ROUTES, "GET /v2/items", RouteSuggestionConfig.MIN_SCORE,
                "0.7", RouteSuggestionConfig.INTENT_ROUTES, "search=GET /find", RouteSuggestionConfig.LOOKUP_BUDGET,
                "5ms", CommonSettings.ENABLED, "false"));
        assertSameSettings(RouteSuggestionConfig.from(p), RouteSuggestionConfig.builder().apply(p).build());
        assertSameSettings(RouteSuggestionConfig.from(p), RouteSuggestionConfig.ofDefaults().toBuilder().apply(p)
                .build());

        RouteSuggestionConfig code = RouteSuggestionConfig.builder().route("GET /v1/customers/{id}")
                .routesFile("classpath:r.txt").openApi("classpath:o.yaml").openApiServerPath(false)
                .servletMappings(false).learn(false).learnMaxRoutes(10).learnMaxStatus(399).minScore(0.4)
                .maxSuggestions(1).problemBody(false).replaceAppBody(true).allowHeader(false).headerName("X-Route")
                .headerMaxLength(50).intentRoute("report", "/reports").intentMinConfidence(0.9).maxCandidates(8)
                .lookupBudget(Duration.ofMillis(1)).rebuildInterval(Duration.ZERO).followWindow(Duration.ofSeconds(9))
                .followMaxClients(5).matcher(API_ONLY).build();
        assertSameSettings(code.toBuilder().build(), code);

        RouteSuggestionConfig merged = code.toBuilder().apply(p).build();
        assertThat(merged.routes()).extracting(r -> r.display()).containsExactly("GET /v2/items");
        assertThat(merged.minScore()).isEqualTo(0.7);
        assertThat(merged.intentRoutes()).containsOnlyKeys("search");
        assertThat(merged.lookupBudget()).isEqualTo(Duration.ofMillis(5));
        assertThat(merged.common().enabled()).isFalse();
        assertThat(merged.common().matcher().includedPaths()).containsExactly("/api/*");
        assertThat(merged.headerName()).isEqualTo("X-Route");
        assertThat(merged.learn()).isFalse();
        assertSameSettings(code.toBuilder().apply(params(Map.of())).build(), code);
    }
}
