package io.github.aifilters.filters.routes;

import io.github.aifilters.filters.routes.internal.RouteMatcher;

import io.github.aifilters.core.config.CommonBuilder;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of {@link RouteSuggestionFilter}: from init-params ({@link #from(InitParams)}) or in code
 * ({@link #builder()}); a filter given a config in code applies its init-params over it ({@link CommonBuilder}). The
 * init-param keys are the constants below; the builder methods have the same names.
 */
public final class RouteSuggestionConfig {

    /**
     * Init-param: declared routes, {@code METHOD /template} separated by newlines, {@code ;} or {@code ,}; replaces
     * the routes set in code. Default none.
     */
    public static final String ROUTES = "routes";
    /** Init-param: a file of route lines ({@code classpath:}, web-app resource or file path). Default none. */
    public static final String ROUTES_FILE = "routesFile";
    /** Init-param: an OpenAPI 3 document, JSON or YAML ({@code classpath:}, web-app resource or file). Default none. */
    public static final String OPENAPI = "openApi";
    /** Init-param: prefix OpenAPI paths with the path of its first server URL. Default {@code true}. */
    public static final String OPENAPI_SERVER_PATH = "openApiServerPath";
    /**
     * Init-param: use the context's servlet mappings to confirm routes: a route is learned only from a path that a
     * servlet of the app is mapped to (exact or prefix; a default {@code /} mapping covers every path). Mappings are
     * never suggested themselves and never make a route up. Default {@code true}.
     */
    public static final String SERVLET_MAPPINGS = "servletMappings";
    /** Init-param: learn routes from successful responses. Default {@code true}. */
    public static final String LEARN = "learn";
    /** Init-param: most learned routes kept (least useful evicted first). Default {@code 1000}. */
    public static final String LEARN_MAX_ROUTES = "learnMaxRoutes";
    /** Init-param: highest status a response may have to be learned from. Default {@code 299} (no redirects). */
    public static final String LEARN_MAX_STATUS = "learnMaxStatus";
    /** Init-param: lowest score in [0,1] a suggestion needs to be shown. Default {@code 0.5}. */
    public static final String MIN_SCORE = "minScore";
    /** Init-param: most suggestions in a problem document. Default {@code 3}. */
    public static final String MAX_SUGGESTIONS = "maxSuggestions";
    /** Init-param: answer problem+json with suggestions when the body is the error page or empty. Default {@code true}. */
    public static final String PROBLEM_BODY = "problemBody";
    /** Init-param: replace even the app's own 404/405 body when there are suggestions. Default {@code false}. */
    public static final String REPLACE_APP_BODY = "replaceAppBody";
    /** Init-param: add {@code Allow} to a 405 that lacks it, from the catalog. Default {@code true}. */
    public static final String ALLOW_HEADER = "allowHeader";
    /** Init-param: name of the suggestion header. Default {@code X-Suggested-Route}. */
    public static final String HEADER_NAME = "headerName";
    /** Init-param: longest suggestion header value (longer is cut). Default {@code 200}. */
    public static final String HEADER_MAX_LENGTH = "headerMaxLength";
    /**
     * Init-param: intent action (or intent name) to route map, {@code action=/path} or {@code action=METHOD /path}
     * pairs separated by commas; wins over the intents file, action by action. Default none.
     */
    public static final String INTENT_ROUTES = "intentRoutes";
    /**
     * Init-param: the intents file whose {@code route:} fields map intents (by name and by action) to routes
     * ({@code classpath:}, web-app resource or file path). Default: the {@code intentsFile} init-param of the app's
     * {@code IntentRecognitionFilter} registration, when there is one; otherwise no intent routes.
     */
    public static final String INTENTS_FILE = "intentsFile";
    /** Init-param: lowest intent confidence that yields a suggestion. Default {@code 0.8}. */
    public static final String INTENT_MIN_CONFIDENCE = "intentMinConfidence";
    /** Init-param: most templates aligned per lookup. Default {@code 64}. */
    public static final String MAX_CANDIDATES = "maxCandidates";
    /** Init-param: time budget of one lookup. Default {@code 2ms}. */
    public static final String LOOKUP_BUDGET = "lookupBudget";
    /** Init-param: least time between two rebuilds of the index after learning. Default {@code 100ms}. */
    public static final String REBUILD_INTERVAL = "rebuildInterval";
    /** Init-param: how long a suggestion may take to be followed to count. Default {@code 1m}. */
    public static final String FOLLOW_WINDOW = "followWindow";
    /** Init-param: most clients whose last suggestion is remembered. Default {@code 10000}. */
    public static final String FOLLOW_MAX_CLIENTS = "followMaxClients";

    /** Every init-param of the filter, the common ones included. */
    public static final Set<String> KEYS = ConfigKeys.withCommon(ROUTES, ROUTES_FILE, OPENAPI, OPENAPI_SERVER_PATH,
            SERVLET_MAPPINGS, LEARN, LEARN_MAX_ROUTES, LEARN_MAX_STATUS, MIN_SCORE, MAX_SUGGESTIONS, PROBLEM_BODY,
            REPLACE_APP_BODY, ALLOW_HEADER, HEADER_NAME, HEADER_MAX_LENGTH, INTENT_ROUTES, INTENTS_FILE, INTENT_MIN_CONFIDENCE,
            MAX_CANDIDATES, LOOKUP_BUDGET, REBUILD_INTERVAL, FOLLOW_WINDOW, FOLLOW_MAX_CLIENTS);

    private final CommonSettings common;
    private final List<Route> routes;
    private final String routesFile;
    private final String openApi;
    private final boolean openApiServerPath;
    private final boolean servletMappings;
    private final boolean learn;
    private final int learnMaxRoutes;
    private final int learnMaxStatus;
    private final double minScore;
    private final int maxSuggestions;
    private final boolean problemBody;
    private final boolean replaceAppBody;
    private final boolean allowHeader;
    private final String headerName;
    private final int headerMaxLength;
    private final Map<String, Route> intentRoutes;
    private final String intentsFile;
    private final double intentMinConfidence;
    private final int maxCandidates;
    private final Duration lookupBudget;
    private final Duration rebuildInterval;
    private final Duration followWindow;
    private final int followMaxClients;

    private RouteSuggestionConfig(Builder b) {
        this.common = b.common();
        this.routes = List.copyOf(b.routes);
        this.routesFile = b.routesFile;
        this.openApi = b.openApi;
        this.openApiServerPath = b.openApiServerPath;
        this.servletMappings = b.servletMappings;
        this.learn = b.learn;
        this.learnMaxRoutes = positive("learnMaxRoutes", b.learnMaxRoutes);
        this.learnMaxStatus = b.learnMaxStatus;
        if (b.minScore < 0 || b.minScore > 1) {
            throw new IllegalArgumentException("minScore must be in [0,1], got " + b.minScore);
        }
        this.minScore = b.minScore;
        this.maxSuggestions = positive("maxSuggestions", b.maxSuggestions);
        this.problemBody = b.problemBody;
        this.replaceAppBody = b.replaceAppBody;
        this.allowHeader = b.allowHeader;
        if (b.headerName == null || !b.headerName.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("headerName must be a header token, got " + b.headerName);
        }
        this.headerName = b.headerName;
        this.headerMaxLength = positive("headerMaxLength", b.headerMaxLength);
        this.intentRoutes = Map.copyOf(b.intentRoutes);
        this.intentsFile = b.intentsFile;
        this.intentMinConfidence = b.intentMinConfidence;
        this.maxCandidates = positive("maxCandidates", b.maxCandidates);
        this.lookupBudget = Objects.requireNonNull(b.lookupBudget);
        this.rebuildInterval = Objects.requireNonNull(b.rebuildInterval);
        this.followWindow = Objects.requireNonNull(b.followWindow);
        this.followMaxClients = positive("followMaxClients", b.followMaxClients);
    }

    private static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting at its documented default. */
    public static RouteSuggestionConfig ofDefaults() {
        return builder().build();
    }

    /** The documented defaults overridden by the keys present in {@code params}. */
    public static RouteSuggestionConfig from(InitParams params) {
        return builder().apply(params).build();
    }

    /** A builder holding these settings, e.g. to apply init-params over them. */
    public Builder toBuilder() {
        return new Builder().common(common).routes(routes).routesFile(routesFile).openApi(openApi)
                .openApiServerPath(openApiServerPath).servletMappings(servletMappings).learn(learn)
                .learnMaxRoutes(learnMaxRoutes).learnMaxStatus(learnMaxStatus).minScore(minScore)
                .maxSuggestions(maxSuggestions).problemBody(problemBody).replaceAppBody(replaceAppBody)
                .allowHeader(allowHeader).headerName(headerName).headerMaxLength(headerMaxLength)
                .intentRoutes(intentRoutes).intentsFile(intentsFile).intentMinConfidence(intentMinConfidence).maxCandidates(maxCandidates)
                .lookupBudget(lookupBudget).rebuildInterval(rebuildInterval).followWindow(followWindow)
                .followMaxClients(followMaxClients);
    }

    /** Enabled, matcher and body cap. */
    public CommonSettings common() {
        return common;
    }

    /** Route lines separated by newlines, {@code ;} or {@code ,}: {@code GET /v1/customers/{id}; POST /v1/customers}. */
    public static List<Route> parseRouteList(String text) {
        List<Route> out = new ArrayList<>();
        for (String line : text.split("[\\r\\n;,]+")) {
            String s = line.trim();
            if (!s.isEmpty() && !s.startsWith("#")) {
                out.add(Route.parse(s, RouteSource.DECLARED));
            }
        }
        return out;
    }

    /** {@code action=/path} or {@code action=METHOD /path} pairs separated by {@code ,}, {@code ;} or newlines. */
    public static Map<String, Route> parseIntentRoutes(String text) {
        Map<String, Route> out = new LinkedHashMap<>();
        for (String pair : text.split("[\\r\\n;,]+")) {
            String s = pair.trim();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("intent route must be action=/path, got '" + s + "'");
            }
            out.put(s.substring(0, eq).trim(), Route.parse(s.substring(eq + 1).trim(), RouteSource.DECLARED));
        }
        return out;
    }

    public List<Route> routes() {
        return routes;
    }

    public String routesFile() {
        return routesFile;
    }

    public String openApi() {
        return openApi;
    }

    public boolean openApiServerPath() {
        return openApiServerPath;
    }

    public boolean servletMappings() {
        return servletMappings;
    }

    public boolean learn() {
        return learn;
    }

    public int learnMaxRoutes() {
        return learnMaxRoutes;
    }

    public int learnMaxStatus() {
        return learnMaxStatus;
    }

    public double minScore() {
        return minScore;
    }

    public int maxSuggestions() {
        return maxSuggestions;
    }

    public boolean problemBody() {
        return problemBody;
    }

    public boolean replaceAppBody() {
        return replaceAppBody;
    }

    public boolean allowHeader() {
        return allowHeader;
    }

    public String headerName() {
        return headerName;
    }

    public int headerMaxLength() {
        return headerMaxLength;
    }

    public Map<String, Route> intentRoutes() {
        return intentRoutes;
    }

    /** The intents file to read {@code route:} fields from, or null to look for the intent filter's. */
    public String intentsFile() {
        return intentsFile;
    }

    public double intentMinConfidence() {
        return intentMinConfidence;
    }

    public int maxCandidates() {
        return maxCandidates;
    }

    public Duration lookupBudget() {
        return lookupBudget;
    }

    public Duration rebuildInterval() {
        return rebuildInterval;
    }

    public Duration followWindow() {
        return followWindow;
    }

    public int followMaxClients() {
        return followMaxClients;
    }

    /** Matcher limits derived from this configuration. */
    RouteMatcher.Options matcherOptions() {
        return new RouteMatcher.Options(maxCandidates, lookupBudget.toNanos(), 24);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder extends CommonBuilder<Builder> {
        private final List<Route> routes = new ArrayList<>();
        private String routesFile;
        private String openApi;
        private boolean openApiServerPath = true;
        private boolean servletMappings = true;
        private boolean learn = true;
        private int learnMaxRoutes = 1000;
        private int learnMaxStatus = 299;
        private double minScore = 0.5;
        private int maxSuggestions = 3;
        private boolean problemBody = true;
        private boolean replaceAppBody = false;
        private boolean allowHeader = true;
        private String headerName = "X-Suggested-Route";
        private int headerMaxLength = 200;
        private final Map<String, Route> intentRoutes = new LinkedHashMap<>();
        private String intentsFile;
        private double intentMinConfidence = 0.8;
        private int maxCandidates = 64;
        private Duration lookupBudget = Duration.ofMillis(2);
        private Duration rebuildInterval = Duration.ofMillis(100);
        private Duration followWindow = Duration.ofMinutes(1);
        private int followMaxClients = 10_000;

        private Builder() {
            // no intent routes by default: a library default would be some other app's routes
        }

        /** The routes and intent routes present replace those set in code. */
        @Override
        protected void applyOwn(InitParams p) {
            p.string(ROUTES).ifPresent(v -> {
                routes.clear();
                routes(parseRouteList(v));
            });
            routesFile(p.string(ROUTES_FILE, routesFile));
            openApi(p.string(OPENAPI, openApi));
            openApiServerPath(p.bool(OPENAPI_SERVER_PATH, openApiServerPath));
            servletMappings(p.bool(SERVLET_MAPPINGS, servletMappings));
            learn(p.bool(LEARN, learn));
            learnMaxRoutes(p.integer(LEARN_MAX_ROUTES, learnMaxRoutes));
            learnMaxStatus(p.integer(LEARN_MAX_STATUS, learnMaxStatus));
            minScore(p.decimal(MIN_SCORE, minScore));
            maxSuggestions(p.integer(MAX_SUGGESTIONS, maxSuggestions));
            problemBody(p.bool(PROBLEM_BODY, problemBody));
            replaceAppBody(p.bool(REPLACE_APP_BODY, replaceAppBody));
            allowHeader(p.bool(ALLOW_HEADER, allowHeader));
            headerName(p.string(HEADER_NAME, headerName));
            headerMaxLength(p.integer(HEADER_MAX_LENGTH, headerMaxLength));
            p.string(INTENT_ROUTES).ifPresent(v -> intentRoutes(parseIntentRoutes(v)));
            intentsFile(p.string(INTENTS_FILE, intentsFile));
            intentMinConfidence(p.decimal(INTENT_MIN_CONFIDENCE, intentMinConfidence));
            maxCandidates(p.integer(MAX_CANDIDATES, maxCandidates));
            lookupBudget(p.duration(LOOKUP_BUDGET, lookupBudget));
            rebuildInterval(p.duration(REBUILD_INTERVAL, rebuildInterval));
            followWindow(p.duration(FOLLOW_WINDOW, followWindow));
            followMaxClients(p.integer(FOLLOW_MAX_CLIENTS, followMaxClients));
        }

        /** Adds declared routes. */
        public Builder routes(List<Route> more) {
            routes.addAll(more);
            return this;
        }

        /** Adds one declared route, e.g. {@code route("GET /v1/customers/{id}")}. */
        public Builder route(String line) {
            routes.add(Route.parse(line, RouteSource.DECLARED));
            return this;
        }

        public Builder routesFile(String location) {
            this.routesFile = location;
            return this;
        }

        public Builder openApi(String location) {
            this.openApi = location;
            return this;
        }

        public Builder openApiServerPath(boolean v) {
            this.openApiServerPath = v;
            return this;
        }

        public Builder servletMappings(boolean v) {
            this.servletMappings = v;
            return this;
        }

        public Builder learn(boolean v) {
            this.learn = v;
            return this;
        }

        public Builder learnMaxRoutes(int v) {
            this.learnMaxRoutes = v;
            return this;
        }

        public Builder learnMaxStatus(int v) {
            this.learnMaxStatus = v;
            return this;
        }

        public Builder minScore(double v) {
            this.minScore = v;
            return this;
        }

        public Builder maxSuggestions(int v) {
            this.maxSuggestions = v;
            return this;
        }

        public Builder problemBody(boolean v) {
            this.problemBody = v;
            return this;
        }

        public Builder replaceAppBody(boolean v) {
            this.replaceAppBody = v;
            return this;
        }

        public Builder allowHeader(boolean v) {
            this.allowHeader = v;
            return this;
        }

        public Builder headerName(String v) {
            this.headerName = v;
            return this;
        }

        public Builder headerMaxLength(int v) {
            this.headerMaxLength = v;
            return this;
        }

        /** Replaces the action map. */
        public Builder intentRoutes(Map<String, Route> map) {
            intentRoutes.clear();
            intentRoutes.putAll(map);
            return this;
        }

        /** Adds or replaces one action, e.g. {@code intentRoute("search", "GET /api/search")}. */
        public Builder intentRoute(String action, String route) {
            intentRoutes.put(action, Route.parse(route, RouteSource.DECLARED));
            return this;
        }

        /** The intents file whose {@code route:} fields give intent routes (see {@link #INTENTS_FILE}). */
        public Builder intentsFile(String location) {
            this.intentsFile = location;
            return this;
        }

        public Builder intentMinConfidence(double v) {
            this.intentMinConfidence = v;
            return this;
        }

        public Builder maxCandidates(int v) {
            this.maxCandidates = v;
            return this;
        }

        public Builder lookupBudget(Duration v) {
            this.lookupBudget = v;
            return this;
        }

        public Builder rebuildInterval(Duration v) {
            this.rebuildInterval = v;
            return this;
        }

        public Builder followWindow(Duration v) {
            this.followWindow = v;
            return this;
        }

        public Builder followMaxClients(int v) {
            this.followMaxClients = v;
            return this;
        }

        public RouteSuggestionConfig build() {
            return new RouteSuggestionConfig(this);
        }
    }
}
