package io.github.aifilters.core.intent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routes the app's intents file gives its intents ({@code route:}), published by the intent filter after every
 * (re)load and read by route suggestion, so that neither feature depends on the other and an intent filter configured
 * in code (no init-params to look at) or reloaded at run time is seen too. Keys are intent names and actions; values
 * are route texts as written in the file ({@code /api/search} or {@code GET /api/search}). One per web app:
 * {@code AiFilterContext.intentRoutes(servletContext)}. Bounded.
 */
public final class IntentRoutes {

    /** More intents than any intents file has; a bound so that a generated file cannot grow this without limit. */
    public static final int MAX_ENTRIES = 4096;

    private volatile Map<String, String> routes = Map.of();

    /** Replaces the published routes (the intent filter's whole file, not a delta). */
    public void publish(Map<String, String> routesByNameOrAction) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : routesByNameOrAction.entrySet()) {
            if (copy.size() >= MAX_ENTRIES) {
                break;
            }
            if (e.getKey() != null && e.getValue() != null && !e.getValue().isBlank()) {
                copy.put(e.getKey(), e.getValue().strip());
            }
        }
        routes = Map.copyOf(copy);
    }

    /** The route of an intent, by its action or name, if the intents file gave one. */
    public Optional<String> routeOf(String nameOrAction) {
        return nameOrAction == null ? Optional.empty() : Optional.ofNullable(routes.get(nameOrAction));
    }

    /** What is published now. */
    public Map<String, String> snapshot() {
        return routes;
    }
}
