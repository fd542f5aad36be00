package io.github.aifilters.filters.routes;

/** Where a catalog route came from. Every source but {@link #LEARNED} is declared by the app. */
public enum RouteSource {
    /** Given by init-param, builder or catalog file. */
    DECLARED,
    /** Read from an OpenAPI 3 document. */
    OPENAPI,
    /** An exact or prefix servlet mapping of the ServletContext. */
    SERVLET,
    /** Learned from a response that was served successfully. */
    LEARNED
}
