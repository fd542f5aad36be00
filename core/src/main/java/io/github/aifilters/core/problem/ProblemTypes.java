package io.github.aifilters.core.problem;

import java.net.URI;

/**
 * Stable {@code type} URIs, one per error kind. They are identifiers first (clients switch on them) and point at the
 * documentation section that explains the kind.
 */
public final class ProblemTypes {

    /** Base of every type URI. */
    public static final String BASE = "https://aifilters.github.io/problems/";

    public static final URI VALIDATION = of("validation");
    public static final URI MALFORMED_JSON = of("malformed-json");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI AUTHENTICATION = of("authentication");
    public static final URI AUTHORIZATION = of("authorization");
    public static final URI RATE_LIMIT = of("rate-limit");
    public static final URI EXTERNAL_SERVICE = of("external-service");
    public static final URI DATABASE = of("database");
    public static final URI INTERNAL = of("internal");

    private ProblemTypes() {
    }

    /** The type URI for a kind name ({@code [a-z0-9-]}; other characters are replaced by {@code -}). */
    public static URI of(String kind) {
        return URI.create(BASE + kind.toLowerCase().replaceAll("[^a-z0-9-]", "-"));
    }
}
