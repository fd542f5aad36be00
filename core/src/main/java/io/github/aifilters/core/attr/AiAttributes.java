package io.github.aifilters.core.attr;

import io.github.aifilters.core.exchange.IntentResult;

/**
 * The request attributes through which the filters talk to each other and to the app. Feature modules never import
 * each other: they read and write only these keys.
 */
public final class AiAttributes {

    /** The intent recognition result, for the app (set by the intent filter; filters read it from the exchange). */
    public static final AttributeKey<IntentResult> INTENT =
            AttributeKey.of("io.github.aifilters.intent", IntentResult.class);

    /**
     * The route template the request matched, e.g. {@code /api/users/{id}}, set by the app when it knows it (no
     * filter sets it): it wins over every resolver in {@code AiExchange.routeTemplate()}, the one label metrics,
     * error fingerprints and logs use instead of the raw path.
     */
    public static final AttributeKey<String> ROUTE_TEMPLATE =
            AttributeKey.of("io.github.aifilters.routeTemplate", String.class);

    /** The error id of the problem document written for this request (error analysis filter). */
    public static final AttributeKey<String> ERROR_ID =
            AttributeKey.of("io.github.aifilters.errorId", String.class);

    /**
     * A user key for per-user AI cost accounting (already redacted or hashed), when the app sets one.
     */
    public static final AttributeKey<String> USER_KEY =
            AttributeKey.of("io.github.aifilters.userKey", String.class);

    private AiAttributes() {
    }
}
