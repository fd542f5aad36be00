package io.github.aifilters.core.route;

import io.github.aifilters.core.internal.RouteTemplater;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The route resolvers of one web app (a servlet-context attribute, see {@code AiFilterContext.routes}) and the one
 * rule by which a request's route template is chosen: the first registered resolver that knows the path, else a
 * guess from the path's shape ({@code RouteTemplater}: numbers, UUIDs, tokens become {@code {id}}). Every filter,
 * metric and log line uses this one answer.
 */
public final class RouteResolvers {

    /** A filter registers at most a few resolvers; the bound guards against a registration per request by mistake. */
    private static final int MAX_RESOLVERS = 32;

    private final List<RouteResolver> resolvers = new CopyOnWriteArrayList<>();
    private final List<RouteResolver> served = new CopyOnWriteArrayList<>();
    private final RouteTemplater templater = new RouteTemplater();

    /** Adds a resolver, asked after those registered before it. Ignored past {@value #MAX_RESOLVERS}. */
    public void register(RouteResolver resolver) {
        if (resolvers.size() < MAX_RESOLVERS) {
            resolvers.add(resolver);
        }
    }

    /** The declared template for the request, if a resolver knows it. Never throws. */
    /**
     * Registers a resolver that knows every route the app serves (its declared catalog), as well as labelling
     * them like {@link #register}. Only then can a filter tell that the app will answer a request 404/405 without
     * reading its body (see {@link #knownUnserved}); a resolver knowing only some routes must use {@link #register}.
     */
    public void registerServed(RouteResolver resolver) {
        register(resolver);
        if (served.size() < MAX_RESOLVERS) {
            served.add(resolver);
        }
    }

    /**
     * True when the app declared its routes and none matches: the app will not serve this request (404/405), so a
     * filter need not read its body. False whenever the routes are not known (nothing registered as served).
     */
    public boolean knownUnserved(String method, String path) {
        if (served.isEmpty()) {
            return false;
        }
        for (RouteResolver r : served) {
            try {
                Optional<String> t = r.template(method, path);
                if (t == null || t.isPresent()) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false; // in doubt, the route may be served
            }
        }
        return true;
    }

    public Optional<String> declared(String method, String path) {
        for (RouteResolver r : resolvers) {
            try {
                Optional<String> t = r.template(method, path);
                if (t != null && t.isPresent()) {
                    return t;
                }
            } catch (RuntimeException e) {
                // a resolver's failure must not cost the request its route label: ask the next one
            }
        }
        return Optional.empty();
    }

    /** The declared template, else the templater's guess (ids, UUIDs, hashes … replaced by {@code {id}}). */
    public String resolve(String method, String path) {
        return declared(method, path).orElseGet(() -> templater.template(path));
    }
}
