package io.github.aifilters.errors;

import java.util.Map;

/** The built-in error categories and the HTTP status each picks. */
public final class ErrorCategories {

    public static final String VALIDATION = "validation";
    public static final String AUTHENTICATION = "authentication";
    public static final String AUTHORIZATION = "authorization";
    public static final String NOT_FOUND = "not_found";
    public static final String RATE_LIMIT = "rate_limit";
    public static final String EXTERNAL_SERVICE = "external_service";
    public static final String DATABASE = "database";
    public static final String INTERNAL = "internal";
    /**
     * An async request the app (or its framework) did not complete in time: answered 503. Only for that status-only
     * error, never chosen by the analyser for an exception.
     */
    public static final String TIMEOUT = "timeout";
    /**
     * The app answered 501 (e.g. {@code HttpServlet}'s default for a method it does not override): the app's own
     * answer, logged at WARN, not an internal error. Only for that status-only error.
     */
    public static final String NOT_IMPLEMENTED = "not_implemented";

    /** Category to status, as in the original design. */
    public static final Map<String, Integer> STATUS = Map.of(
            VALIDATION, 400, AUTHENTICATION, 401, AUTHORIZATION, 403, NOT_FOUND, 404, RATE_LIMIT, 429,
            EXTERNAL_SERVICE, 502, DATABASE, 503, INTERNAL, 500);

    private ErrorCategories() {
    }

    public static int statusOf(String category) {
        return STATUS.getOrDefault(category, 500);
    }
}
