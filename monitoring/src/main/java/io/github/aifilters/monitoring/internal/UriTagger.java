package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.internal.RouteTemplater;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tag values of the request timer ({@code aifilters.http.requests} by default), in Micrometer's HTTP server conventions, with a hard cap on the
 * number of distinct {@code uri} values: once {@code maxUriTags} templates have been seen, any new one is tagged
 * {@value #OTHER}. Without the cap one scanner walking random paths would create a meter per path.
 */
public final class UriTagger {

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String REDIRECTION = "REDIRECTION";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String OTHER = "OTHER";
    public static final String ROOT = "/";
    public static final String NONE = "None";

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final int maxUriTags;
    private final RouteTemplater templater = new RouteTemplater();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public UriTagger(int maxUriTags) {
        this.maxUriTags = maxUriTags;
    }

    /**
     * The {@code uri} tag: the request's route template as its exchange resolved it (the same label as in error logs
     * and suggestions) when it is a declared route; else {@value #NOT_FOUND} for a 404 and {@value #REDIRECTION} for a
     * 3xx (so a scanner's random paths make no series); else the template guessed from the path's shape. Capped.
     *
     * @param template the request's route template ({@code AiExchange.routeTemplate()}), or null
     * @param declared whether a resolver or the app declared it (not a guess)
     * @param status the response status (0 when unknown)
     * @param path the path within the context
     */
    public String uri(String template, boolean declared, int status, String path) {
        if (declared && template != null && !template.isBlank()) {
            return capped(template);
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status >= 300 && status < 400) {
            return REDIRECTION;
        }
        if (path == null) {
            return UNKNOWN;
        }
        if (path.isEmpty() || ROOT.equals(path)) {
            return ROOT;
        }
        String guess = template != null && !template.isBlank() ? template : templater.template(path);
        return guess == null || guess.isEmpty() ? UNKNOWN : capped(guess);
    }

    private String capped(String template) {
        if (seen.contains(template)) {
            return template;
        }
        synchronized (seen) {
            if (seen.contains(template)) {
                return template;
            }
            if (seen.size() >= maxUriTags) {
                return OTHER;
            }
            seen.add(template);
            return template;
        }
    }

    /** Distinct uri templates admitted so far (at most {@code maxUriTags}). */
    public int distinctUris() {
        return seen.size();
    }

    /** The method, or {@value #UNKNOWN} for a non-standard one (an attacker could send any token). */
    public static String method(String method) {
        if (method == null) {
            return UNKNOWN;
        }
        String m = method.toUpperCase(Locale.ROOT);
        return STANDARD_METHODS.contains(m) ? m : UNKNOWN;
    }

    public static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500 && status < 600) {
            return "SERVER_ERROR";
        }
        return "UNKNOWN";
    }

    /**
     * The {@code exception} tag: the simple class name, looking through a {@code ServletException} that only wraps
     * the app's exception (what a servlet or framework rethrows is not what went wrong), else {@value #NONE}.
     */
    public static String exception(Throwable t) {
        if (t == null) {
            return NONE;
        }
        if (t instanceof jakarta.servlet.ServletException se && se.getRootCause() != null && se.getRootCause() != se) {
            t = se.getRootCause();
        }
        String simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }
}
