package io.github.aifilters.filters.routes;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.core.internal.RouteTemplater;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.core.route.RouteResolver;
import io.github.aifilters.filters.routes.internal.RouteCatalog;
import io.github.aifilters.filters.routes.internal.RouteMatcher;
import io.github.aifilters.filters.routes.internal.RouteSources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * "Did you mean" for 404 and 405: when the app answers 404 or 405, tells the client which route it most likely
 * meant, with an {@code X-Suggested-Route: GET /v1/customers/{id}} header and, when the body is the container's error
 * page or empty, an {@code application/problem+json} answer with ranked {@code suggestions}. A 405 also gets an
 * {@code Allow} header from the catalog. With the intent filter, a request whose recognised intent maps to another
 * route gets the header on any status.
 *
 * <p>The catalog comes from declared routes ({@value RouteSuggestionConfig#ROUTES},
 * {@value RouteSuggestionConfig#ROUTES_FILE}), an OpenAPI document ({@value RouteSuggestionConfig#OPENAPI}), the
 * servlet mappings of the context and routes learned from successful responses. Only those are ever suggested: a path
 * never served successfully and never declared is never echoed. See {@code docs/route-suggestion.md}.
 */
public class RouteSuggestionFilter extends AbstractAiFilter {

    static final String METRIC_NOT_FOUND = "aifilters.routes.not_found";
    static final String METRIC_SUGGESTIONS = "aifilters.routes.suggestions";
    static final String METRIC_FOLLOWED = "aifilters.routes.suggestions.followed";

    private final RouteTemplater templater = new RouteTemplater();
    private RouteSuggestionConfig config;
    private RouteCatalog catalog;
    private FollowTracker follow;
    private ProblemWriter problemWriter;
    private final AtomicBoolean contextRead = new AtomicBoolean();
    /** Servlet mappings, once read on the first request (null until then, or when not used). */
    private volatile RouteSources.ServletPrefixes servletPrefixes;
    /** Intent (name or action) to route: the intents file's {@code route:} fields under the configured map. */
    private volatile Map<String, Route> intentRoutes = Map.of();
    private Redactor redactor;
    private Counter notFound;
    private Counter followed;
    private Counter suggestedNotFound;
    private Counter suggestedMethod;
    private Counter suggestedIntent;

    /** For web.xml: the configuration comes from init-params. */
    public RouteSuggestionFilter() {
    }

    /** Programmatic registration: init-params present at start-up win over this config's values, key by key. */
    public RouteSuggestionFilter(RouteSuggestionConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    protected Set<String> configKeys() {
        return RouteSuggestionConfig.KEYS;
    }

    @Override
    protected void initFilter(InitParams params) throws ServletException {
        config = config == null ? RouteSuggestionConfig.from(params) : config.toBuilder().apply(params).build();
        useCommon(config.common());
        List<Route> declared = new ArrayList<>(config.routes());
        try {
            if (config.routesFile() != null) {
                declared.addAll(RouteSources.routeLines(RouteSources.read(config.routesFile(), servletContext())));
            }
            if (config.openApi() != null) {
                declared.addAll(RouteSources.openApi(RouteSources.read(config.openApi(), servletContext()),
                        config.openApiServerPath()));
            }
        } catch (IOException e) {
            throw new ServletException("route suggestion: cannot read the route catalog: " + e.getMessage(), e);
        }
        intentRoutes = config.intentRoutes();
        if (config.intentsFile() != null) {
            // named explicitly: a file that cannot be read is a configuration error, as for the routes file
            try {
                intentRoutes = withIntentsFile(config.intentsFile());
            } catch (IOException | RuntimeException e) {
                throw new ServletException("route suggestion: cannot read the intents file '" + config.intentsFile()
                        + "': " + e.getMessage(), e);
            }
        }
        redactor = AiFilterContext.redactor(servletContext());
        catalog = new RouteCatalog(declared, config.learn(), config.learnMaxRoutes(), config.matcherOptions(),
                templater, config.rebuildInterval().toNanos());
        // The catalog's routes are declared routes: every filter, metric and log line of the app labels them alike.
        RouteResolver known = (m, p) -> catalog.matcher().exactMatch(m, p).map(Route::template);
        if (declared.isEmpty()) {
            AiFilterContext.routes(servletContext()).register(known);
        } else {
            // declared routes are the app's whole catalog: other filters may skip bodies of unserved paths (issue 12)
            AiFilterContext.routes(servletContext()).registerServed(known);
        }
        follow = new FollowTracker(config.followWindow(), config.followMaxClients());
        problemWriter = AiFilterContext.problemWriter(servletContext());
        MeterRegistry registry = meterRegistry();
        notFound = Counter.builder(METRIC_NOT_FOUND).description("404 responses seen by route suggestion")
                .register(registry);
        followed = Counter.builder(METRIC_FOLLOWED)
                .description("suggestions followed by the same client within the follow window").register(registry);
        suggestedNotFound = suggestions(registry, "not_found");
        suggestedMethod = suggestions(registry, "method_not_allowed");
        suggestedIntent = suggestions(registry, "intent");
        log().info("route suggestion: {} declared routes, learning {}", declared.size(),
                config.learn() ? "on" : "off");
    }

    private static Counter suggestions(MeterRegistry registry, String reason) {
        return Counter.builder(METRIC_SUGGESTIONS).description("route suggestions made").tag("reason", reason)
                .register(registry);
    }

    /**
     * The route the intent filter published from its intents file (an intent filter configured in code or reloaded),
     * when this filter's own map (config, its intentsFile key, the intent filter's registration) has none.
     */
    private Route publishedIntentRoute(IntentResult intent) {
        io.github.aifilters.core.intent.IntentRoutes published = AiFilterContext.intentRoutes(servletContext());
        java.util.Optional<String> text = published.routeOf(intent.suggestedAction());
        if (text.isEmpty()) {
            text = published.routeOf(intent.intent());
        }
        try {
            return text.map(t -> Route.parse(t, RouteSource.DECLARED)).orElse(null);
        } catch (RuntimeException malformed) {
            return null; // a route the file got wrong suggests nothing
        }
    }

    /** The live catalog (package tests). */
    RouteCatalog catalog() {
        return catalog;
    }

    public RouteSuggestionConfig config() {
        return config;
    }

    @Override
    protected void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method;
        String path;
        SuggestingResponse wrapped;
        try {
            readContext();
            method = request.getMethod();
            path = RequestMatcher.pathOf(request);
            if (follow.hasPending() && follow.followed(clientKey(request), method, path)) {
                followed.increment();
            }
            wrapped = new SuggestingResponse(response, new Exchange(request, method, path),
                    config.replaceAppBody());
        } catch (RuntimeException e) {
            failOpen("route suggestion setup", e);
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, wrapped);
        if (request.isAsyncStarted()) {
            // the decision happens on sendError or the first byte; only learning waits for the end
            try {
                request.getAsyncContext().addListener(new LearnOnComplete(method, path));
            } catch (RuntimeException e) {
                failOpen("route learning (async)", e);
            }
            return;
        }
        try {
            wrapped.finish();
        } catch (RuntimeException e) {
            failOpen("route suggestion", e);
        }
        learn(method, path, response.getStatus(), AiExchange.of(request));
    }

    /** @param exchange the request's exchange, whose route template the monitoring filter resolves anyway; or null */
    private void learn(String method, String path, int status, AiExchange exchange) {
        try {
            RouteSources.ServletPrefixes mapped = servletPrefixes;
            // a success on a path no servlet of the app is mapped to came from a fallback (static files, a
            // container's default): not a route; a path holding a secret-shaped value is never kept either; a path
            // a declared or already learned route serves teaches nothing (the common case: one memoised lookup)
            if (status <= config.learnMaxStatus() && status != 404 && status != 405 && status >= 200
                    && (exchange == null || !exchange.routeDeclared())
                    && (mapped == null || mapped.covers(path)) && redactor.redactText(path).equals(path)) {
                catalog.learn(method, path);
            }
        } catch (RuntimeException e) {
            failOpen("route learning", e);
        }
    }

    /** On the first request (every servlet and filter is registered by then): servlet mappings, intents file. */
    private void readContext() {
        if (servletContext() == null || !contextRead.compareAndSet(false, true)) {
            return;
        }
        if (config.servletMappings()) {
            servletPrefixes = RouteSources.servletPrefixes(servletContext());
        }
        if (config.intentsFile() == null) {
            // the intent filter's own file, found by its registration: both filters read the same routes
            RouteSources.intentsFileOf(servletContext()).ifPresent(file -> {
                try {
                    intentRoutes = withIntentsFile(file);
                    log().info("route suggestion: {} intent routes from {}", intentRoutes.size(), file);
                } catch (IOException | RuntimeException e) {
                    log().warn("route suggestion: cannot read the intent filter's intents file '{}': {}", file,
                            e.toString());
                }
            });
        }
    }

    /** The intents file's routes, under the configured map (which wins, intent by intent). */
    private Map<String, Route> withIntentsFile(String location) throws IOException {
        Map<String, Route> merged = new LinkedHashMap<>(
                RouteSources.intentRoutes(RouteSources.read(location, servletContext())));
        merged.putAll(config.intentRoutes());
        return Map.copyOf(merged);
    }

    /** Redacted and made header-safe; null when redaction had to change it (then it is not shown at all). */
    private String shown(String value, int max) {
        String safe = sanitize(value, max);
        return redactor.redactText(safe).equals(safe) ? safe : null;
    }

    private static Set<String> parseAllow(String header) {
        Set<String> out = new LinkedHashSet<>();
        for (String m : header.split(",")) {
            String t = safeMethod(m.trim());
            if (!m.isBlank()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Intent (name or action) to route in force: the configured map over the intents file's routes. */
    public Map<String, Route> intentRoutes() {
        return intentRoutes;
    }

    private static String clientKey(HttpServletRequest request) {
        return FollowTracker.clientKey(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** A header value safe to send: printable ASCII only (no CR/LF or other controls), length-capped. */
    static String sanitize(String value, int max) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            }
        }
        return b.toString().trim();
    }

    /** {@code [A-Za-z]{1,16}} upper-cased, else GET; checked by hand since it runs per request (no regex compile). */
    static String safeMethod(String method) {
        if (method == null || method.isEmpty() || method.length() > 16) {
            return "GET";
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return "GET";
            }
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private final class LearnOnComplete implements AsyncListener {
        private final String method;
        private final String path;

        LearnOnComplete(String method, String path) {
            this.method = method;
            this.path = path;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (event.getSuppliedResponse() instanceof HttpServletResponse r) {
                learn(method, path, r.getStatus(), null);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** One request's view: what to suggest for the status the app chose. */
    private final class Exchange implements SuggestingResponse.Handler {
        private final HttpServletRequest request;
        private final String method;
        private final String path;
        private int analysedStatus = -1;
        private List<RouteSuggestion> suggestions = List.of();
        private Set<String> allow = Set.of();
        private boolean intentDone;

        Exchange(HttpServletRequest request, String method, String path) {
            this.request = request;
            this.method = safeMethod(method);
            this.path = path;
        }

        @Override
        public Problem decide(int status, HttpServletResponse raw) {
            try {
                if (status == 404 || status == 405) {
                    if (analysedStatus != status) {
                        analysedStatus = status;
                        analyse(status);
                        if (!suggestions.isEmpty()) {
                            Route best = suggestions.get(0).route();
                            raw.setHeader(config.headerName(), shown(best.display(method), config.headerMaxLength()));
                            (status == 404 ? suggestedNotFound : suggestedMethod).increment();
                            follow.suggested(clientKey(request), best);
                        }
                        if (status == 405 && config.allowHeader() && raw.getHeader("Allow") == null
                                && !allow.isEmpty() && !allow.contains(Route.ANY)) {
                            raw.setHeader("Allow", String.join(", ", allow));
                        } else if (status == 405 && raw.getHeader("Allow") != null) {
                            // the app's own Allow is the truth: the problem's allow member repeats it
                            allow = parseAllow(raw.getHeader("Allow"));
                        }
                    }
                    // a 405 on a path the catalog knows answers with its allow list even when nothing scores enough
                    if (!suggestions.isEmpty() || status == 405 && knownAllow()) {
                        return config.problemBody() ? problem(status) : null;
                    }
                }
                suggestFromIntent(raw);
            } catch (RuntimeException e) {
                failOpen("route suggestion", e);
            }
            return null;
        }

        @Override
        public boolean write(HttpServletResponse raw, Problem problem, boolean writerUsed) throws IOException {
            try {
                if (!writerUsed) {
                    return problemWriter.write(raw, problem);
                }
                // the app took the writer (and its own body was swallowed): the same document through the writer
                if (raw.isCommitted()) {
                    return false;
                }
                raw.resetBuffer();
                raw.setStatus(problem.status());
                raw.setContentType(ProblemWriter.MEDIA_TYPE);
                raw.setHeader("Cache-Control", "no-store");
                String json = problemWriter.toJson(problem);
                // the app may have announced its own length; the document is ASCII (every value is sanitised)
                raw.setContentLength(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                java.io.PrintWriter w = raw.getWriter();
                w.write(json);
                w.flush();
                return true;
            } catch (RuntimeException e) {
                failOpen("route suggestion problem", e);
                return false;
            }
        }

        private void analyse(int status) {
            RouteMatcher matcher = catalog.matcher();
            if (status == 404) {
                notFound.increment();
            }
            List<Route> exact = matcher.exactMatches(path);
            Set<String> methods = new LinkedHashSet<>();
            boolean served = false;
            for (Route r : exact) {
                methods.add(r.method());
                served |= r.accepts(method);
            }
            allow = methods;
            if (status == 404 && served) {
                // the route exists: the 404 is about the resource (unknown id), not the path
                suggestions = List.of();
                return;
            }
            List<RouteSuggestion> ranked = matcher.suggest(method, path, config.maxSuggestions() + 2);
            List<RouteSuggestion> first = new ArrayList<>();
            List<RouteSuggestion> rest = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (RouteSuggestion s : ranked) {
                boolean isExact = exact.contains(s.route());
                if (isExact && s.route().accepts(method) || s.score() < config.minScore()) {
                    continue;
                }
                // one line per route as shown ("/books" of any method and "GET /books" read the same), and never a
                // route whose text the redactor would change
                String display = shown(s.route().display(method), config.headerMaxLength());
                if (display == null || !seen.add(display)) {
                    continue;
                }
                // a 405 says the path is right: the routes serving it with another method come first
                (status == 405 && isExact ? first : rest).add(s);
            }
            first.addAll(rest);
            suggestions = first.size() > config.maxSuggestions()
                    ? List.copyOf(first.subList(0, config.maxSuggestions())) : List.copyOf(first);
        }

        private boolean knownAllow() {
            return !allow.isEmpty() && !allow.contains(Route.ANY);
        }

        private Problem problem(int status) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (RouteSuggestion s : suggestions) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("route", shown(s.route().display(method), config.headerMaxLength()));
                item.put("score", s.score());
                // the example reuses request values: one that holds a secret (a card number, a token) falls back
                // to the template's placeholders
                String example = shown(s.example(), 512);
                item.put("example", example != null ? example : shown(s.route().template(), 512));
                list.add(item);
            }
            String didYouMean = suggestions.isEmpty() ? ""
                    : " Did you mean " + shown(suggestions.get(0).route().display(method), config.headerMaxLength())
                            + "?";
            Problem.Builder b = status == 404
                    ? Problem.builder(ProblemTypes.NOT_FOUND, "Not Found", 404)
                            .detail("No route matches this request." + didYouMean)
                    : Problem.builder(ProblemTypes.METHOD_NOT_ALLOWED, "Method Not Allowed", 405)
                            .detail("This path does not accept " + method + "." + (didYouMean.isEmpty()
                                    ? " Allowed: " + String.join(", ", allow) + "." : didYouMean));
            if (status == 405 && knownAllow()) {
                b.with("allow", List.copyOf(allow));
            }
            return b.with("suggestions", list).build();
        }

        private void suggestFromIntent(HttpServletResponse raw) {
            if (intentDone) {
                return;
            }
            intentDone = true;
            Optional<IntentResult> found = AiExchange.of(request).intent();
            if (found.isEmpty()) {
                return;
            }
            IntentResult intent = found.get();
            if (intent.isNone() || intent.confidence() < config.intentMinConfidence()) {
                return;
            }
            Map<String, Route> routes = intentRoutes;
            Route route = intent.suggestedAction() == null ? null : routes.get(intent.suggestedAction());
            if (route == null && intent.intent() != null) {
                route = routes.get(intent.intent());
            }
            if (route == null) {
                route = publishedIntentRoute(intent);
            }
            if (route == null || RouteMatcher.fits(route.template(), path)) {
                return;
            }
            String shown = shown(route.display(method), config.headerMaxLength());
            if (shown == null) {
                return;
            }
            raw.setHeader(config.headerName(), shown);
            suggestedIntent.increment();
            follow.suggested(clientKey(request), route);
        }
    }
}
