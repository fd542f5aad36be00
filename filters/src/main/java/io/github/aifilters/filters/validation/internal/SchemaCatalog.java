package io.github.aifilters.filters.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSource;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled schemas of one filter, by route (method + path template) and by intent. Built once at start-up;
 * immutable and thread-safe afterwards.
 *
 * <p>Route templates: {@code {name}} matches one non-empty path segment; other segments match literally. When
 * several templates match, the one with the most literal segments wins ({@code /api/users/me} over
 * {@code /api/users/{id}}). A route without a method ({@code "/api/x"}) or with {@code *} matches any method.
 */
public final class SchemaCatalog {

    /** A mapped route with what matching needs: its template's segments and how many of them are literal. */
    private record Entry(Route route, String[] segments, int literals, CompiledSchema schema) {
    }

    /** A route that matched a request. */
    public record Match(String route, CompiledSchema schema) {
    }

    private final List<Entry> routes;
    private final Map<String, CompiledSchema> intents;
    /** The methods that have a schema ({@code *} for any): most requests (GETs) are decided without splitting. */
    private final Set<String> methods;

    private SchemaCatalog(List<Entry> routes, Map<String, CompiledSchema> intents) {
        this.routes = List.copyOf(routes);
        this.intents = Map.copyOf(intents);
        this.methods = routes.stream().map(e -> e.route().method())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Loads the mapping file (if any), adds the configured routes and intents, compiles every schema. */
    public static SchemaCatalog load(ValidationFilterConfig config) {
        SchemaLoader loader = new SchemaLoader(config.classLoader());
        Map<String, String> routeLocations = new LinkedHashMap<>();
        Map<String, String> intentLocations = new LinkedHashMap<>();
        if (config.mappingFile() != null) {
            JsonNode mapping;
            try {
                mapping = loader.readDocument(config.mappingFile());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schema mapping file " + e.getMessage(), e);
            }
            readSection(config.mappingFile(), mapping, "routes", routeLocations);
            readSection(config.mappingFile(), mapping, "intents", intentLocations);
        }
        routeLocations.putAll(config.routes());
        intentLocations.putAll(config.intents());
        List<Entry> routes = new ArrayList<>();
        routeLocations.forEach((route, location) -> routes.add(entry(route, loader.compile(location))));
        Map<String, CompiledSchema> intents = new LinkedHashMap<>();
        intentLocations.forEach((intent, location) -> intents.put(intent, loader.compile(location)));
        return new SchemaCatalog(routes, intents);
    }

    private static void readSection(String file, JsonNode mapping, String section, Map<String, String> into) {
        JsonNode node = mapping.path(section);
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("schema mapping file '" + file + "': '" + section
                    + "' must map names to schema locations");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("schema mapping file '" + file + "': '" + section + "."
                        + e.getKey() + "' must be a schema location");
            }
            into.put(e.getKey(), SchemaLoader.resolve(file, e.getValue().asText()));
        }
    }

    private static Entry entry(String spec, CompiledSchema schema) {
        Route route;
        try {
            route = Route.parse(spec, RouteSource.DECLARED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route '" + spec + "' must be 'METHOD /path/{param}'", e);
        }
        String[] segments = split(route.template());
        int literals = 0;
        for (String seg : segments) {
            if (!isParam(seg)) {
                literals++;
            }
        }
        return new Entry(route, segments, literals, schema);
    }

    private static boolean isParam(String seg) {
        return seg.length() > 2 && seg.startsWith("{") && seg.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals("/") ? new String[0] : p.substring(1).split("/", -1);
    }

    /** The schema for a request's method and path within the context, if a route matches. */
    public Optional<Match> match(String method, String path) {
        if (!methods.contains("*") && (method == null || !methods.contains(method)
                && !methods.contains(method.toUpperCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        String[] segs = split(path == null || path.isEmpty() ? "/" : path);
        Entry best = null;
        for (Entry r : routes) {
            String m = r.route().method();
            if (!m.equals(Route.ANY) && !m.equalsIgnoreCase(method) || r.segments().length != segs.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < segs.length && ok; i++) {
                String t = r.segments()[i];
                ok = isParam(t) ? !segs[i].isEmpty() : t.equals(segs[i]);
            }
            if (ok && (best == null || r.literals() > best.literals())) {
                best = r;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Match(best.route().display(), best.schema()));
    }

    /** The schema mapped to an intent, if any. */
    public Optional<CompiledSchema> forIntent(String intent) {
        return Optional.ofNullable(intents.get(intent));
    }

    public boolean hasIntents() {
        return !intents.isEmpty();
    }

    public int size() {
        return routes.size() + intents.size();
    }
}
