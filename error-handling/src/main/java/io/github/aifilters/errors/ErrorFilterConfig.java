package io.github.aifilters.errors;

import static io.github.aifilters.errors.ErrorAnalysisFilter.CATEGORIES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.EARLY_WARNING;
import static io.github.aifilters.errors.ErrorAnalysisFilter.EARLY_WARNING_FACTOR;
import static io.github.aifilters.errors.ErrorAnalysisFilter.EARLY_WARNING_MIN_RATE;
import static io.github.aifilters.errors.ErrorAnalysisFilter.EARLY_WARNING_MIN_REQUESTS;
import static io.github.aifilters.errors.ErrorAnalysisFilter.EARLY_WARNING_WINDOW;
import static io.github.aifilters.errors.ErrorAnalysisFilter.FINGERPRINT_FRAMES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.FRAMEWORK_PACKAGES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.INTERCEPT_SEND_ERROR;
import static io.github.aifilters.errors.ErrorAnalysisFilter.PASS_THROUGH_STATUSES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.IN_APP_PACKAGES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LLM_ANALYSIS;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LLM_QUEUE_CAPACITY;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LLM_REASK_AFTER;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LLM_THREADS;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LOGGER_NAME;
import static io.github.aifilters.errors.ErrorAnalysisFilter.LOG_HEADERS;
import static io.github.aifilters.errors.ErrorAnalysisFilter.MAX_FINGERPRINTS;
import static io.github.aifilters.errors.ErrorAnalysisFilter.MAX_ROUTES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.MAX_ROUTES_PER_FINGERPRINT;
import static io.github.aifilters.errors.ErrorAnalysisFilter.RETHROW_COMMITTED;
import static io.github.aifilters.errors.ErrorAnalysisFilter.RETRY_AFTER;
import static io.github.aifilters.errors.ErrorAnalysisFilter.RULES;
import static io.github.aifilters.errors.ErrorAnalysisFilter.VALIDATION_DETAIL;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.errors.internal.ErrorRule;
import io.github.aifilters.core.filter.RequestMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of {@link ErrorAnalysisFilter}, built once: programmatically with {@link #builder()}, or
 * from init-params with {@link #fromInitParams(InitParams)} (keys: the constants of {@link ErrorAnalysisFilter}).
 */
public final class ErrorFilterConfig {

    private final boolean interceptSendError;
    private final java.util.Set<Integer> passThroughStatuses;
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
    private final RequestMatcher matcher;
    private final Clock clock;

    private ErrorFilterConfig(Builder b) {
        this.interceptSendError = b.interceptSendError;
        this.passThroughStatuses = java.util.Set.copyOf(b.passThroughStatuses);
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
        this.matcher = b.matcher;
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

    public static ErrorFilterConfig defaults() {
        return builder().build();
    }

    /** Reads every key; unknown keys are ignored, malformed values fail with the key's name. */
    public static ErrorFilterConfig fromInitParams(InitParams p) {
        Builder b = builder()
                .interceptSendError(p.bool(INTERCEPT_SEND_ERROR, true))
                .inAppPackages(p.list(IN_APP_PACKAGES))
                .frameworkPackages(p.list(FRAMEWORK_PACKAGES, Fingerprinter.DEFAULT_FRAMEWORK_PACKAGES))
                .fingerprintFrames(p.integer(FINGERPRINT_FRAMES, Fingerprinter.DEFAULT_FRAMES))
                .maxFingerprints(p.integer(MAX_FINGERPRINTS, 10_000))
                .maxRoutesPerFingerprint(p.integer(MAX_ROUTES_PER_FINGERPRINT, 16))
                .validationDetail(p.bool(VALIDATION_DETAIL, true))
                .retryAfter(p.duration(RETRY_AFTER, Duration.ofSeconds(30)))
                .loggerName(p.string(LOGGER_NAME, ErrorAnalysisFilter.DEFAULT_LOGGER_NAME))
                .logHeaders(p.bool(LOG_HEADERS, true))
                .llmAnalysis(p.bool(LLM_ANALYSIS, true))
                .llmReaskAfter(p.duration(LLM_REASK_AFTER, Duration.ofHours(24)))
                .llmQueueCapacity(p.integer(LLM_QUEUE_CAPACITY, 64))
                .llmThreads(p.integer(LLM_THREADS, 1))
                .earlyWarning(p.bool(EARLY_WARNING, true))
                .earlyWarningWindow(p.duration(EARLY_WARNING_WINDOW, Duration.ofMinutes(5)))
                .earlyWarningFactor(p.decimal(EARLY_WARNING_FACTOR, 3.0))
                .earlyWarningMinRequests(p.integer(EARLY_WARNING_MIN_REQUESTS, 20))
                .earlyWarningMinRate(p.decimal(EARLY_WARNING_MIN_RATE, 0.05))
                .maxRoutes(p.integer(MAX_ROUTES, 1000))
                .rethrowCommitted(p.bool(RETHROW_COMMITTED, false));
        for (String st : p.list(PASS_THROUGH_STATUSES)) {
            try {
                b.passThroughStatus(Integer.parseInt(st.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PASS_THROUGH_STATUSES + " must list statuses, got '" + st + "'", e);
            }
        }
        p.string(CATEGORIES).ifPresent(v -> {
            for (String item : InitParams.splitList(v)) {
                int colon = item.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(CATEGORIES + " items must look like 'name:status', got '" + item
                            + "'");
                }
                b.category(item.substring(0, colon), Integer.parseInt(item.substring(colon + 1).trim()));
            }
        });
        p.string(RULES).ifPresent(v -> {
            for (String spec : v.split("[;\\n]")) {
                if (!spec.isBlank()) {
                    b.rule(ErrorRule.parse(spec.trim()));
                }
            }
        });
        return b.build();
    }

    public boolean interceptSendError() {
        return interceptSendError;
    }

    /** Error statuses left to the container as without the filter (no problem document for them). */
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

    /** The request matcher for programmatic use, or null to use the init-params / defaults. */
    public RequestMatcher matcher() {
        return matcher;
    }

    public Clock clock() {
        return clock;
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private boolean interceptSendError = true;
        private final java.util.Set<Integer> passThroughStatuses = new java.util.TreeSet<>();
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
        private RequestMatcher matcher;
        private Clock clock = Clock.systemUTC();

        public Builder interceptSendError(boolean v) {
            this.interceptSendError = v;
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

        public Builder matcher(RequestMatcher v) {
            this.matcher = v;
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
