package io.github.aifilters.errors;

import io.github.aifilters.core.config.CommonBuilder;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.errors.internal.ErrorRule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of {@link ErrorAnalysisFilter}: from init-params ({@link #from(InitParams)}) or in code
 * ({@link #builder()}); a filter given a config in code applies its init-params over it ({@link CommonBuilder}). The
 * init-param keys are the constants below; the builder methods have the same names.
 */
public final class ErrorFilterConfig {

    /**
     * Init-param: answer a problem document for the app's (or its framework's) {@code sendError(5xx)} and body-less
     * 5xx, wherever the response completes, and for {@code sendError(4xx)} / body-less 4xx to clients that accept JSON.
     * Default {@code true}.
     */
    public static final String INTERCEPT_SEND_ERROR = "interceptSendError";
    /**
     * Init-param: error statuses (comma-separated, e.g. {@code 401,404}) left to the container as without this filter:
     * their {@code sendError} goes through and no problem document replaces them. Default: none.
     */
    public static final String PASS_THROUGH_STATUSES = "passThroughStatuses";
    /**
     * Init-param: a YAML file of categories that ops corrected, by fingerprint or exception class
     * ({@code fingerprints: {ab12…: internal}}, {@code classes: {com.acme.QuotaException: rate_limit}}); applied before
     * any rule, re-read when it changes. Default: none.
     */
    public static final String CATEGORY_OVERRIDES = "categoryOverrides";
    /** Init-param: how often at most the overrides file is checked for changes. Default {@code 10s}. */
    public static final String CATEGORY_OVERRIDES_RECHECK = "categoryOverridesRecheck";
    /** Init-param: package prefixes of the app's code for fingerprints (comma-separated). Default: none, i.e. every
     * frame outside {@link #FRAMEWORK_PACKAGES}. */
    public static final String IN_APP_PACKAGES = "inAppPackages";
    /** Init-param: package prefixes that are never in-app. Default: {@link Fingerprinter#DEFAULT_FRAMEWORK_PACKAGES}. */
    public static final String FRAMEWORK_PACKAGES = "frameworkPackages";
    /** Init-param: in-app frames hashed into a fingerprint. Default {@code 3}. */
    public static final String FINGERPRINT_FRAMES = "fingerprintFrames";
    /** Init-param: fingerprints kept in the table (least recently seen evicted). Default {@code 10000}. */
    public static final String MAX_FINGERPRINTS = "maxFingerprints";
    /** Init-param: route templates kept per fingerprint. Default {@code 16}. */
    public static final String MAX_ROUTES_PER_FINGERPRINT = "maxRoutesPerFingerprint";
    /**
     * Init-param: user rules {@code classNameRegex=category[:status]}, separated by {@code ;}; checked first. They
     * replace the rules set in code. Default: none.
     */
    public static final String RULES = "rules";
    /**
     * Init-param: user categories {@code name:status}, comma-separated (e.g. {@code payment_declined:402}); they
     * replace the categories set in code. Default: none.
     */
    public static final String CATEGORIES = "categories";
    /** Init-param: show the sanitised validation message as {@code detail} (else a generic text). Default {@code true}. */
    public static final String VALIDATION_DETAIL = "validationDetail";
    /** Init-param: Retry-After for rate_limit, external_service, database and timeout errors. Default {@code 30s}. */
    public static final String RETRY_AFTER = "retryAfter";
    /** Init-param: logger of the one-line error events. Default {@value ErrorAnalysisFilter#DEFAULT_LOGGER_NAME}. */
    public static final String LOGGER_NAME = "loggerName";
    /** Init-param: include the request headers (redacted) in the log line. Default {@code true}. */
    public static final String LOG_HEADERS = "logHeaders";
    /** Init-param: ask the engine (LLM when configured) once per fingerprint, in the background. Default {@code true}. */
    public static final String LLM_ANALYSIS = "llmAnalysis";
    /** Init-param: ask again about a fingerprint only after this long. Default {@code 24h}. */
    public static final String LLM_REASK_AFTER = "llmReaskAfter";
    /** Init-param: pending LLM analyses; beyond, new ones are dropped and counted. Default {@code 64}. */
    public static final String LLM_QUEUE_CAPACITY = "llmQueueCapacity";
    /** Init-param: background threads for LLM analyses. Default {@code 1}. */
    public static final String LLM_THREADS = "llmThreads";
    /** Init-param: warn when a route's error rate rises far above its baseline. Default {@code true}. */
    public static final String EARLY_WARNING = "earlyWarning";
    /** Init-param: the recent window compared with the baseline. Default {@code 5m}. */
    public static final String EARLY_WARNING_WINDOW = "earlyWarningWindow";
    /** Init-param: how many times the baseline the recent rate must exceed. Default {@code 3.0}. */
    public static final String EARLY_WARNING_FACTOR = "earlyWarningFactor";
    /** Init-param: requests needed in the window before warning. Default {@code 20}. */
    public static final String EARLY_WARNING_MIN_REQUESTS = "earlyWarningMinRequests";
    /** Init-param: error rate below which no warning is raised, whatever the baseline. Default {@code 0.05}. */
    public static final String EARLY_WARNING_MIN_RATE = "earlyWarningMinRate";
    /**
     * Init-param: when the response was already committed, rethrow the exception after logging it, so that the
     * container aborts the half-sent response (the client sees a broken response instead of a truncated one that
     * looks whole; the container may log it once more). Default {@code false}: only log.
     */
    public static final String RETHROW_COMMITTED = "rethrowCommitted";
    /** Init-param: routes tracked by the early warning (least recently used evicted). Default {@code 1000}. */
    public static final String MAX_ROUTES = "maxRoutes";

    /** Every init-param of the filter, the common ones included. */
    public static final Set<String> KEYS = ConfigKeys.withCommon(INTERCEPT_SEND_ERROR, PASS_THROUGH_STATUSES,
            CATEGORY_OVERRIDES, CATEGORY_OVERRIDES_RECHECK, IN_APP_PACKAGES,
            FRAMEWORK_PACKAGES, FINGERPRINT_FRAMES, MAX_FINGERPRINTS, MAX_ROUTES_PER_FINGERPRINT, RULES, CATEGORIES,
            VALIDATION_DETAIL, RETRY_AFTER, LOGGER_NAME, LOG_HEADERS, LLM_ANALYSIS, LLM_REASK_AFTER,
            LLM_QUEUE_CAPACITY, LLM_THREADS, EARLY_WARNING, EARLY_WARNING_WINDOW, EARLY_WARNING_FACTOR,
            EARLY_WARNING_MIN_REQUESTS, EARLY_WARNING_MIN_RATE, RETHROW_COMMITTED, MAX_ROUTES);


    private final CommonSettings common;
    private final boolean interceptSendError;
    private final java.util.Set<Integer> passThroughStatuses;
    private final java.nio.file.Path categoryOverrides;
    private final Duration categoryOverridesRecheck;
    private final List<String> inAppPackages;
    private final List<String> frameworkPackages;
    private final int fingerprintFrames;
    private final int maxFingerprints;
    private final int maxRoutesPerFingerprint;
    private final List<ErrorRule> rules;
    private final Map<String, Integer> categories;
    private final boolean validationDetail;
    private final Duration retryAfter;
    private final String loggerName;
    private final boolean logHeaders;
    private final boolean llmAnalysis;
    private final Duration llmReaskAfter;
    private final int llmQueueCapacity;
    private final int llmThreads;
    private final boolean earlyWarning;
    private final Duration earlyWarningWindow;
    private final double earlyWarningFactor;
    private final int earlyWarningMinRequests;
    private final double earlyWarningMinRate;
    private final int maxRoutes;
    private final boolean rethrowCommitted;
    private final Clock clock;

    private ErrorFilterConfig(Builder b) {
        this.common = b.common();
        this.interceptSendError = b.interceptSendError;
        this.passThroughStatuses = java.util.Set.copyOf(b.passThroughStatuses);
        this.categoryOverrides = b.categoryOverrides;
        this.categoryOverridesRecheck = b.categoryOverridesRecheck;
        for (int st : passThroughStatuses) {
            if (st < 400 || st > 599) {
                throw new IllegalArgumentException(PASS_THROUGH_STATUSES + " must list 4xx/5xx statuses, got " + st);
            }
        }
        this.inAppPackages = List.copyOf(b.inAppPackages);
        this.frameworkPackages = List.copyOf(b.frameworkPackages);
        this.fingerprintFrames = positive(FINGERPRINT_FRAMES, b.fingerprintFrames);
        this.maxFingerprints = positive(MAX_FINGERPRINTS, b.maxFingerprints);
        this.maxRoutesPerFingerprint = positive(MAX_ROUTES_PER_FINGERPRINT, b.maxRoutesPerFingerprint);
        this.rules = List.copyOf(b.rules);
        this.categories = Map.copyOf(b.categories);
        this.validationDetail = b.validationDetail;
        this.retryAfter = Objects.requireNonNull(b.retryAfter, RETRY_AFTER);
        this.loggerName = Objects.requireNonNull(b.loggerName, LOGGER_NAME);
        this.logHeaders = b.logHeaders;
        this.llmAnalysis = b.llmAnalysis;
        this.llmReaskAfter = Objects.requireNonNull(b.llmReaskAfter, LLM_REASK_AFTER);
        this.llmQueueCapacity = positive(LLM_QUEUE_CAPACITY, b.llmQueueCapacity);
        this.llmThreads = positive(LLM_THREADS, b.llmThreads);
        this.earlyWarning = b.earlyWarning;
        this.earlyWarningWindow = Objects.requireNonNull(b.earlyWarningWindow, EARLY_WARNING_WINDOW);
        this.earlyWarningFactor = b.earlyWarningFactor;
        this.earlyWarningMinRequests = positive(EARLY_WARNING_MIN_REQUESTS, b.earlyWarningMinRequests);
        this.earlyWarningMinRate = b.earlyWarningMinRate;
        this.maxRoutes = positive(MAX_ROUTES, b.maxRoutes);
        this.rethrowCommitted = b.rethrowCommitted;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        if (earlyWarningFactor <= 1.0) {
            throw new IllegalArgumentException(EARLY_WARNING_FACTOR + " must be > 1, got " + earlyWarningFactor);
        }
        if (earlyWarningMinRate < 0 || earlyWarningMinRate > 1) {
            throw new IllegalArgumentException(EARLY_WARNING_MIN_RATE + " must be in [0,1], got " + earlyWarningMinRate);
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException(RETRY_AFTER + " must not be negative");
        }
    }

    private static int positive(String key, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + v);
        }
        return v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting at its documented default. */
    public static ErrorFilterConfig ofDefaults() {
        return builder().build();
    }

    /** The documented defaults overridden by the keys present in {@code params}; a malformed value names its key. */
    public static ErrorFilterConfig from(InitParams params) {
        return builder().apply(params).build();
    }

    /** A builder holding these settings, e.g. to apply init-params over them. */
    public Builder toBuilder() {
        Builder b = new Builder().common(common).interceptSendError(interceptSendError).inAppPackages(inAppPackages)
                .frameworkPackages(frameworkPackages).fingerprintFrames(fingerprintFrames)
                .maxFingerprints(maxFingerprints).maxRoutesPerFingerprint(maxRoutesPerFingerprint)
                .validationDetail(validationDetail).retryAfter(retryAfter).loggerName(loggerName)
                .logHeaders(logHeaders).llmAnalysis(llmAnalysis).llmReaskAfter(llmReaskAfter)
                .llmQueueCapacity(llmQueueCapacity).llmThreads(llmThreads).earlyWarning(earlyWarning)
                .earlyWarningWindow(earlyWarningWindow).earlyWarningFactor(earlyWarningFactor)
                .earlyWarningMinRequests(earlyWarningMinRequests).earlyWarningMinRate(earlyWarningMinRate)
                .maxRoutes(maxRoutes).rethrowCommitted(rethrowCommitted).clock(clock);
        b.rules.addAll(rules);
        b.categories.putAll(categories);
        b.passThroughStatuses.addAll(passThroughStatuses);
        b.categoryOverrides(categoryOverrides).categoryOverridesRecheck(categoryOverridesRecheck);
        return b;
    }

    /** Enabled, matcher and body cap. */
    public CommonSettings common() {
        return common;
    }

    public boolean interceptSendError() {
        return interceptSendError;
    }

    /** Error statuses left to the container as without the filter (no problem document for them). */
    /** The ops overrides file, or null. */
    public java.nio.file.Path categoryOverrides() {
        return categoryOverrides;
    }

    public Duration categoryOverridesRecheck() {
        return categoryOverridesRecheck;
    }

    public java.util.Set<Integer> passThroughStatuses() {
        return passThroughStatuses;
    }

    public List<String> inAppPackages() {
        return inAppPackages;
    }

    public List<String> frameworkPackages() {
        return frameworkPackages;
    }

    public int fingerprintFrames() {
        return fingerprintFrames;
    }

    public int maxFingerprints() {
        return maxFingerprints;
    }

    public int maxRoutesPerFingerprint() {
        return maxRoutesPerFingerprint;
    }

    public List<ErrorRule> rules() {
        return rules;
    }

    public Map<String, Integer> categories() {
        return categories;
    }

    public boolean validationDetail() {
        return validationDetail;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String loggerName() {
        return loggerName;
    }

    public boolean logHeaders() {
        return logHeaders;
    }

    public boolean llmAnalysis() {
        return llmAnalysis;
    }

    public Duration llmReaskAfter() {
        return llmReaskAfter;
    }

    public int llmQueueCapacity() {
        return llmQueueCapacity;
    }

    public int llmThreads() {
        return llmThreads;
    }

    public boolean earlyWarning() {
        return earlyWarning;
    }

    public Duration earlyWarningWindow() {
        return earlyWarningWindow;
    }

    public double earlyWarningFactor() {
        return earlyWarningFactor;
    }

    public int earlyWarningMinRequests() {
        return earlyWarningMinRequests;
    }

    public double earlyWarningMinRate() {
        return earlyWarningMinRate;
    }

    public int maxRoutes() {
        return maxRoutes;
    }

    public boolean rethrowCommitted() {
        return rethrowCommitted;
    }

    public Clock clock() {
        return clock;
    }

    /** Builder with the documented defaults. */
    public static final class Builder extends CommonBuilder<Builder> {
        private boolean interceptSendError = true;
        private final java.util.Set<Integer> passThroughStatuses = new java.util.TreeSet<>();
        private java.nio.file.Path categoryOverrides;
        private Duration categoryOverridesRecheck = Duration.ofSeconds(10);
        private List<String> inAppPackages = List.of();
        private List<String> frameworkPackages = Fingerprinter.DEFAULT_FRAMEWORK_PACKAGES;
        private int fingerprintFrames = Fingerprinter.DEFAULT_FRAMES;
        private int maxFingerprints = 10_000;
        private int maxRoutesPerFingerprint = 16;
        private final List<ErrorRule> rules = new ArrayList<>();
        private final Map<String, Integer> categories = new LinkedHashMap<>();
        private boolean validationDetail = true;
        private Duration retryAfter = Duration.ofSeconds(30);
        private String loggerName = ErrorAnalysisFilter.DEFAULT_LOGGER_NAME;
        private boolean logHeaders = true;
        private boolean llmAnalysis = true;
        private Duration llmReaskAfter = Duration.ofHours(24);
        private int llmQueueCapacity = 64;
        private int llmThreads = 1;
        private boolean earlyWarning = true;
        private Duration earlyWarningWindow = Duration.ofMinutes(5);
        private double earlyWarningFactor = 3.0;
        private int earlyWarningMinRequests = 20;
        private double earlyWarningMinRate = 0.05;
        private int maxRoutes = 1000;
        private boolean rethrowCommitted;
        private Clock clock = Clock.systemUTC();

        /** The rules and categories present replace those set in code. */
        @Override
        protected void applyOwn(InitParams p) {
            interceptSendError(p.bool(INTERCEPT_SEND_ERROR, interceptSendError));
            p.string(CATEGORY_OVERRIDES).ifPresent(v -> categoryOverrides(java.nio.file.Path.of(v)));
            categoryOverridesRecheck(p.duration(CATEGORY_OVERRIDES_RECHECK, categoryOverridesRecheck));
            p.string(PASS_THROUGH_STATUSES).ifPresent(v -> {
                passThroughStatuses.clear();
                for (String st : InitParams.splitList(v)) {
                    try {
                        passThroughStatus(Integer.parseInt(st.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("init-param '" + PASS_THROUGH_STATUSES
                                + "' must list HTTP statuses, got '" + st + "'");
                    }
                }
            });
            inAppPackages(p.list(IN_APP_PACKAGES, inAppPackages));
            frameworkPackages(p.list(FRAMEWORK_PACKAGES, frameworkPackages));
            fingerprintFrames(p.integer(FINGERPRINT_FRAMES, fingerprintFrames));
            maxFingerprints(p.integer(MAX_FINGERPRINTS, maxFingerprints));
            maxRoutesPerFingerprint(p.integer(MAX_ROUTES_PER_FINGERPRINT, maxRoutesPerFingerprint));
            validationDetail(p.bool(VALIDATION_DETAIL, validationDetail));
            retryAfter(p.duration(RETRY_AFTER, retryAfter));
            loggerName(p.string(LOGGER_NAME, loggerName));
            logHeaders(p.bool(LOG_HEADERS, logHeaders));
            llmAnalysis(p.bool(LLM_ANALYSIS, llmAnalysis));
            llmReaskAfter(p.duration(LLM_REASK_AFTER, llmReaskAfter));
            llmQueueCapacity(p.integer(LLM_QUEUE_CAPACITY, llmQueueCapacity));
            llmThreads(p.integer(LLM_THREADS, llmThreads));
            earlyWarning(p.bool(EARLY_WARNING, earlyWarning));
            earlyWarningWindow(p.duration(EARLY_WARNING_WINDOW, earlyWarningWindow));
            earlyWarningFactor(p.decimal(EARLY_WARNING_FACTOR, earlyWarningFactor));
            earlyWarningMinRequests(p.integer(EARLY_WARNING_MIN_REQUESTS, earlyWarningMinRequests));
            earlyWarningMinRate(p.decimal(EARLY_WARNING_MIN_RATE, earlyWarningMinRate));
            maxRoutes(p.integer(MAX_ROUTES, maxRoutes));
            rethrowCommitted(p.bool(RETHROW_COMMITTED, rethrowCommitted));
            p.string(CATEGORIES).ifPresent(v -> {
                categories.clear();
                for (String item : InitParams.splitList(v)) {
                    int colon = item.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException(CATEGORIES + " items must look like 'name:status', got '"
                                + item + "'");
                    }
                    category(item.substring(0, colon), Integer.parseInt(item.substring(colon + 1).trim()));
                }
            });
            p.string(RULES).ifPresent(v -> {
                rules.clear();
                for (String spec : v.split("[;\\n]")) {
                    if (!spec.isBlank()) {
                        rule(ErrorRule.parse(spec.trim()));
                    }
                }
            });
        }

        public Builder interceptSendError(boolean v) {
            this.interceptSendError = v;
            return this;
        }

        /** The ops overrides file (see {@link #CATEGORY_OVERRIDES}), or null for none. */
        public Builder categoryOverrides(java.nio.file.Path file) {
            this.categoryOverrides = file;
            return this;
        }

        public Builder categoryOverridesRecheck(Duration v) {
            this.categoryOverridesRecheck = java.util.Objects.requireNonNull(v);
            return this;
        }

        /** An error status answered by the container as without the filter (e.g. 401 for a login page). */
        public Builder passThroughStatus(int status) {
            this.passThroughStatuses.add(status);
            return this;
        }

        public Builder inAppPackages(List<String> v) {
            this.inAppPackages = List.copyOf(v);
            return this;
        }

        public Builder frameworkPackages(List<String> v) {
            this.frameworkPackages = List.copyOf(v);
            return this;
        }

        public Builder fingerprintFrames(int v) {
            this.fingerprintFrames = v;
            return this;
        }

        public Builder maxFingerprints(int v) {
            this.maxFingerprints = v;
            return this;
        }

        public Builder maxRoutesPerFingerprint(int v) {
            this.maxRoutesPerFingerprint = v;
            return this;
        }

        public Builder rule(ErrorRule rule) {
            this.rules.add(Objects.requireNonNull(rule));
            return this;
        }

        public Builder rule(Class<? extends Throwable> type, String category, Integer status) {
            return rule(ErrorRule.ofType(type, category, status));
        }

        public Builder rule(String classNameRegex, String category, Integer status) {
            return rule(ErrorRule.ofName(classNameRegex, category, status));
        }

        /** Adds a user category with its status (rules may then map exceptions to it). */
        public Builder category(String name, int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("category '" + name + "' status must be 4xx or 5xx");
            }
            this.categories.put(name, status);
            return this;
        }

        public Builder validationDetail(boolean v) {
            this.validationDetail = v;
            return this;
        }

        public Builder retryAfter(Duration v) {
            this.retryAfter = v;
            return this;
        }

        public Builder loggerName(String v) {
            this.loggerName = v;
            return this;
        }

        public Builder logHeaders(boolean v) {
            this.logHeaders = v;
            return this;
        }

        public Builder llmAnalysis(boolean v) {
            this.llmAnalysis = v;
            return this;
        }

        public Builder llmReaskAfter(Duration v) {
            this.llmReaskAfter = v;
            return this;
        }

        public Builder llmQueueCapacity(int v) {
            this.llmQueueCapacity = v;
            return this;
        }

        public Builder llmThreads(int v) {
            this.llmThreads = v;
            return this;
        }

        public Builder earlyWarning(boolean v) {
            this.earlyWarning = v;
            return this;
        }

        public Builder earlyWarningWindow(Duration v) {
            this.earlyWarningWindow = v;
            return this;
        }

        public Builder earlyWarningFactor(double v) {
            this.earlyWarningFactor = v;
            return this;
        }

        public Builder earlyWarningMinRequests(int v) {
            this.earlyWarningMinRequests = v;
            return this;
        }

        public Builder earlyWarningMinRate(double v) {
            this.earlyWarningMinRate = v;
            return this;
        }

        public Builder maxRoutes(int v) {
            this.maxRoutes = v;
            return this;
        }

        public Builder rethrowCommitted(boolean v) {
            this.rethrowCommitted = v;
            return this;
        }

        /** The clock for timestamps and the early-warning minutes (tests). */
        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public ErrorFilterConfig build() {
            return new ErrorFilterConfig(this);
        }
    }
}
