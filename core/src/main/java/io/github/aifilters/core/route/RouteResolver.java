package io.github.aifilters.core.route;

import java.util.Optional;

/**
 * Knows the route templates of an app, e.g. from a routes file or the schemas of the validation filter. Filters
 * register theirs with the servlet context ({@code AiFilterContext.routes}); the request's exchange asks them, in
 * registration order, before falling back to a guess from the path's shape ({@code /users/42} → {@code /users/{id}}).
 */
@FunctionalInterface
public interface RouteResolver {

    /**
     * @param method the request method, upper case
     * @param path the path within the context
     * @return the declared template, e.g. {@code /api/users/{id}}, or empty when this resolver does not know the path
     */
    Optional<String> template(String method, String path);
}
