package io.github.aifilters.filters.routes;

import java.util.Locale;
import java.util.Objects;

/**
 * One route of the catalog: an HTTP method (or {@value #ANY}) and a path template such as
 * {@code /v1/customers/{id}}. Templates are kept in a canonical form: leading slash, no trailing or doubled slash.
 *
 * @param method upper-case HTTP method, or {@value #ANY} when the source does not say (servlet mappings)
 * @param template the path template; parameter segments are written {@code {name}} (or {@code :name}, {@code *})
 * @param source where the route came from; learned routes were served successfully at least once
 */
public record Route(String method, String template, RouteSource source) {

    /** Method of a route whose source does not tell which methods it accepts. */
    public static final String ANY = "*";

    public Route {
        Objects.requireNonNull(template, "template");
        method = method == null || method.isBlank() ? ANY : method.trim().toUpperCase(Locale.ROOT);
        template = canonical(template);
        source = source == null ? RouteSource.DECLARED : source;
    }

    /**
     * Parses {@code "GET /v1/customers/{id}"} or {@code "/v1/customers/{id}"} (any method).
     *
     * @throws IllegalArgumentException when the line has no path starting with {@code /}
     */
    public static Route parse(String line, RouteSource source) {
        String s = line.trim();
        int space = s.indexOf(' ');
        String method = null;
        String path = s;
        if (!s.startsWith("/") && space > 0) {
            method = s.substring(0, space);
            path = s.substring(space + 1).trim();
        }
        if (!path.startsWith("/") || method != null && !method.matches("[A-Za-z*]{1,16}")) {
            throw new IllegalArgumentException("not a route (expected 'METHOD /path'): " + line);
        }
        return new Route(method, path, source);
    }

    /** Whether a request with this method is served by this route (HEAD by GET routes). */
    public boolean accepts(String requestMethod) {
        return ANY.equals(method) || method.equalsIgnoreCase(requestMethod)
                || "GET".equals(method) && "HEAD".equalsIgnoreCase(requestMethod);
    }

    /** {@code METHOD /template}; a route of any method shows the given request method. */
    public String display(String requestMethod) {
        String m = ANY.equals(method) ? requestMethod.toUpperCase(Locale.ROOT) : method;
        return m + " " + template;
    }

    /** {@code METHOD /template}, as written in catalog files. */
    public String display() {
        return method + " " + template;
    }

    /** Whether a template segment is a parameter: {@code {id}}, {@code {name}.json}, {@code :id} or {@code *}. */
    public static boolean isParam(String segment) {
        return segment.indexOf('{') >= 0 || segment.startsWith(":") || segment.equals("*");
    }

    public static String canonical(String path) {
        String p = path.trim();
        int cut = p.indexOf('?');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        StringBuilder out = new StringBuilder(p.length() + 1);
        for (String seg : p.split("/")) {
            if (!seg.isEmpty()) {
                out.append('/').append(seg);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
