package io.github.aifilters.filters.routes.internal;

import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Readers of the declared catalog sources: route files, OpenAPI 3 documents and servlet mappings. */
public final class RouteSources {

    /** Documents larger than this are refused (a catalog, not a data set). */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    /** At most this many routes are taken from one source. */
    static final int MAX_ROUTES = 50_000;
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private RouteSources() {
    }

    /**
     * Reads a location: {@code classpath:name}, a web-app resource ({@code /WEB-INF/openapi.yaml}, when a context is
     * given and has it), or a file path.
     */
    public static byte[] read(String location, ServletContext context) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            name = name.startsWith("/") ? name.substring(1) : name;
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            InputStream in = cl == null ? null : cl.getResourceAsStream(name);
            if (in == null) {
                in = RouteSources.class.getClassLoader().getResourceAsStream(name);
            }
            if (in == null) {
                throw new IOException("no classpath resource " + name);
            }
            return readCapped(in, location);
        }
        if (context != null && location.startsWith("/")) {
            InputStream in = context.getResourceAsStream(location);
            if (in != null) {
                return readCapped(in, location);
            }
        }
        Path p = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (Files.size(p) > MAX_DOCUMENT_BYTES) {
            throw new IOException(location + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return Files.readAllBytes(p);
    }

    private static byte[] readCapped(InputStream in, String location) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new IOException(location + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** Route lines ({@code METHOD /template}, {@code #} comments, blank lines ignored). */
    public static List<Route> routeLines(byte[] text) {
        List<Route> out = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\\R")) {
            String s = line.trim();
            if (!s.isEmpty() && !s.startsWith("#") && out.size() < MAX_ROUTES) {
                out.add(Route.parse(s, RouteSource.DECLARED));
            }
        }
        return out;
    }

    /**
     * The operations of an OpenAPI 3 (or Swagger 2) document, JSON or YAML: one route per path and method. With
     * {@code serverPath}, the path of the first server URL ({@code https://api.example.com/v1}) or Swagger's
     * {@code basePath} prefixes every path.
     */
    public static List<Route> openApi(byte[] document, boolean serverPath) throws IOException {
        String head = new String(document, 0, Math.min(document.length, 64), StandardCharsets.UTF_8).stripLeading();
        ObjectMapper mapper = head.startsWith("{") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root = mapper.readTree(document);
        if (root == null || !root.path("paths").isObject()) {
            throw new IOException("not an OpenAPI document: no 'paths' object");
        }
        String prefix = serverPath ? serverPrefix(root) : "";
        List<Route> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext() && out.size() < MAX_ROUTES) {
            Map.Entry<String, JsonNode> e = paths.next();
            if (!e.getKey().startsWith("/")) {
                continue;
            }
            for (String m : METHODS) {
                if (e.getValue().has(m)) {
                    out.add(new Route(m.toUpperCase(Locale.ROOT), prefix + e.getKey(), RouteSource.OPENAPI));
                }
            }
        }
        return out;
    }

    private static String serverPrefix(JsonNode root) {
        String path = "";
        JsonNode servers = root.path("servers");
        if (servers.isArray() && !servers.isEmpty()) {
            String url = servers.get(0).path("url").asText("");
            // server URLs may hold {variables} and be relative; only the path part matters here
            int scheme = url.indexOf("://");
            String rest = scheme >= 0 ? url.substring(scheme + 3) : url;
            int slash = scheme >= 0 ? rest.indexOf('/') : 0;
            path = slash >= 0 && rest.startsWith("/", slash) ? rest.substring(slash) : "";
        } else if (root.has("basePath")) {
            path = root.path("basePath").asText("");
        }
        String canonical = Route.canonical(path);
        return "/".equals(canonical) ? "" : canonical;
    }

    /**
     * The paths the context's servlets are mapped to: exact mappings ({@code /reports/daily}) as they are, prefix
     * mappings ({@code /api/*}) as their base ({@code /api}). They are never routes of the catalog (a mapping says
     * nothing about methods, and {@code /authors/*} does not mean that {@code GET /authors} exists); they only confirm
     * that a path reaches a servlet of the app. A default ({@code /}, {@code /*}) or extension mapping covers every path.
     */
    public static ServletPrefixes servletPrefixes(ServletContext context) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean everything = false;
        Map<String, ? extends ServletRegistration> registrations = context.getServletRegistrations();
        if (registrations != null) {
            for (ServletRegistration reg : registrations.values()) {
                if (reg.getMappings() == null) {
                    continue;
                }
                for (String mapping : reg.getMappings()) {
                    if (mapping == null || mapping.isEmpty() || "/".equals(mapping) || "/*".equals(mapping)
                            || mapping.startsWith("*.")) {
                        // the app serves arbitrary paths (a dispatcher servlet, static files): nothing to confirm by
                        everything |= mapping != null && (mapping.isEmpty() || mapping.startsWith("/"));
                        continue;
                    }
                    if (!mapping.startsWith("/")) {
                        continue;
                    }
                    if (mapping.endsWith("/*")) {
                        prefixes.add(Route.canonical(mapping.substring(0, mapping.length() - 2)));
                    } else if (!mapping.contains("*")) {
                        exact.add(Route.canonical(mapping));
                    }
                }
            }
        }
        return new ServletPrefixes(List.copyOf(exact), List.copyOf(prefixes), everything);
    }

    /**
     * Servlet mappings of a context, as confirmation only.
     *
     * @param exact exact mappings, canonical
     * @param prefixes bases of prefix mappings, canonical ({@code /api} for {@code /api/*})
     * @param everything whether a default or extension mapping lets any path reach a servlet
     */
    public record ServletPrefixes(List<String> exact, List<String> prefixes, boolean everything) {

        /** Whether a servlet of the app is mapped to this path (so a success there is the app's, not a fallback's). */
        public boolean covers(String path) {
            if (everything) {
                return true;
            }
            String p = Route.canonical(RouteMatcher.stripQuery(path));
            for (String e : exact) {
                if (e.equals(p)) {
                    return true;
                }
            }
            for (String prefix : prefixes) {
                if ("/".equals(prefix) || p.equals(prefix)
                        || p.startsWith(prefix) && p.length() > prefix.length() && p.charAt(prefix.length()) == '/') {
                    return true;
                }
            }
            return false;
        }
    }

    /** Class name of the intent filter, matched as a string: the route filter never depends on the intent feature. */
    static final String INTENT_FILTER_CLASS = "io.github.aifilters.filters.intent.IntentRecognitionFilter";
    /** Its init-param naming the intents file. */
    static final String INTENT_FILTER_FILE_PARAM = "intentsFile";

    /**
     * The {@code intentsFile} init-param of the context's intent filter registration, if one is registered by class
     * (web.xml, {@code ServletContext.addFilter(name, Class)} or with init-params): the same file both filters read.
     */
    public static java.util.Optional<String> intentsFileOf(ServletContext context) {
        Map<String, ? extends jakarta.servlet.FilterRegistration> filters = context.getFilterRegistrations();
        if (filters == null) {
            return java.util.Optional.empty();
        }
        for (jakarta.servlet.FilterRegistration reg : filters.values()) {
            if (INTENT_FILTER_CLASS.equals(reg.getClassName())) {
                String file = reg.getInitParameter(INTENT_FILTER_FILE_PARAM);
                if (file != null && !file.isBlank()) {
                    return java.util.Optional.of(file.trim());
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The {@code route:} fields of an intents file (YAML or JSON, the intent filter's format): intent name and, when
     * given, its action, each to its route. Intents without a route are left out; Rasa-style files ({@code nlu:},
     * {@code intent:}) have no routes and yield none.
     */
    public static Map<String, Route> intentRoutes(byte[] document) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(document);
        Map<String, Route> out = new java.util.LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        JsonNode intents = root.has("intents") ? root.path("intents") : root.path("nlu");
        for (JsonNode intent : intents) {
            String route = intent.path("route").asText("").trim();
            if (route.isEmpty()) {
                continue;
            }
            Route r = Route.parse(route, RouteSource.DECLARED);
            String name = intent.has("name") ? intent.path("name").asText("") : intent.path("intent").asText("");
            String action = intent.path("action").asText("");
            if (!name.isBlank()) {
                out.putIfAbsent(name.trim(), r);
            }
            if (!action.isBlank()) {
                out.putIfAbsent(action.trim(), r);
            }
        }
        return out;
    }
}
