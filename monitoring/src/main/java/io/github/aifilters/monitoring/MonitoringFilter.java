package io.github.aifilters.monitoring;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.AlertPublisher;
import io.github.aifilters.core.filter.ClientAborts;
import io.github.aifilters.monitoring.cost.LlmCost;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import io.github.aifilters.monitoring.internal.UriTagger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures every request with a Micrometer timer {@code aifilters.http.requests} ({@link MonitoringConfig#METRIC_NAME};
 * tags {@code method}, {@code uri},
 * {@code status}, {@code outcome}, {@code exception}, as in Micrometer's HTTP server conventions, with a hard cap
 * on distinct {@code uri} values), watches each route's p95 latency, error ratio and throughput per interval and
 * the process health with online anomaly detectors, raises alerts to sinks, and costs LLM calls.
 *
 * <p>Register it first (outermost) so it times everything and sees the final status. It acts on REQUEST and ASYNC
 * dispatches; an async request is timed until {@link AsyncListener#onComplete}. The request thread only records the
 * timer and adds to a bounded per-route accumulator; scoring, alert messages and sinks run on one daemon scheduler
 * thread. State is shared with {@link MonitoringOpsServlet} through the context attribute
 * {@code io.github.aifilters.monitoring.runtime}.
 *
 * <p>Programmatic use: {@code new MonitoringFilter(MonitoringConfig.builder()...build())}; web.xml: the init-params
 * of {@link MonitoringConfig} (see docs/configuration.md for defaults).
 */
public class MonitoringFilter extends AbstractAiFilter {

    /** The default timer name ({@link MonitoringConfig#METRIC_NAME} changes it). */
    public static final String METRIC = MonitoringConfig.DEFAULT_METRIC_NAME;

    /** The timer's tag keys: a meter of the same name with other keys belongs to someone else. */
    static final java.util.Set<String> TAG_KEYS = java.util.Set.of("method", "uri", "status", "outcome", "exception");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitoringFilter.class);

    private MonitoringConfig config;
    private MonitoringRuntime runtime;
    private MeterRegistry registry;
    private String metricName = METRIC;
    private AutoCloseable llmListener;
    private AlertPublisher alertPublisher;

    /** For web.xml: configured from init-params. */
    public MonitoringFilter() {
    }

    /** Programmatic: init-params present at start-up win over this config's values, key by key. */
    public MonitoringFilter(MonitoringConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    protected java.util.Set<String> configKeys() {
        return MonitoringConfig.KEYS;
    }

    @Override
    protected void initFilter(InitParams params) {
        config = config == null ? MonitoringConfig.from(params) : config.toBuilder().apply(params).build();
        useCommon(config.common());
        registry = meterRegistry();
        timers.clear();
        // No MeterFilter is configured on the registry: it may be the app's and already hold meters (Micrometer warns
        // and the filter would not apply to them); the tagger's cap bounds the uri values on its own.
        metricName = metricName(config.metricName(), registry);
        runtime = new MonitoringRuntime(config, registry, () -> AiFilterContext.llm(servletContext()),
                AiFilterContext.redactor(servletContext()), true);
        servletContext().setAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE, runtime);
        if (servletContext().getAttribute(AiFilterContext.ALERT_PUBLISHER) == null) {
            // other filters (e.g. error analysis's early warning) alert through our sinks; an app's own publisher wins
            alertPublisher = runtime.alertPublisher();
            servletContext().setAttribute(AiFilterContext.ALERT_PUBLISHER, alertPublisher);
        }
        try {
            // AI cost: the shared LLM client tells us every call (a no-op when no LLM is configured)
            llmListener = AiFilterContext.llm(servletContext()).addListener(runtime.llmCallListener());
        } catch (RuntimeException e) {
            failOpen("LLM cost listener", e);
        }
    }

    /**
     * The configured timer name, unless the registry already holds a meter of that name with other tag keys (Spring
     * Boot's {@code http.server.requests}, say): Prometheus would reject one of the two, so the default name is kept.
     */
    static String metricName(String configured, MeterRegistry registry) {
        if (configured.equals(METRIC)) {
            return configured;
        }
        for (io.micrometer.core.instrument.Meter m : registry.find(configured).meters()) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            m.getId().getTags().forEach(t -> keys.add(t.getKey()));
            if (!keys.equals(TAG_KEYS)) {
                LOG.warn("the registry already has a meter '{}' with tags {} (another instrumentation); requests are "
                        + "timed as '{}' instead", configured, keys, METRIC);
                return METRIC;
            }
        }
        return configured;
    }

    /** The name the requests are timed under. */
    public String metricName() {
        return metricName;
    }

    /** The runtime: the state the ops servlet shows (package tests tick it and read its alerts). */
    MonitoringRuntime runtime() {
        return runtime;
    }

    /**
     * The AI cost kept by this filter (tokens and estimated dollars per model, endpoint and user key; budget and spike
     * alerts). Available once the filter is initialised.
     */
    public LlmCost cost() {
        return initialised().costMonitor();
    }

    /**
     * Records one LLM call the shared client did not see (an LLM the app calls itself), costed to the request being
     * served on this thread (its route template and user key), if any, else to {@link LlmCost#UNKNOWN}.
     *
     * @return the estimated cost in US dollars
     */
    public double recordLlmUsage(String model, long inputTokens, long outputTokens) {
        return initialised().recordLlmUsage(model, inputTokens, outputTokens);
    }

    private MonitoringRuntime initialised() {
        if (runtime == null) {
            throw new IllegalStateException("the monitoring filter is not initialised");
        }
        return runtime;
    }

    @Override
    protected void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String timingKey = attributeName("timing");
        Object existing = request.getAttribute(timingKey);
        if (request.getDispatcherType() == DispatcherType.ASYNC && existing instanceof Timing timing) {
            // the timing started in the REQUEST dispatch and ends at AsyncListener.onComplete
            passThrough(request, response, chain, timing);
            return;
        }
        Timing timing;
        try {
            timing = new Timing(System.nanoTime(), request, response);
            request.setAttribute(timingKey, timing);
        } catch (RuntimeException e) {
            failOpen("timing", e);
            chain.doFilter(request, response);
            return;
        }
        try {
            passThrough(request, response, chain, timing);
        } finally {
            try {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(timing);
                } else {
                    timing.finish();
                }
            } catch (RuntimeException e) {
                failOpen("metrics", e);
            }
        }
    }

    private void passThrough(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                             Timing timing) throws IOException, ServletException {
        MonitoringRuntime.CallScope previous = null;
        boolean entered = false;
        try {
            previous = runtime.enter(new MonitoringRuntime.CallScope(() -> endpointOf(request), () -> userKeyOf(request)));
            entered = true;
        } catch (RuntimeException e) {
            failOpen("cost scope", e);
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            timing.error = e;
            throw e;
        } finally {
            if (entered) {
                runtime.exit(previous);
            }
        }
    }

    private String endpointOf(HttpServletRequest request) {
        AiExchange exchange = AiExchange.of(request);
        return runtime.tagger().uri(exchange.routeTemplate(), exchange.routeDeclared(), 200, exchange.path());
    }

    private String userKeyOf(HttpServletRequest request) {
        Object v = config.userKeyAttribute() == null ? null : request.getAttribute(config.userKeyAttribute());
        if (v != null) {
            return v.toString();
        }
        return config.userKeyHeader() == null ? null : request.getHeader(config.userKeyHeader());
    }

    private void record(HttpServletRequest request, HttpServletResponse response, Timing timing) {
        long nanos = System.nanoTime() - timing.start;
        int status = response.getStatus();
        // A client that hung up is not a failure of the app: its request keeps the status the app set, the outcome
        // says the answer never arrived, and it does not count towards the route's error ratio.
        boolean aborted = timing.error != null && ClientAborts.isClientAbort(timing.error);
        if (timing.error != null && status < 400 && !aborted) {
            status = 500; // the container answers an escaped exception with 500
        }
        String method = UriTagger.method(request.getMethod());
        AiExchange exchange = AiExchange.of(request);
        String uri = runtime.tagger().uri(exchange.routeTemplate(), exchange.routeDeclared(), status,
                exchange.path());
        RouteMeters meters = meters(method, uri, status, UriTagger.exception(failure(request, exchange, timing)),
                aborted);
        meters.timer().record(nanos, TimeUnit.NANOSECONDS);
        runtime.recordRequest(meters.routeKey(), nanos, status >= 500 && !aborted);
    }

    /**
     * The exception behind the response: one that escaped the chain, else the one an inner filter (error analysis)
     * caught and answered with a problem document (it never reaches us, so the filter records it on the exchange),
     * else the one the container's error dispatch carried.
     */
    private static Throwable failure(HttpServletRequest request, AiExchange exchange, Timing timing) {
        if (timing.error != null) {
            return timing.error;
        }
        java.util.Optional<Throwable> caught = exchange.failure();
        if (caught.isPresent()) {
            return caught.get();
        }
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
    }

    /**
     * The timer for one tag set, looked up once and then taken from a bounded cache: building the id and asking the
     * registry on every request (sorting tags, hashing, filter checks) cost more than the recording itself. The tag
     * values are already bounded (uri by the tagger's cap, method by the standard set); past {@link #MAX_CACHED_TIMERS}
     * the registry is asked as before, so the cap bounds memory, never correctness.
     */
    private RouteMeters meters(String method, String uri, int status, String exception, boolean aborted) {
        TimerKey key = new TimerKey(method, uri, status, exception, aborted);
        RouteMeters meters = timers.get(key);
        if (meters != null) {
            return meters;
        }
        Timer timer = Timer.builder(metricName)
                .description("HTTP server requests (AI Filters monitoring)")
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", Integer.toString(status))
                .tag("outcome", aborted ? UriTagger.UNKNOWN : UriTagger.outcome(status))
                .tag("exception", exception)
                .register(registry);
        meters = new RouteMeters(timer, MonitoringRuntime.routeKey(method, uri));
        if (timers.size() < MAX_CACHED_TIMERS) {
            timers.putIfAbsent(key, meters);
        }
        return meters;
    }

    /** A tag set's timer and its route's key in the runtime: both found with one lookup per request. */
    private record RouteMeters(Timer timer, String routeKey) {
    }

    /**
     * The tags that vary per request (outcome follows from status and whether the client aborted). A plain class: it
     * is hashed and compared on every request, and record's generated methods cost more there until the JIT has
     * inlined them.
     */
    private static final class TimerKey {
        private final String method;
        private final String uri;
        private final int status;
        private final String exception;
        private final boolean aborted;
        private final int hash;

        TimerKey(String method, String uri, int status, String exception, boolean aborted) {
            this.method = method;
            this.uri = uri;
            this.status = status;
            this.exception = exception;
            this.aborted = aborted;
            this.hash = (((method.hashCode() * 31 + uri.hashCode()) * 31 + status) * 31 + exception.hashCode()) * 2
                    + (aborted ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimerKey k && k.hash == hash && k.status == status && k.aborted == aborted
                    && k.method.equals(method) && k.uri.equals(uri) && k.exception.equals(exception);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Bound of the timer cache (tag sets beyond it are looked up in the registry per request). */
    static final int MAX_CACHED_TIMERS = 4096;

    private final java.util.concurrent.ConcurrentHashMap<TimerKey, RouteMeters> timers =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void destroy() {
        if (llmListener != null) {
            try {
                llmListener.close();
            } catch (Exception e) {
                failOpen("LLM cost listener", e);
            }
            llmListener = null;
        }
        if (alertPublisher != null && servletContext() != null
                && servletContext().getAttribute(AiFilterContext.ALERT_PUBLISHER) == alertPublisher) {
            servletContext().removeAttribute(AiFilterContext.ALERT_PUBLISHER);
        }
        if (runtime != null) {
            runtime.close();
            if (servletContext() != null
                    && servletContext().getAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE) == runtime) {
                servletContext().removeAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE);
            }
        }
    }

    /** One request's timing; it is its own async listener so the timer stops when an async request completes. */
    private final class Timing implements AsyncListener {
        final long start;
        final HttpServletRequest request;
        final HttpServletResponse response;
        final AtomicBoolean done = new AtomicBoolean();
        volatile Throwable error;

        Timing(long start, HttpServletRequest request, HttpServletResponse response) {
            this.start = start;
            this.request = request;
            this.response = response;
        }

        void finish() {
            if (done.compareAndSet(false, true)) {
                record(request, response, this);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            try {
                finish();
            } catch (RuntimeException e) {
                failOpen("async metrics", e);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            if (event.getThrowable() != null && error == null) {
                error = event.getThrowable();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new async cycle drops the listeners: register again
            event.getAsyncContext().addListener(this);
        }
    }
}
