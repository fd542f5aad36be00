package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.filter.AlertPublisher;
import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.LlmCallListener;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.monitoring.MonitoringConfig;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.github.aifilters.monitoring.MonitoringOpsServlet;
import io.github.aifilters.monitoring.alert.AlertSink;
import io.github.aifilters.monitoring.alert.CompositeAlertSink;
import io.github.aifilters.monitoring.alert.DefaultAlert;
import io.github.aifilters.monitoring.alert.LogAlertSink;
import io.github.aifilters.monitoring.alert.WebhookAlertSink;
import io.github.aifilters.monitoring.anomaly.AnomalyScore;
import io.github.aifilters.monitoring.internal.SeriesMonitor.Direction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring state of one web application, shared by {@link MonitoringFilter} (which feeds it) and
 * {@link MonitoringOpsServlet} (which shows it) through the context attribute {@value #CONTEXT_ATTRIBUTE}.
 *
 * <p>Request threads only add to the current interval's bounded accumulator of their route. Everything else —
 * closing intervals ({@link #tick()}), sampling process health ({@link #sampleHealth()}), scoring, writing alert
 * messages, handing alerts to sinks — runs on one daemon scheduler thread, stopped by {@link #close()}.
 *
 * <p>Memory is bounded: at most {@code maxRoutes} routes (further ones share the route {@value #OTHER_ROUTE}), each
 * with three detectors and a fixed-size latency reservoir; a route idle for {@code idleEvictIntervals} intervals is
 * evicted.
 */
public final class MonitoringRuntime implements AutoCloseable {

    /** The context attribute holding the runtime. */
    public static final String CONTEXT_ATTRIBUTE = "io.github.aifilters.monitoring.runtime";
    /** The route key shared by routes beyond the cap. */
    public static final String OTHER_ROUTE = "* OTHER";

    public static final String LATENCY_P95 = "latency.p95";
    public static final String ERROR_RATIO = "error.ratio";
    public static final String THROUGHPUT = "throughput";

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringRuntime.class);

    private final MonitoringConfig config;
    private final UriTagger tagger;
    private final Map<String, RouteState> routes = new ConcurrentHashMap<>();
    private final Map<String, SeriesMonitor> health = new LinkedHashMap<>();
    private final Map<String, Double> lastHealth = new ConcurrentHashMap<>();
    private final HealthSampler sampler = new HealthSampler();
    private final AlertManager alerts;
    private final CostMonitor cost;
    private final ScheduledExecutorService scheduler;
    private final ThreadLocal<CallScope> scope = new ThreadLocal<>();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong evictedRoutes = new AtomicLong();
    private final AtomicLong taskFailures = new AtomicLong();

    /**
     * @param config the configuration
     * @param registry where the monitor's own meters go
     * @param llm the LLM that may write alert messages (looked up when first needed)
     * @param redactor applied to everything sent to the LLM
     * @param schedule whether to schedule interval ticks and health samples (false: the caller ticks)
     */
    public MonitoringRuntime(MonitoringConfig config, MeterRegistry registry, Supplier<LlmClient> llm,
                             Redactor redactor, boolean schedule) {
        this.config = config;
        this.tagger = new UriTagger(config.maxUriTags());
        List<AlertSink> sinks = new ArrayList<>();
        if (config.logAlerts()) {
            sinks.add(new LogAlertSink());
        }
        if (config.webhookUrl() != null) {
            sinks.add(new WebhookAlertSink(config.webhookUrl(), config.webhookTimeout(), config.webhookRetries(),
                    config.webhookBackoff(), config.webhookQueueCapacity(), config.webhookAuthorization()));
        }
        sinks.addAll(config.extraSinks());
        this.alerts = new AlertManager(llm, redactor, new CompositeAlertSink(sinks), config.alertCooldown(),
                config.llmAlertMessages(), config.recentAlerts(), Math.max(1000, config.maxRoutes() * 4),
                config.clock());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ai-filters-monitoring");
            t.setDaemon(true);
            return t;
        });
        this.cost = new CostMonitor(config.prices(), config.monthlyBudget(), config.costSpikeFactor(),
                config.costSpikeWeeks(), config.maxCostKeys(), config.userKeySalt(), config.clock(),
                this::raiseLater);
        bindMeters(registry);
        if (schedule) {
            long interval = config.interval().toMillis();
            scheduler.scheduleAtFixedRate(() -> safely("interval tick", this::tick), interval, interval,
                    TimeUnit.MILLISECONDS);
            if (config.healthEnabled()) {
                long healthEvery = config.healthInterval().toMillis();
                scheduler.scheduleAtFixedRate(() -> safely("health sample", this::sampleHealth), 0, healthEvery,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void bindMeters(MeterRegistry registry) {
        FunctionCounter.builder("aifilters.monitoring.alerts.raised", alerts, AlertManager::raised)
                .description("Alerts raised by the monitoring filter").register(registry);
        FunctionCounter.builder("aifilters.monitoring.alerts.suppressed", alerts, AlertManager::suppressed)
                .description("Alerts suppressed by the per-series cooldown").register(registry);
        Gauge.builder("aifilters.monitoring.routes", routes, Map::size)
                .description("Routes watched by the anomaly detectors").register(registry);
        for (AlertSink sink : ((CompositeAlertSink) alerts.sink()).sinks()) {
            if (sink instanceof WebhookAlertSink webhook) {
                FunctionCounter.builder("aifilters.monitoring.webhook.dropped", webhook, WebhookAlertSink::dropped)
                        .description("Alerts dropped because the webhook queue was full").register(registry);
                FunctionCounter.builder("aifilters.monitoring.webhook.failed", webhook, WebhookAlertSink::failed)
                        .description("Alerts not delivered after all retries").register(registry);
            }
        }
    }

    private void safely(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a failing task must not cancel the schedule
            taskFailures.incrementAndGet();
            LOG.warn("monitoring {} failed ({})", what, e.getClass().getName());
        }
    }

    /**
     * The publisher other filters use (through the context attribute {@code AiFilterContext.ALERT_PUBLISHER}):
     * their alerts go through the same cooldown, de-duplication, message writing and sinks as ours.
     */
    public AlertPublisher alertPublisher() {
        return this::raiseLater;
    }

    /** Hands an alert to the scheduler thread: callers may be request threads. */
    private void raiseLater(AlertQuery facts) {
        try {
            scheduler.execute(() -> safely("alert", () -> alerts.raise(facts, 1.0)));
        } catch (RejectedExecutionException e) {
            taskFailures.incrementAndGet();
        }
    }

    public MonitoringConfig config() {
        return config;
    }

    public UriTagger tagger() {
        return tagger;
    }

    public AlertManager alerts() {
        return alerts;
    }

    public CostMonitor costMonitor() {
        return cost;
    }

    /** Adds one finished request to its route's current interval (request thread: O(1), no allocation). */
    public void recordRequest(String method, String uri, long nanos, boolean serverError) {
        recordRequest(routeKey(method, uri), nanos, serverError);
    }

    /** The key {@link #recordRequest(String, long, boolean)} takes: callers that time many requests keep it. */
    public static String routeKey(String method, String uri) {
        return method + " " + uri;
    }

    /** One request of the route {@link #routeKey(String, String) key}. */
    public void recordRequest(String key, long nanos, boolean serverError) {
        RouteState state = routes.get(key);
        if (state == null) {
            state = routes.size() >= config.maxRoutes() ? routes.computeIfAbsent(OTHER_ROUTE, this::newRoute)
                    : routes.computeIfAbsent(key, this::newRoute);
        }
        state.window.get().record(nanos, serverError);
    }

    private RouteState newRoute(String key) {
        return new RouteState(key, config.latencyReservoirSize(), ticks.get(),
                new SeriesMonitor(LATENCY_P95 + " " + key, LATENCY_P95, key, config.detectorFactory().create(),
                        Direction.UP),
                new SeriesMonitor(ERROR_RATIO + " " + key, ERROR_RATIO, key, config.detectorFactory().create(),
                        Direction.UP),
                new SeriesMonitor(THROUGHPUT + " " + key, THROUGHPUT, key, config.detectorFactory().create(),
                        Direction.BOTH));
    }

    /**
     * Closes the current interval of every route: p95 latency, error ratio and throughput are scored (then learned)
     * and anomalies become alerts. Called by the scheduler every {@code interval}; tests call it directly.
     */
    public synchronized void tick() {
        long tick = ticks.incrementAndGet();
        Instant at = config.clock().instant();
        long now = at.toEpochMilli();
        Iterator<RouteState> it = routes.values().iterator();
        while (it.hasNext()) {
            RouteState r = it.next();
            LatencyReservoir w = r.window.getAndSet(new LatencyReservoir(config.latencyReservoirSize()));
            long n = w.count();
            if (n > 0) {
                r.lastActiveTick = tick;
            } else if (tick - r.lastActiveTick >= config.idleEvictIntervals()) {
                it.remove();
                evictedRoutes.incrementAndGet();
                continue;
            }
            double expected = r.throughput.snapshot().baseline();
            boolean busy = n >= config.minRequestsForThroughput()
                    || Double.isFinite(expected) && expected >= config.minRequestsForThroughput();
            check(r.throughput, now, n, busy, at, Map.of("requests", Long.toString(n)));
            if (n >= config.minRequestsForLatency()) {
                check(r.latency, now, w.quantileMillis(0.95), true, at, Map.of("requests", Long.toString(n)));
            }
            if (n >= config.minRequestsForErrorRatio()) {
                check(r.errors, now, (double) w.errors() / n, true, at,
                        Map.of("requests", Long.toString(n), "errors", Long.toString(w.errors())));
            }
        }
    }

    /** Samples process health and scores it. Called by the scheduler every {@code healthInterval}. */
    public synchronized void sampleHealth() {
        Instant at = config.clock().instant();
        for (Map.Entry<String, Double> e : sampler.sample().entrySet()) {
            lastHealth.put(e.getKey(), e.getValue());
            SeriesMonitor series = health.computeIfAbsent(e.getKey(),
                    k -> new SeriesMonitor(k, k, null, config.detectorFactory().create(), Direction.UP));
            check(series, at.toEpochMilli(), e.getValue(), true, at, Map.of());
        }
    }

    private void check(SeriesMonitor series, long now, double value, boolean alertable, Instant at,
                       Map<String, String> context) {
        AnomalyScore s = series.observe(now, value, alertable, config.alertThreshold(),
                config.episodeEndIntervals(), config.minChanges().getOrDefault(series.metric(), 0.0));
        if (s != null) {
            alerts.raise(new AlertQuery(series.id(), series.metric(), series.route(), value, s.baseline(),
                    s.deviation(), Severity.of(s.deviation()), at, context, config.llmAlertMessages()), s.score());
        }
    }

    /** Binds a request to the current thread so LLM calls made while serving it are costed to it. */
    public CallScope enter(CallScope callScope) {
        CallScope previous = scope.get();
        scope.set(callScope);
        return previous;
    }

    public void exit(CallScope previous) {
        // set(null) rather than remove(): the pool thread's entry is reused by its next request instead of being
        // created again; a null value holds nothing of the request (or of the app's class loader)
        scope.set(previous);
    }

    /**
     * Records one LLM call, costed to the request being served on this thread (endpoint and user key), if any, else
     * to {@link CostMonitor#UNKNOWN}. The adapter behind {@link #llmCallListener()}; also usable by an app that
     * calls an LLM itself.
     *
     * @return the estimated cost in US dollars
     */
    public double recordLlmUsage(String model, long inputTokens, long outputTokens) {
        CallScope s = scope.get();
        return cost.record(model, s == null ? null : s.endpoint().get(), s == null ? null : s.userKey().get(),
                inputTokens, outputTokens, null);
    }

    /**
     * The listener the filter registers with the shared LLM client ({@code LlmClient#addListener}): every call
     * that spent tokens is costed by model, endpoint and user key.
     *
     * <p>Which events: those with tokens, i.e. {@code SUCCESS}, {@code INVALID} (the provider answered and billed,
     * the answer failed our checks) and {@code LATE} (the reply of a call already told as {@code TIMEOUT}, which
     * itself carries no tokens, so nothing is counted twice). Failures, rejections, open breakers and cache hits
     * spend nothing.
     *
     * <p>Attribution: the gateway tells {@code SUCCESS} and {@code INVALID} on the caller's thread, i.e. the request
     * thread when the app or a filter calls the LLM while serving a request inside this filter, so the thread's
     * {@link CallScope} attributes the call to its route and user key. A {@code LATE} reply is told on a gateway
     * worker thread, where no request is bound: it is costed by model under endpoint and user {@code UNKNOWN}
     * (so are calls the app makes from its own threads). Budget and spike totals are exact either way.
     */
    public LlmCallListener llmCallListener() {
        return event -> {
            if (event.inputTokens() > 0 || event.outputTokens() > 0) {
                recordLlmUsage(event.model(), event.inputTokens(), event.outputTokens());
            }
        };
    }

    /** The ops view: recent alerts, current baselines per series, system health, cost. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", config.clock().instant().toString());
        out.put("intervalSeconds", config.interval().toSeconds());
        List<Map<String, Object>> recent = new ArrayList<>();
        for (DefaultAlert a : alerts.recent()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("severity", a.severity());
            m.put("series", a.series());
            m.put("metric", a.metric());
            m.put("route", a.route());
            m.put("value", finite(a.value()));
            m.put("baseline", finite(a.baseline()));
            m.put("deviation", finite(a.deviation()));
            m.put("score", finite(a.score()));
            m.put("at", a.at().toString());
            m.put("message", a.message());
            m.put("messageSource", a.messageSource());
            recent.add(m);
        }
        out.put("alerts", recent);
        List<Map<String, Object>> series = new ArrayList<>();
        for (RouteState r : routes.values()) {
            series.add(view(r.latency.snapshot()));
            series.add(view(r.errors.snapshot()));
            series.add(view(r.throughput.snapshot()));
        }
        synchronized (this) {
            for (SeriesMonitor s : health.values()) {
                series.add(view(s.snapshot()));
            }
        }
        out.put("series", series);
        out.put("health", new LinkedHashMap<>(lastHealth));
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("routes", routes.size());
        counters.put("evictedRoutes", evictedRoutes.get());
        counters.put("distinctUris", tagger.distinctUris());
        counters.put("alertsRaised", alerts.raised());
        counters.put("alertsSuppressed", alerts.suppressed());
        counters.put("taskFailures", taskFailures.get());
        for (AlertSink sink : ((CompositeAlertSink) alerts.sink()).sinks()) {
            if (sink instanceof WebhookAlertSink w) {
                counters.put("webhookDelivered", w.delivered());
                counters.put("webhookDropped", w.dropped());
                counters.put("webhookFailed", w.failed());
            }
        }
        out.put("counters", counters);
        out.put("cost", cost.snapshot());
        return out;
    }

    private static Map<String, Object> view(SeriesMonitor.Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", s.series());
        m.put("metric", s.metric());
        m.put("route", s.route());
        m.put("baseline", finite(s.baseline()));
        m.put("lastValue", finite(s.lastValue()));
        m.put("lastScore", finite(s.lastScore()));
        m.put("lastDeviation", finite(s.lastDeviation()));
        m.put("warm", s.warm());
        m.put("inEpisode", s.inEpisode());
        m.put("observations", s.observations());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Routes currently watched. */
    public int routeCount() {
        return routes.size();
    }

    /** Stops the scheduler and the sinks. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        alerts.close();
    }

    /** One route's detectors and current interval. */
    private static final class RouteState {
        final String key;
        final AtomicReference<LatencyReservoir> window;
        final SeriesMonitor latency;
        final SeriesMonitor errors;
        final SeriesMonitor throughput;
        volatile long lastActiveTick;

        RouteState(String key, int reservoir, long tick, SeriesMonitor latency, SeriesMonitor errors,
                   SeriesMonitor throughput) {
            this.key = key;
            this.window = new AtomicReference<>(new LatencyReservoir(reservoir));
            this.lastActiveTick = tick;
            this.latency = latency;
            this.errors = errors;
            this.throughput = throughput;
        }
    }

    /**
     * The request being served on a thread, for costing LLM calls. Read lazily, at the call: the app or an inner
     * filter may set the route template and the user key after the monitoring filter has passed.
     *
     * @param endpoint the route template (or templated path) of the request
     * @param userKey the raw user key (hashed by the cost monitor), or null
     */
    public record CallScope(Supplier<String> endpoint, Supplier<String> userKey) {
    }
}
