package io.github.aifilters.monitoring;

import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.config.CommonBuilder;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.monitoring.alert.AlertSink;
import io.github.aifilters.monitoring.anomaly.DetectorFactory;
import io.github.aifilters.monitoring.internal.Detectors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of {@link MonitoringFilter}: from init-params ({@link #from(InitParams)}) or in code
 * ({@link #builder()}); a filter given a config in code applies its init-params over it ({@link CommonBuilder}). The
 * init-param keys are the constants below; the builder methods have the same names unless noted.
 */
public final class MonitoringConfig {

    /** Init-param: maximum distinct {@code uri} tag values; beyond it new templates are tagged OTHER. Default 100. */
    public static final String MAX_URI_TAGS = "maxUriTags";
    /**
     * Init-param: the name of the request timer. Default {@value #DEFAULT_METRIC_NAME}, not {@code
     * http.server.requests}: frameworks (Spring Boot actuator, Quarkus, Micronaut) register that name themselves,
     * lazily and with other tag keys, and Prometheus then rejects one of the two. Set {@code http.server.requests} to
     * use Micrometer's conventional name in an app where nothing else times requests; should the registry already
     * hold a meter of that name when the filter starts, the filter keeps the default name (and says so in the log).
     */
    public static final String METRIC_NAME = "metricName";
    /** Init-param: the detection interval (p95, error ratio, throughput per route). Default {@code 60s}. */
    public static final String INTERVAL = "interval";
    /** Init-param: whether process health (CPU, heap after GC, GC pause, threads) is watched. Default true. */
    public static final String HEALTH_ENABLED = "healthEnabled";
    /** Init-param: the process health sampling period. Default {@code 30s}. */
    public static final String HEALTH_INTERVAL = "healthInterval";
    /**
     * Init-param: anomaly score (0..1] from which a value alerts. Default 0.5, the calibration point of the shipped
     * {@code DefaultAnomalyDetector} ({@link #DEFAULT_ALERT_THRESHOLD}).
     */
    public static final String ALERT_THRESHOLD = "alertThreshold";
    /** Init-param: consecutive calm intervals that end an alert episode. Default 3. */
    public static final String EPISODE_END_INTERVALS = "episodeEndIntervals";
    /** Init-param: minimum time between two alerts of the same series. Default {@code 15m}. */
    public static final String ALERT_COOLDOWN = "alertCooldown";
    /**
     * Init-param: minimum absolute change from the baseline for an alert, per metric, {@code metric=value} separated
     * by {@code ;}, over the defaults {@code latency.p95=10} (ms), {@code error.ratio=0.05}, {@code throughput=0},
     * {@code process.cpu=0.2}, {@code heap.afterGc=33554432} (bytes), {@code gc.pause=200} (ms), {@code threads.live=20}.
     */
    public static final String MIN_CHANGES = "minChanges";
    /** Init-param: requests in an interval below which a route's error ratio is not scored. Default 20. */
    public static final String MIN_REQUESTS_ERROR_RATIO = "minRequestsForErrorRatio";
    /** Init-param: requests in an interval below which a route's p95 latency is not scored. Default 5. */
    public static final String MIN_REQUESTS_LATENCY = "minRequestsForLatency";
    /**
     * Init-param: a throughput anomaly alerts only when the interval's count or its baseline reaches this. Default 10.
     */
    public static final String MIN_REQUESTS_THROUGHPUT = "minRequestsForThroughput";
    /** Init-param: latencies sampled per route and interval for the p95 (reservoir size). Default 512. */
    public static final String LATENCY_RESERVOIR_SIZE = "latencyReservoirSize";
    /** Init-param: maximum routes watched by detectors; further routes share one. Default 200. */
    public static final String MAX_ROUTES = "maxRoutes";
    /** Init-param: intervals without traffic after which a route's detectors are evicted. Default 60. */
    public static final String IDLE_EVICT_INTERVALS = "idleEvictIntervals";
    /** Init-param: recent alerts kept for the ops endpoint. Default 100. */
    public static final String RECENT_ALERTS = "recentAlerts";
    /**
     * Init-param: class name of an {@code AnomalyDetector} with a public no-arg constructor, one per series.
     * Default: {@code io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector} with its shipped defaults (the
     * configuration the NAB benchmark measures; cold for its first 100 values).
     */
    public static final String DETECTOR_CLASS = "detectorClass";
    /** Init-param: whether alerts are written to the log (logger io.github.aifilters.monitoring.alerts). Default true. */
    public static final String LOG_ALERTS = "logAlerts";
    /** Init-param: webhook URL receiving alerts as JSON POSTs. Default: none. */
    public static final String WEBHOOK_URL = "webhookUrl";
    /** Init-param: webhook connect and response timeout per attempt. Default {@code 5s}. */
    public static final String WEBHOOK_TIMEOUT = "webhookTimeout";
    /** Init-param: webhook retries after the first attempt. Default 3. */
    public static final String WEBHOOK_RETRIES = "webhookRetries";
    /** Init-param: wait before the first webhook retry, doubled per retry. Default {@code 500ms}. */
    public static final String WEBHOOK_BACKOFF = "webhookBackoff";
    /** Init-param: alerts waiting for the webhook beyond which new ones are dropped (counted). Default 100. */
    public static final String WEBHOOK_QUEUE_CAPACITY = "webhookQueueCapacity";
    /** Init-param: {@code Authorization} header value sent to the webhook. Default: none. */
    public static final String WEBHOOK_AUTHORIZATION = "webhookAuthorization";
    /** Init-param: whether alert texts may be written by the LLM (when one is configured). Default false. */
    public static final String LLM_ALERT_MESSAGES = "llmAlertMessages";
    /** Init-param: monthly AI budget in US dollars (0 disables budget alerts). Default 100. */
    public static final String COST_MONTHLY_BUDGET = "costMonthlyBudget";
    /**
     * Init-param: prices added to or overriding the default table, {@code model=in/out} per 1K tokens separated by
     * {@code ;}. Default: the original design's table.
     */
    public static final String COST_PRICES = "costPrices";
    /** Init-param: request attribute holding the user key for cost accounting. Default {@code io.github.aifilters.userKey}. */
    public static final String COST_USER_KEY_ATTRIBUTE = "costUserKeyAttribute";
    /** Init-param: request header holding the user key when the attribute is absent. Default: none. */
    public static final String COST_USER_KEY_HEADER = "costUserKeyHeader";
    /** Init-param: salt of the user key hash (stable keys across restarts). Default: random per start. */
    public static final String COST_USER_KEY_SALT = "costUserKeySalt";
    /** Init-param: maximum keys per cost map (model, endpoint, user); further keys count as OTHER. Default 1000. */
    public static final String COST_MAX_KEYS = "costMaxKeys";
    /** Init-param: the week's spend alerts above this multiple of the recent weekly average. Default 2.0. */
    public static final String COST_SPIKE_FACTOR = "costSpikeFactor";
    /** Init-param: previous weeks averaged for the spike rule. Default 4. */
    public static final String COST_SPIKE_WEEKS = "costSpikeWeeks";

    /** Every init-param of the filter, the common ones included. */
    public static final Set<String> KEYS = ConfigKeys.withCommon(METRIC_NAME, MAX_URI_TAGS, INTERVAL, HEALTH_ENABLED,
            HEALTH_INTERVAL, ALERT_THRESHOLD, EPISODE_END_INTERVALS, ALERT_COOLDOWN, MIN_CHANGES,
            MIN_REQUESTS_ERROR_RATIO, MIN_REQUESTS_LATENCY, MIN_REQUESTS_THROUGHPUT, LATENCY_RESERVOIR_SIZE,
            MAX_ROUTES, IDLE_EVICT_INTERVALS, RECENT_ALERTS, DETECTOR_CLASS, LOG_ALERTS, WEBHOOK_URL, WEBHOOK_TIMEOUT,
            WEBHOOK_RETRIES, WEBHOOK_BACKOFF, WEBHOOK_QUEUE_CAPACITY, WEBHOOK_AUTHORIZATION, LLM_ALERT_MESSAGES,
            COST_MONTHLY_BUDGET, COST_PRICES, COST_USER_KEY_ATTRIBUTE, COST_USER_KEY_HEADER, COST_USER_KEY_SALT,
            COST_MAX_KEYS, COST_SPIKE_FACTOR, COST_SPIKE_WEEKS);

    /**
     * The default alert threshold: the calibration point of {@code DefaultAnomalyDetector} (its scores are calibrated
     * so that alerts fire at {@code score >= 0.5}; NAB's optimiser picks 0.52 for all three profiles). A higher value
     * trades missed anomalies for fewer alerts, see docs/anomaly-detection.md.
     */
    public static final double DEFAULT_ALERT_THRESHOLD = 0.5;

    /** The default timer name ({@link #METRIC_NAME}); its tags are Micrometer's HTTP server ones. */
    public static final String DEFAULT_METRIC_NAME = "aifilters.http.requests";

    /**
     * The monitoring filter's default {@code excludePaths}: the common defaults (health probes, static assets) plus
     * the toolkit's own ops endpoints ({@code /_ai/*}), whose scrapes and polls would otherwise be timed and watched
     * as if they were the app's traffic.
     */
    public static final List<String> DEFAULT_EXCLUDED_PATHS = java.util.stream.Stream.concat(
            RequestMatcher.DEFAULT_EXCLUDED_PATHS.stream(), java.util.stream.Stream.of("/_ai/*")).toList();

    private final CommonSettings common;
    private final String metricName;
    private final int maxUriTags;
    private final Duration interval;
    private final boolean healthEnabled;
    private final Duration healthInterval;
    private final double alertThreshold;
    private final int episodeEndIntervals;
    private final Duration alertCooldown;
    private final int minRequestsForErrorRatio;
    private final int minRequestsForLatency;
    private final int minRequestsForThroughput;
    private final int latencyReservoirSize;
    private final int maxRoutes;
    private final int idleEvictIntervals;
    private final int recentAlerts;
    private final DetectorFactory detectorFactory;
    private final boolean logAlerts;
    private final URI webhookUrl;
    private final Duration webhookTimeout;
    private final int webhookRetries;
    private final Duration webhookBackoff;
    private final int webhookQueueCapacity;
    private final String webhookAuthorization;
    private final boolean llmAlertMessages;
    private final List<AlertSink> extraSinks;
    private final double monthlyBudget;
    private final PriceTable prices;
    private final String userKeyAttribute;
    private final String userKeyHeader;
    private final String userKeySalt;
    private final int maxCostKeys;
    private final double costSpikeFactor;
    private final int costSpikeWeeks;
    private final Map<String, Double> minChanges;
    private final Clock clock;

    private MonitoringConfig(Builder b) {
        this.common = b.common();
        if (b.metricName == null || b.metricName.isBlank()) {
            throw new IllegalArgumentException(METRIC_NAME + " must not be blank");
        }
        this.metricName = b.metricName.trim();
        this.maxUriTags = positive(b.maxUriTags, MAX_URI_TAGS);
        this.interval = positive(b.interval, INTERVAL);
        this.healthEnabled = b.healthEnabled;
        this.healthInterval = positive(b.healthInterval, HEALTH_INTERVAL);
        if (!(b.alertThreshold > 0 && b.alertThreshold <= 1)) {
            throw new IllegalArgumentException(ALERT_THRESHOLD + " must be in (0,1]");
        }
        this.alertThreshold = b.alertThreshold;
        this.episodeEndIntervals = positive(b.episodeEndIntervals, EPISODE_END_INTERVALS);
        this.alertCooldown = nonNegative(b.alertCooldown, ALERT_COOLDOWN);
        this.minRequestsForErrorRatio = positive(b.minRequestsForErrorRatio, MIN_REQUESTS_ERROR_RATIO);
        this.minRequestsForLatency = positive(b.minRequestsForLatency, MIN_REQUESTS_LATENCY);
        this.minRequestsForThroughput = nonNegative(b.minRequestsForThroughput, MIN_REQUESTS_THROUGHPUT);
        this.latencyReservoirSize = positive(b.latencyReservoirSize, LATENCY_RESERVOIR_SIZE);
        this.maxRoutes = positive(b.maxRoutes, MAX_ROUTES);
        this.idleEvictIntervals = positive(b.idleEvictIntervals, IDLE_EVICT_INTERVALS);
        this.recentAlerts = positive(b.recentAlerts, RECENT_ALERTS);
        this.detectorFactory = Objects.requireNonNull(b.detectorFactory, "detectorFactory");
        this.logAlerts = b.logAlerts;
        this.webhookUrl = b.webhookUrl;
        this.webhookTimeout = positive(b.webhookTimeout, WEBHOOK_TIMEOUT);
        this.webhookRetries = nonNegative(b.webhookRetries, WEBHOOK_RETRIES);
        this.webhookBackoff = nonNegative(b.webhookBackoff, WEBHOOK_BACKOFF);
        this.webhookQueueCapacity = positive(b.webhookQueueCapacity, WEBHOOK_QUEUE_CAPACITY);
        this.webhookAuthorization = b.webhookAuthorization;
        this.llmAlertMessages = b.llmAlertMessages;
        this.extraSinks = List.copyOf(b.extraSinks);
        if (!(b.monthlyBudget >= 0)) {
            throw new IllegalArgumentException(COST_MONTHLY_BUDGET + " must be >= 0");
        }
        this.monthlyBudget = b.monthlyBudget;
        this.prices = Objects.requireNonNull(b.prices, "prices");
        this.userKeyAttribute = b.userKeyAttribute;
        this.userKeyHeader = b.userKeyHeader;
        this.userKeySalt = b.userKeySalt;
        this.maxCostKeys = positive(b.maxCostKeys, COST_MAX_KEYS);
        if (!(b.costSpikeFactor > 1)) {
            throw new IllegalArgumentException(COST_SPIKE_FACTOR + " must be > 1");
        }
        this.costSpikeFactor = b.costSpikeFactor;
        this.costSpikeWeeks = positive(b.costSpikeWeeks, COST_SPIKE_WEEKS);
        this.minChanges = Map.copyOf(b.minChanges);
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    /** The default minimum change per metric: below it a deviation, however improbable, is not worth waking anyone. */
    public static Map<String, Double> defaultMinChanges() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("latency.p95", 10.0); // ms
        m.put("error.ratio", 0.05);
        m.put("throughput", 0.0); // the volume floor already applies
        m.put("process.cpu", 0.2);
        m.put("heap.afterGc", 32.0 * 1024 * 1024); // bytes
        m.put("gc.pause", 200.0); // ms of GC per health sample
        m.put("threads.live", 20.0);
        return Map.copyOf(m);
    }

    /** Parses {@code metric=value} entries separated by {@code ;} or {@code ,} over {@code base}. */
    static Map<String, Double> parseMinChanges(String spec, Map<String, Double> base) {
        Map<String, Double> m = new java.util.LinkedHashMap<>(base);
        for (String entry : spec.split("[;,]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            try {
                double v = Double.parseDouble(e.substring(eq + 1).trim());
                if (eq <= 0 || !(v >= 0)) {
                    throw new NumberFormatException();
                }
                m.put(e.substring(0, eq).trim(), v);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(MIN_CHANGES + " entries must be metric=number >= 0, got '" + e + "'");
            }
        }
        return Map.copyOf(m);
    }

    /**
     * Parses {@code model=in/out} entries (US dollars per 1K input/output tokens) separated by {@code ;} or newlines,
     * e.g. {@code gpt-4o=0.005/0.015; my-model=0/0}, over {@code base}; each price is read by
     * {@link PriceTable.Price#parse(String)}.
     */
    static PriceTable parsePrices(String spec, PriceTable base) {
        PriceTable table = base;
        for (String entry : spec.split("[;\\n]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(COST_PRICES + " entries must be model=input/output, got '" + e + "'");
            }
            try {
                table = table.with(e.substring(0, eq).trim(), PriceTable.Price.parse(e.substring(eq + 1)));
            } catch (IllegalArgumentException ex) { // NumberFormatException included
                throw new IllegalArgumentException(COST_PRICES + " entries must be model=input/output, got '" + e + "'");
            }
        }
        return table;
    }

    private static int positive(int v, String key) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        }
        return v;
    }

    private static int nonNegative(int v, String key) {
        if (v < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + v);
        }
        return v;
    }

    private static Duration positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
        return d;
    }

    private static Duration nonNegative(Duration d, String key) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a non-negative duration");
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting at its documented default. */
    public static MonitoringConfig ofDefaults() {
        return builder().build();
    }

    /** The documented defaults overridden by the keys present in {@code params}. */
    public static MonitoringConfig from(InitParams params) {
        return builder().apply(params).build();
    }

    /** A builder holding these settings, e.g. to apply init-params over them. */
    public Builder toBuilder() {
        Builder b = new Builder().common(common).metricName(metricName).maxUriTags(maxUriTags).interval(interval)
                .healthEnabled(healthEnabled).healthInterval(healthInterval).alertThreshold(alertThreshold)
                .episodeEndIntervals(episodeEndIntervals).alertCooldown(alertCooldown)
                .minRequestsForErrorRatio(minRequestsForErrorRatio).minRequestsForLatency(minRequestsForLatency)
                .minRequestsForThroughput(minRequestsForThroughput).latencyReservoirSize(latencyReservoirSize)
                .maxRoutes(maxRoutes).idleEvictIntervals(idleEvictIntervals).recentAlerts(recentAlerts)
                .detectorFactory(detectorFactory).logAlerts(logAlerts).webhookUrl(webhookUrl)
                .webhookTimeout(webhookTimeout).webhookRetries(webhookRetries).webhookBackoff(webhookBackoff)
                .webhookQueueCapacity(webhookQueueCapacity).webhookAuthorization(webhookAuthorization)
                .llmAlertMessages(llmAlertMessages).monthlyBudget(monthlyBudget).prices(prices)
                .userKeyAttribute(userKeyAttribute).userKeyHeader(userKeyHeader).userKeySalt(userKeySalt)
                .maxCostKeys(maxCostKeys).costSpikeFactor(costSpikeFactor).costSpikeWeeks(costSpikeWeeks)
                .minChanges(minChanges).clock(clock);
        extraSinks.forEach(b::addSink);
        return b;
    }

    /** Enabled, matcher and body cap. */
    public CommonSettings common() {
        return common;
    }

    /** The request timer's name ({@link #METRIC_NAME}). */
    public String metricName() {
        return metricName;
    }

    public int maxUriTags() {
        return maxUriTags;
    }

    public Duration interval() {
        return interval;
    }

    public boolean healthEnabled() {
        return healthEnabled;
    }

    public Duration healthInterval() {
        return healthInterval;
    }

    public double alertThreshold() {
        return alertThreshold;
    }

    public int episodeEndIntervals() {
        return episodeEndIntervals;
    }

    public Duration alertCooldown() {
        return alertCooldown;
    }

    public int minRequestsForErrorRatio() {
        return minRequestsForErrorRatio;
    }

    public int minRequestsForLatency() {
        return minRequestsForLatency;
    }

    public int minRequestsForThroughput() {
        return minRequestsForThroughput;
    }

    public int latencyReservoirSize() {
        return latencyReservoirSize;
    }

    public int maxRoutes() {
        return maxRoutes;
    }

    public int idleEvictIntervals() {
        return idleEvictIntervals;
    }

    public int recentAlerts() {
        return recentAlerts;
    }

    public DetectorFactory detectorFactory() {
        return detectorFactory;
    }

    public boolean logAlerts() {
        return logAlerts;
    }

    public URI webhookUrl() {
        return webhookUrl;
    }

    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    public int webhookRetries() {
        return webhookRetries;
    }

    public Duration webhookBackoff() {
        return webhookBackoff;
    }

    public int webhookQueueCapacity() {
        return webhookQueueCapacity;
    }

    public String webhookAuthorization() {
        return webhookAuthorization;
    }

    public boolean llmAlertMessages() {
        return llmAlertMessages;
    }

    public List<AlertSink> extraSinks() {
        return extraSinks;
    }

    public double monthlyBudget() {
        return monthlyBudget;
    }

    /** The price table of the cost monitor (core's table, with {@link #COST_PRICES} applied). */
    public PriceTable prices() {
        return prices;
    }

    public String userKeyAttribute() {
        return userKeyAttribute;
    }

    public String userKeyHeader() {
        return userKeyHeader;
    }

    public String userKeySalt() {
        return userKeySalt;
    }

    public int maxCostKeys() {
        return maxCostKeys;
    }

    public double costSpikeFactor() {
        return costSpikeFactor;
    }

    public int costSpikeWeeks() {
        return costSpikeWeeks;
    }

    public Clock clock() {
        return clock;
    }

    /** Minimum absolute change from the baseline, per metric, for an alert. */
    public Map<String, Double> minChanges() {
        return minChanges;
    }

    /** Builder with the documented defaults. */
    public static final class Builder extends CommonBuilder<Builder> {
        private String metricName = DEFAULT_METRIC_NAME;
        private int maxUriTags = 100;
        private Duration interval = Duration.ofSeconds(60);
        private boolean healthEnabled = true;
        private Duration healthInterval = Duration.ofSeconds(30);
        private double alertThreshold = DEFAULT_ALERT_THRESHOLD;
        private int episodeEndIntervals = 3;
        private Duration alertCooldown = Duration.ofMinutes(15);
        private int minRequestsForErrorRatio = 20;
        private int minRequestsForLatency = 5;
        private int minRequestsForThroughput = 10;
        private int latencyReservoirSize = 512;
        private int maxRoutes = 200;
        private int idleEvictIntervals = 60;
        private int recentAlerts = 100;
        private DetectorFactory detectorFactory = Detectors.defaultFactory();
        private boolean logAlerts = true;
        private URI webhookUrl;
        private Duration webhookTimeout = Duration.ofSeconds(5);
        private int webhookRetries = 3;
        private Duration webhookBackoff = Duration.ofMillis(500);
        private int webhookQueueCapacity = 100;
        private String webhookAuthorization;
        private boolean llmAlertMessages;
        private final List<AlertSink> extraSinks = new ArrayList<>();
        private double monthlyBudget = 100;
        private PriceTable prices = PriceTable.defaults();
        private String userKeyAttribute = AiAttributes.USER_KEY.name();
        private String userKeyHeader;
        private String userKeySalt;
        private int maxCostKeys = 1000;
        private double costSpikeFactor = 2.0;
        private int costSpikeWeeks = 4;
        private Clock clock = Clock.systemUTC();
        private Map<String, Double> minChanges = defaultMinChanges();

        private Builder() {
            matcher(new RequestMatcher(List.of(), DEFAULT_EXCLUDED_PATHS, Set.of(), Set.of(), Set.of(), Set.of()));
        }

        /** {@code minChanges} and {@code costPrices} entries apply over the values set so far, entry by entry. */
        @Override
        protected void applyOwn(InitParams p) {
            metricName(p.string(METRIC_NAME, metricName));
            maxUriTags(p.integer(MAX_URI_TAGS, maxUriTags));
            interval(p.duration(INTERVAL, interval));
            healthEnabled(p.bool(HEALTH_ENABLED, healthEnabled));
            healthInterval(p.duration(HEALTH_INTERVAL, healthInterval));
            alertThreshold(p.decimal(ALERT_THRESHOLD, alertThreshold));
            episodeEndIntervals(p.integer(EPISODE_END_INTERVALS, episodeEndIntervals));
            alertCooldown(p.duration(ALERT_COOLDOWN, alertCooldown));
            minRequestsForErrorRatio(p.integer(MIN_REQUESTS_ERROR_RATIO, minRequestsForErrorRatio));
            minRequestsForLatency(p.integer(MIN_REQUESTS_LATENCY, minRequestsForLatency));
            minRequestsForThroughput(p.integer(MIN_REQUESTS_THROUGHPUT, minRequestsForThroughput));
            latencyReservoirSize(p.integer(LATENCY_RESERVOIR_SIZE, latencyReservoirSize));
            maxRoutes(p.integer(MAX_ROUTES, maxRoutes));
            idleEvictIntervals(p.integer(IDLE_EVICT_INTERVALS, idleEvictIntervals));
            recentAlerts(p.integer(RECENT_ALERTS, recentAlerts));
            logAlerts(p.bool(LOG_ALERTS, logAlerts));
            webhookTimeout(p.duration(WEBHOOK_TIMEOUT, webhookTimeout));
            webhookRetries(p.integer(WEBHOOK_RETRIES, webhookRetries));
            webhookBackoff(p.duration(WEBHOOK_BACKOFF, webhookBackoff));
            webhookQueueCapacity(p.integer(WEBHOOK_QUEUE_CAPACITY, webhookQueueCapacity));
            webhookAuthorization(p.string(WEBHOOK_AUTHORIZATION, webhookAuthorization));
            llmAlertMessages(p.bool(LLM_ALERT_MESSAGES, llmAlertMessages));
            monthlyBudget(p.decimal(COST_MONTHLY_BUDGET, monthlyBudget));
            userKeyAttribute(p.string(COST_USER_KEY_ATTRIBUTE, userKeyAttribute));
            userKeyHeader(p.string(COST_USER_KEY_HEADER, userKeyHeader));
            userKeySalt(p.string(COST_USER_KEY_SALT, userKeySalt));
            maxCostKeys(p.integer(COST_MAX_KEYS, maxCostKeys));
            costSpikeFactor(p.decimal(COST_SPIKE_FACTOR, costSpikeFactor));
            costSpikeWeeks(p.integer(COST_SPIKE_WEEKS, costSpikeWeeks));
            p.string(WEBHOOK_URL).ifPresent(u -> webhookUrl(URI.create(u)));
            p.string(DETECTOR_CLASS).ifPresent(c -> detectorFactory(Detectors.byClassName(c)));
            p.string(MIN_CHANGES).ifPresent(spec -> minChanges(parseMinChanges(spec, minChanges)));
            p.string(COST_PRICES).ifPresent(spec -> prices(parsePrices(spec, prices)));
        }

        /** Minimum absolute change from the baseline per metric (replaces the defaults). */
        public Builder minChanges(Map<String, Double> v) {
            this.minChanges = v;
            return this;
        }

        /** The request timer's name. */
        public Builder metricName(String v) {
            this.metricName = v;
            return this;
        }

        public Builder maxUriTags(int v) {
            this.maxUriTags = v;
            return this;
        }

        public Builder interval(Duration v) {
            this.interval = v;
            return this;
        }

        public Builder healthEnabled(boolean v) {
            this.healthEnabled = v;
            return this;
        }

        public Builder healthInterval(Duration v) {
            this.healthInterval = v;
            return this;
        }

        public Builder alertThreshold(double v) {
            this.alertThreshold = v;
            return this;
        }

        public Builder episodeEndIntervals(int v) {
            this.episodeEndIntervals = v;
            return this;
        }

        public Builder alertCooldown(Duration v) {
            this.alertCooldown = v;
            return this;
        }

        public Builder minRequestsForErrorRatio(int v) {
            this.minRequestsForErrorRatio = v;
            return this;
        }

        public Builder minRequestsForLatency(int v) {
            this.minRequestsForLatency = v;
            return this;
        }

        public Builder minRequestsForThroughput(int v) {
            this.minRequestsForThroughput = v;
            return this;
        }

        public Builder latencyReservoirSize(int v) {
            this.latencyReservoirSize = v;
            return this;
        }

        public Builder maxRoutes(int v) {
            this.maxRoutes = v;
            return this;
        }

        public Builder idleEvictIntervals(int v) {
            this.idleEvictIntervals = v;
            return this;
        }

        public Builder recentAlerts(int v) {
            this.recentAlerts = v;
            return this;
        }

        public Builder detectorFactory(DetectorFactory v) {
            this.detectorFactory = v;
            return this;
        }

        public Builder logAlerts(boolean v) {
            this.logAlerts = v;
            return this;
        }

        public Builder webhookUrl(URI v) {
            this.webhookUrl = v;
            return this;
        }

        public Builder webhookTimeout(Duration v) {
            this.webhookTimeout = v;
            return this;
        }

        public Builder webhookRetries(int v) {
            this.webhookRetries = v;
            return this;
        }

        public Builder webhookBackoff(Duration v) {
            this.webhookBackoff = v;
            return this;
        }

        public Builder webhookQueueCapacity(int v) {
            this.webhookQueueCapacity = v;
            return this;
        }

        public Builder webhookAuthorization(String v) {
            this.webhookAuthorization = v;
            return this;
        }

        public Builder llmAlertMessages(boolean v) {
            this.llmAlertMessages = v;
            return this;
        }

        /** Adds a sink (e.g. mail or chat) besides the log and webhook sinks. */
        public Builder addSink(AlertSink sink) {
            this.extraSinks.add(Objects.requireNonNull(sink));
            return this;
        }

        public Builder monthlyBudget(double v) {
            this.monthlyBudget = v;
            return this;
        }

        public Builder prices(PriceTable v) {
            this.prices = v;
            return this;
        }

        public Builder userKeyAttribute(String v) {
            this.userKeyAttribute = v;
            return this;
        }

        public Builder userKeyHeader(String v) {
            this.userKeyHeader = v;
            return this;
        }

        public Builder userKeySalt(String v) {
            this.userKeySalt = v;
            return this;
        }

        public Builder maxCostKeys(int v) {
            this.maxCostKeys = v;
            return this;
        }

        public Builder costSpikeFactor(double v) {
            this.costSpikeFactor = v;
            return this;
        }

        public Builder costSpikeWeeks(int v) {
            this.costSpikeWeeks = v;
            return this;
        }

        /** The clock of intervals, cooldowns and cost months (tests inject a manual one). */
        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public MonitoringConfig build() {
            return new MonitoringConfig(this);
        }
    }
}
