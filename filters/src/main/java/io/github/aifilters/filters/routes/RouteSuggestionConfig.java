package io.github.aifilters.filters.routes;

import io.github.aifilters.core.config.InitParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of {@link RouteSuggestionFilter}. Build it with {@link #builder()} or read it from
 * init-params with {@link #from(InitParams)}; the init-param names are the constants of the filter class.
 */
public final class RouteSuggestionConfig {

    /** The original design's action map: intent action to route. */
    public static final Map<String, String> DEFAULT_INTENT_ROUTES = defaultIntentRoutes();

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
    private final double intentMinConfidence;
    private final int maxCandidates;
    private final Duration lookupBudget;
    private final Duration rebuildInterval;
    private final Duration followWindow;
    private final int followMaxClients;

    private RouteSuggestionConfig(Builder b) {
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

    /** Reads every key of {@link RouteSuggestionFilter}; absent keys keep their defaults. */
    public static RouteSuggestionConfig from(InitParams p) {
        Builder b = builder();
        p.string(RouteSuggestionFilter.ROUTES).ifPresent(v -> b.routes(parseRouteList(v)));
        p.string(RouteSuggestionFilter.ROUTES_FILE).ifPresent(b::routesFile);
        p.string(RouteSuggestionFilter.OPENAPI).ifPresent(b::openApi);
        b.openApiServerPath(p.bool(RouteSuggestionFilter.OPENAPI_SERVER_PATH, b.openApiServerPath));
        b.servletMappings(p.bool(RouteSuggestionFilter.SERVLET_MAPPINGS, b.servletMappings));
        b.learn(p.bool(RouteSuggestionFilter.LEARN, b.learn));
        b.learnMaxRoutes(p.integer(RouteSuggestionFilter.LEARN_MAX_ROUTES, b.learnMaxRoutes));
        b.learnMaxStatus(p.integer(RouteSuggestionFilter.LEARN_MAX_STATUS, b.learnMaxStatus));
        b.minScore(p.decimal(RouteSuggestionFilter.MIN_SCORE, b.minScore));
        b.maxSuggestions(p.integer(RouteSuggestionFilter.MAX_SUGGESTIONS, b.maxSuggestions));
        b.problemBody(p.bool(RouteSuggestionFilter.PROBLEM_BODY, b.problemBody));
        b.replaceAppBody(p.bool(RouteSuggestionFilter.REPLACE_APP_BODY, b.replaceAppBody));
        b.allowHeader(p.bool(RouteSuggestionFilter.ALLOW_HEADER, b.allowHeader));
        b.headerName(p.string(RouteSuggestionFilter.HEADER_NAME, b.headerName));
        b.headerMaxLength(p.integer(RouteSuggestionFilter.HEADER_MAX_LENGTH, b.headerMaxLength));
        p.string(RouteSuggestionFilter.INTENT_ROUTES).ifPresent(v -> b.intentRoutes(parseIntentRoutes(v)));
        b.intentMinConfidence(p.decimal(RouteSuggestionFilter.INTENT_MIN_CONFIDENCE, b.intentMinConfidence));
        b.maxCandidates(p.integer(RouteSuggestionFilter.MAX_CANDIDATES, b.maxCandidates));
        b.lookupBudget(p.duration(RouteSuggestionFilter.LOOKUP_BUDGET, b.lookupBudget));
        b.rebuildInterval(p.duration(RouteSuggestionFilter.REBUILD_INTERVAL, b.rebuildInterval));
        b.followWindow(p.duration(RouteSuggestionFilter.FOLLOW_WINDOW, b.followWindow));
        b.followMaxClients(p.integer(RouteSuggestionFilter.FOLLOW_MAX_CLIENTS, b.followMaxClients));
        return b.build();
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

    private static Map<String, String> defaultIntentRoutes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("search", "/api/search");
        m.put("create_user", "/api/users");
        m.put("update_profile", "/api/profile");
        m.put("generate_report", "/api/reports");
        m.put("analyze_data", "/api/analytics");
        return java.util.Collections.unmodifiableMap(m);
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
    public RouteMatcher.Options matcherOptions() {
        return new RouteMatcher.Options(maxCandidates, lookupBudget.toNanos(), 24);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
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
        private double intentMinConfidence = 0.8;
        private int maxCandidates = 64;
        private Duration lookupBudget = Duration.ofMillis(2);
        private Duration rebuildInterval = Duration.ofMillis(100);
        private Duration followWindow = Duration.ofMinutes(1);
        private int followMaxClients = 10_000;

        private Builder() {
            DEFAULT_INTENT_ROUTES.forEach((k, v) -> intentRoutes.put(k, Route.parse(v, RouteSource.DECLARED)));
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
