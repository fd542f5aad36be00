package io.github.aifilters.filters.routes;

/** Where a catalog route came from. Every source but {@link #LEARNED} is declared by the app. */
public enum RouteSource {
    /** Given by init-param, builder or catalog file. */
    DECLARED,
    /** Read from an OpenAPI 3 document. */
    OPENAPI,
    /**
     * Not produced any more: servlet mappings only confirm declared and learned routes (a mapping says nothing about
     * methods, and a prefix mapping is no route). Kept for routes an app builds itself.
     */
    SERVLET,
    /** Learned from a response that was served successfully. */
    LEARNED
}
