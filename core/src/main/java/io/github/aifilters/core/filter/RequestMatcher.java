package io.github.aifilters.core.filter;

import io.github.aifilters.core.internal.MediaTypes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a filter looks at a request: include/exclude by path, HTTP method and content type, in the manner
 * of Jetty's ee10 filters. Paths are servlet-style patterns ({@code /api/*}, {@code *.css}, {@code /exact}) or, when
 * they start with {@code ^}, Java regular expressions matched against the path within the context.
 *
 * <p>An empty include list means "everything"; excludes win over includes. Methods compare case-insensitively.
 * Media types compare without parameters and may use wildcards ({@code text/*}, {@code application/*+json}); a
 * request without a Content-Type (a GET) is not subject to the media-type lists. The path is the decoded,
 * normalised path within the context ({@code servletPath + pathInfo}), so {@code /static/../api} or {@code %2e}
 * tricks cannot move a request in or out of a list.
 *
 * <p>Immutable and thread-safe; a malformed pattern fails at construction with a message naming it.
 */
public final class RequestMatcher {

    /** Excluded by default: health probes and static assets never need AI. */
    public static final List<String> DEFAULT_EXCLUDED_PATHS = List.of(
            "/health", "/health/*", "/healthz", "/livez", "/readyz", "/actuator/*", "/favicon.ico", "/static/*",
            "/assets/*", "*.css", "*.js", "*.map", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.svg", "*.ico", "*.woff",
            "*.woff2");

    private final List<String> includedPathSpecs;
    private final List<String> excludedPathSpecs;
    private final PathSet includedPaths;
    private final PathSet excludedPaths;
    private final Set<String> includedMethods;
    private final Set<String> excludedMethods;
    private final Set<String> includedMediaTypes;
    private final Set<String> excludedMediaTypes;
    private final boolean checksMethods;
    private final boolean checksMediaTypes;
    private final boolean checksPaths;

    public RequestMatcher(List<String> includedPaths, List<String> excludedPaths, Set<String> includedMethods,
                          Set<String> excludedMethods, Set<String> includedMediaTypes, Set<String> excludedMediaTypes) {
        this.includedPathSpecs = List.copyOf(includedPaths);
        this.excludedPathSpecs = List.copyOf(excludedPaths);
        this.includedPaths = new PathSet(includedPaths);
        this.excludedPaths = new PathSet(excludedPaths);
        this.includedMethods = upper(includedMethods);
        this.excludedMethods = upper(excludedMethods);
        this.includedMediaTypes = lower(includedMediaTypes);
        this.excludedMediaTypes = lower(excludedMediaTypes);
        this.checksMethods = !this.includedMethods.isEmpty() || !this.excludedMethods.isEmpty();
        this.checksMediaTypes = !this.includedMediaTypes.isEmpty() || !this.excludedMediaTypes.isEmpty();
        this.checksPaths = !this.includedPaths.isEmpty() || !this.excludedPaths.isEmpty();
    }

    /** The included path patterns, as configured. */
    public List<String> includedPaths() {
        return includedPathSpecs;
    }

    /** The excluded path patterns, as configured. */
    public List<String> excludedPaths() {
        return excludedPathSpecs;
    }

    public Set<String> includedMethods() {
        return includedMethods;
    }

    public Set<String> excludedMethods() {
        return excludedMethods;
    }

    public Set<String> includedMediaTypes() {
        return includedMediaTypes;
    }

    public Set<String> excludedMediaTypes() {
        return excludedMediaTypes;
    }

    /** Matches everything except the default excluded paths. */
    public static RequestMatcher defaults() {
        return new RequestMatcher(List.of(), DEFAULT_EXCLUDED_PATHS, Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static Set<String> upper(Set<String> s) {
        return s.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> lower(Set<String> s) {
        return s.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The path within the context: servlet path plus path info, decoded and normalised (never null). */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (servletPath != null || pathInfo != null) {
            String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
            if (!path.isEmpty()) {
                return path;
            }
        }
        return withinContext(request.getRequestURI(), request.getContextPath());
    }

    /** A request URI without its context path ({@code "/"} for none). */
    public static String withinContext(String uri, String contextPath) {
        String path = uri != null && contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
                ? uri.substring(contextPath.length()) : uri;
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * Every filter asks this for every request: a part of the request is read only when a list needs it (most
     * filters have path lists only, so the method is not upper-cased and the Content-Type not parsed).
     */
    public boolean matches(HttpServletRequest request) {
        if (checksMethods && !methodMatches(request.getMethod())) {
            return false;
        }
        if (checksMediaTypes && !mediaTypeMatches(MediaTypes.mediaType(MediaTypes.contentType(request)))) {
            return false;
        }
        return !checksPaths || pathMatches(pathOf(request));
    }

    public boolean matches(String method, String path, String mediaType) {
        return methodMatches(method) && mediaTypeMatches(mediaType) && pathMatches(path);
    }

    private boolean methodMatches(String method) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return !excludedMethods.contains(m) && (includedMethods.isEmpty() || includedMethods.contains(m));
    }

    private boolean mediaTypeMatches(String mediaType) {
        if (mediaType == null || mediaType.isEmpty()) {
            return true; // a request without a body type (a GET) is not subject to the media-type lists
        }
        return !anyMediaType(excludedMediaTypes, mediaType)
                && (includedMediaTypes.isEmpty() || anyMediaType(includedMediaTypes, mediaType));
    }

    private boolean pathMatches(String path) {
        return !excludedPaths.matches(path) && (includedPaths.isEmpty() || includedPaths.matches(path));
    }

    private static boolean anyMediaType(Set<String> patterns, String mediaType) {
        if (patterns.contains(mediaType)) {
            return true;
        }
        for (String p : patterns) {
            if (mediaTypeMatches(p, mediaType)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *}/{@code *&#47;*}, {@code text/*}, {@code application/*+json} or an exact type. */
    static boolean mediaTypeMatches(String pattern, String mediaType) {
        if (pattern.equals("*") || pattern.equals("*/*") || pattern.equals(mediaType)) {
            return true;
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return false;
        }
        return mediaType.startsWith(pattern.substring(0, star)) && mediaType.endsWith(pattern.substring(star + 1))
                && mediaType.length() >= pattern.length() - 1;
    }

    /**
     * A list of path patterns compiled for a per-request test: every filter tests every request against its lists
     * (twenty default excludes each), so exact paths are one hash lookup, extensions are tried only for a path that
     * has a dot, and only prefixes and regular expressions are tried one by one.
     */
    static final class PathSet {
        private final boolean matchesAll;
        private final Set<String> exact;
        private final String[] extensions;
        private final String[] prefixes;
        private final Pattern[] regexes;
        private final boolean empty;

        PathSet(List<String> patterns) {
            boolean all = false;
            Set<String> exactPaths = new java.util.HashSet<>();
            List<String> suffixes = new java.util.ArrayList<>();
            List<String> prefixList = new java.util.ArrayList<>();
            List<Pattern> regexList = new java.util.ArrayList<>();
            for (String raw : patterns) {
                String pattern = raw.trim();
                if (pattern.startsWith("^")) {
                    try {
                        regexList.add(Pattern.compile(pattern));
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new IllegalArgumentException("path pattern '" + raw + "' is not a valid regular "
                                + "expression: " + e.getDescription(), e);
                    }
                } else if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0) {
                    suffixes.add(pattern.substring(1));
                } else if (!pattern.startsWith("/")) {
                    throw new IllegalArgumentException("path pattern '" + raw
                            + "' must start with '/' (e.g. /api/*), '*.' (e.g. *.css) or '^' (a regular expression)");
                } else if (pattern.equals("/") || pattern.equals("/*")) {
                    all = true;
                } else if (pattern.endsWith("/*")) {
                    String prefix = pattern.substring(0, pattern.length() - 2);
                    exactPaths.add(prefix); // "/api/*" also matches "/api"
                    prefixList.add(prefix + "/");
                } else {
                    exactPaths.add(pattern);
                }
            }
            this.matchesAll = all;
            this.exact = Set.copyOf(exactPaths);
            this.extensions = suffixes.toArray(String[]::new);
            this.prefixes = prefixList.toArray(String[]::new);
            this.regexes = regexList.toArray(Pattern[]::new);
            this.empty = patterns.isEmpty();
        }

        boolean isEmpty() {
            return empty;
        }

        boolean matches(String path) {
            if (matchesAll || exact.contains(path)) {
                return true;
            }
            if (extensions.length > 0 && path.indexOf('.') >= 0) {
                for (String suffix : extensions) {
                    if (path.endsWith(suffix)) {
                        return true;
                    }
                }
            }
            for (String prefix : prefixes) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
            for (Pattern regex : regexes) {
                if (regex.matcher(path).find()) {
                    return true;
                }
            }
            return false;
        }
    }
}
