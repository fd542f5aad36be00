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
     * Exact ({@code /api/users}) and prefix ({@code /api/*}, as its base {@code /api}) servlet mappings, of any
     * method. Extension and default mappings say nothing about paths and are skipped.
     */
    public static List<Route> servletMappings(ServletContext context) {
        List<Route> out = new ArrayList<>();
        Map<String, ? extends ServletRegistration> registrations = context.getServletRegistrations();
        if (registrations == null) {
            return out;
        }
        for (ServletRegistration reg : registrations.values()) {
            if (reg.getMappings() == null) {
                continue;
            }
            for (String mapping : reg.getMappings()) {
                if (mapping == null || mapping.isEmpty() || "/".equals(mapping) || "/*".equals(mapping)
                        || mapping.startsWith("*.") || !mapping.startsWith("/")) {
                    continue;
                }
                String path = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : mapping;
                if (!path.isEmpty() && !path.contains("*")) {
                    out.add(new Route(Route.ANY, path, RouteSource.SERVLET));
                }
            }
        }
        return out;
    }
}
