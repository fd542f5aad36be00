package io.github.aifilters.monitoring;

import static io.github.aifilters.monitoring.MonitoringFilter.*;

import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.monitoring.alert.AlertSink;
import io.github.aifilters.monitoring.anomaly.DetectorFactory;
import io.github.aifilters.monitoring.series.Detectors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monitoring filter's configuration, immutable, built once per filter by {@link #builder()} or from
 * init-params by {@link #fromInitParams(InitParams)}. Every init-param key is a constant of {@link MonitoringFilter}.
 */
public final class MonitoringConfig {

    /**
     * The default alert threshold: the calibration point of {@code DefaultAnomalyDetector} (its scores are calibrated
     * so that alerts fire at {@code score >= 0.5}; NAB's optimiser picks 0.52 for all three profiles). A higher value
     * trades missed anomalies for fewer alerts, see docs/anomaly-detection.md.
     */
    public static final double DEFAULT_ALERT_THRESHOLD = 0.5;

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

    /** Parses {@code metric=value} entries separated by {@code ;} or {@code ,} over the defaults. */
    static Map<String, Double> parseMinChanges(String spec) {
        Map<String, Double> m = new java.util.LinkedHashMap<>(defaultMinChanges());
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

    /** Defaults, overridden by the init-params present. */
    public static MonitoringConfig fromInitParams(InitParams p) {
        Builder b = builder()
                .maxUriTags(p.integer(MAX_URI_TAGS, 100))
                .interval(p.duration(INTERVAL, Duration.ofSeconds(60)))
                .healthEnabled(p.bool(HEALTH_ENABLED, true))
                .healthInterval(p.duration(HEALTH_INTERVAL, Duration.ofSeconds(30)))
                .alertThreshold(p.decimal(ALERT_THRESHOLD, DEFAULT_ALERT_THRESHOLD))
                .episodeEndIntervals(p.integer(EPISODE_END_INTERVALS, 3))
                .alertCooldown(p.duration(ALERT_COOLDOWN, Duration.ofMinutes(15)))
                .minRequestsForErrorRatio(p.integer(MIN_REQUESTS_ERROR_RATIO, 20))
                .minRequestsForLatency(p.integer(MIN_REQUESTS_LATENCY, 5))
                .minRequestsForThroughput(p.integer(MIN_REQUESTS_THROUGHPUT, 10))
                .latencyReservoirSize(p.integer(LATENCY_RESERVOIR_SIZE, 512))
                .maxRoutes(p.integer(MAX_ROUTES, 200))
                .idleEvictIntervals(p.integer(IDLE_EVICT_INTERVALS, 60))
                .recentAlerts(p.integer(RECENT_ALERTS, 100))
                .logAlerts(p.bool(LOG_ALERTS, true))
                .webhookTimeout(p.duration(WEBHOOK_TIMEOUT, Duration.ofSeconds(5)))
                .webhookRetries(p.integer(WEBHOOK_RETRIES, 3))
                .webhookBackoff(p.duration(WEBHOOK_BACKOFF, Duration.ofMillis(500)))
                .webhookQueueCapacity(p.integer(WEBHOOK_QUEUE_CAPACITY, 100))
                .webhookAuthorization(p.string(WEBHOOK_AUTHORIZATION).orElse(null))
                .llmAlertMessages(p.bool(LLM_ALERT_MESSAGES, false))
                .monthlyBudget(p.decimal(COST_MONTHLY_BUDGET, 100))
                .userKeyAttribute(p.string(COST_USER_KEY_ATTRIBUTE, AiAttributes.USER_KEY.name()))
                .userKeyHeader(p.string(COST_USER_KEY_HEADER).orElse(null))
                .userKeySalt(p.string(COST_USER_KEY_SALT).orElse(null))
                .maxCostKeys(p.integer(COST_MAX_KEYS, 1000))
                .costSpikeFactor(p.decimal(COST_SPIKE_FACTOR, 2.0))
                .costSpikeWeeks(p.integer(COST_SPIKE_WEEKS, 4));
        p.string(WEBHOOK_URL).ifPresent(u -> b.webhookUrl(URI.create(u)));
        p.string(DETECTOR_CLASS).ifPresent(c -> b.detectorFactory(Detectors.byClassName(c)));
        p.string(MIN_CHANGES).ifPresent(s -> b.minChanges(parseMinChanges(s)));
        p.string(COST_PRICES).ifPresent(s -> b.prices(parsePrices(s, PriceTable.defaults())));
        return b.build();
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

    /** The price table of the cost monitor (core's table, with {@link MonitoringFilter#COST_PRICES} applied). */
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
    public static final class Builder {
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
        }

        /** Minimum absolute change from the baseline per metric (replaces the defaults). */
        public Builder minChanges(Map<String, Double> v) {
            this.minChanges = v;
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
