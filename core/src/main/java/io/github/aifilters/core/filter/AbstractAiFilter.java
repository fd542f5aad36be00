package io.github.aifilters.core.filter;

import io.github.aifilters.core.body.BodyCaptureConfig;
import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.body.BodyRead;
import io.github.aifilters.core.body.BodyReadMetrics;
import io.github.aifilters.core.config.InitParams;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every AI filter: include/exclude matching, dispatch-type handling, fail-open logging, body capture with
 * a cap, and access to the shared context objects. Subclasses implement {@link #filter}; they must call the chain
 * exactly once, and should catch their own failures before the chain (see {@link #failOpen}) so that a filter's bug
 * never fails a request.
 *
 * <p>Safety net: should {@link #filter} still throw before it called the chain, the base logs the failure
 * ({@link #failOpen}) and runs the chain itself, as if the filter were absent (unless the filter had already
 * committed a response of its own). An exception thrown from inside the chain (the app's) is never swallowed.
 *
 * <p>Dispatch safety: state for one request lives in request attributes named per filter instance
 * ({@link #attributeName(String)}), never in ThreadLocals, since an ASYNC dispatch may run on another thread; see
 * {@link #firstVisit} for work that must happen once per request across dispatches.
 *
 * <p>Configuration: every init-param below is read in {@link #init}; a filter built programmatically may set its
 * matcher ({@link #setMatcher}) and cap ({@link #setMaxBodyBytes}) in its constructor, and init-params then override
 * only what they name.
 */
public abstract class AbstractAiFilter implements Filter {

    /** Init-param: {@code false} turns the filter into a pass-through. Default {@code true}. */
    public static final String ENABLED = "enabled";
    /** Init-param: paths to include (servlet patterns or {@code ^regex}), comma-separated. Default: all. */
    public static final String INCLUDE_PATHS = "includePaths";
    /** Init-param: paths to exclude; replaces the defaults ({@link RequestMatcher#DEFAULT_EXCLUDED_PATHS}). */
    public static final String EXCLUDE_PATHS = "excludePaths";
    /** Init-param: HTTP methods to include. Default: all. */
    public static final String INCLUDE_METHODS = "includeMethods";
    /** Init-param: HTTP methods to exclude. Default: none. */
    public static final String EXCLUDE_METHODS = "excludeMethods";
    /** Init-param: request media types to include (e.g. {@code application/json}). Default: all. */
    public static final String INCLUDE_MIME_TYPES = "includeMimeTypes";
    /** Init-param: request media types to exclude. Default: none. */
    public static final String EXCLUDE_MIME_TYPES = "excludeMimeTypes";
    /**
     * Init-param: the most body bytes this filter buffers for analysis (e.g. {@code 65536}, {@code 64KiB},
     * {@code 1MB}); a larger body is skipped, never truncated, and still reaches the app whole. Default
     * {@value BodyCaptureConfig#DEFAULT_MAX_BYTES} (64 KiB). As several filters share one capture, the first
     * filter to read decides for all of them.
     */
    public static final String MAX_BODY_BYTES = "maxBodyBytes";

    /** The init-params of the request matcher, any of which replaces a programmatic matcher. */
    private static final List<String> MATCHER_PARAMS = List.of(INCLUDE_PATHS, EXCLUDE_PATHS, INCLUDE_METHODS,
            EXCLUDE_METHODS, INCLUDE_MIME_TYPES, EXCLUDE_MIME_TYPES);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final FailOpenLog failOpenLog = new FailOpenLog(log, 60_000);
    private final String instanceKey = getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    private String filterName = getClass().getSimpleName();
    private ServletContext servletContext;
    private boolean enabled = true;
    private volatile RequestMatcher matcher = RequestMatcher.defaults();
    private boolean programmaticMatcher;
    private int maxBodyBytes = BodyCaptureConfig.DEFAULT_MAX_BYTES;

    @Override
    public final void init(FilterConfig filterConfig) throws ServletException {
        this.filterName = filterConfig.getFilterName() == null ? filterName : filterConfig.getFilterName();
        this.servletContext = filterConfig.getServletContext();
        InitParams params = InitParams.from(filterConfig);
        try {
            this.enabled = params.bool(ENABLED, enabled);
            if (!programmaticMatcher || MATCHER_PARAMS.stream().anyMatch(k -> params.string(k).isPresent())) {
                this.matcher = matcherFrom(params);
            }
            long cap = params.bytes(MAX_BODY_BYTES, maxBodyBytes);
            if (cap > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("init-param '" + MAX_BODY_BYTES + "' must be below 2 GiB");
            }
            this.maxBodyBytes = (int) cap;
            initFilter(params);
        } catch (RuntimeException e) {
            throw new ServletException("AI filter '" + filterName + "' failed to start: " + e.getMessage(), e);
        }
    }

    /** Builds the request matcher from the common init-params. */
    public static RequestMatcher matcherFrom(InitParams params) {
        return new RequestMatcher(params.list(INCLUDE_PATHS), params.list(EXCLUDE_PATHS,
                RequestMatcher.DEFAULT_EXCLUDED_PATHS), new HashSet<>(params.list(INCLUDE_METHODS)),
                new HashSet<>(params.list(EXCLUDE_METHODS)), new HashSet<>(params.list(INCLUDE_MIME_TYPES)),
                new HashSet<>(params.list(EXCLUDE_MIME_TYPES)));
    }

    /**
     * Reads this filter's own configuration. A filter built programmatically with a config object ignores
     * init-params it does not need. Throw to fail start-up with a clear message.
     */
    protected abstract void initFilter(InitParams params) throws ServletException;

    /** Replaces the matcher (builder use); init-params naming a matcher key still override it in {@link #init}. */
    protected void setMatcher(RequestMatcher matcher) {
        this.matcher = java.util.Objects.requireNonNull(matcher, "matcher");
        this.programmaticMatcher = true;
    }

    /** The matcher in use. */
    protected RequestMatcher matcher() {
        return matcher;
    }

    /** Turns the filter on or off (builder use); the {@value #ENABLED} init-param overrides it. */
    protected void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Sets the body cap (builder use); the {@value #MAX_BODY_BYTES} init-param overrides it. */
    protected void setMaxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body cap: the most bytes this filter buffers for analysis. */
    protected int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Reads the request body through the shared capture (installing it if this is the first filter to need it),
     * up to {@link #maxBodyBytes()}, and counts a skip ({@code aifilters.body.skipped}). Pass
     * {@code body.downstream(request)} down the chain. Never throws.
     *
     * <pre>{@code
     * BodyCapturingRequest body = BodyCapturingRequest.install(request);
     * BodyRead read = readBody(body);
     * read.body().ifPresent(this::analyse);
     * chain.doFilter(body.downstream(request), response);
     * }</pre>
     */
    protected BodyRead readBody(BodyCapturingRequest body) {
        BodyRead read = body.read(maxBodyBytes);
        try {
            return BodyReadMetrics.record(meterRegistry(), filterName, read);
        } catch (RuntimeException e) {
            return read;
        }
    }

    /**
     * True the first time this filter instance sees this request, false on later dispatches (ASYNC, ERROR) of the
     * same request: for work that must happen once. Kept in a request attribute, so it holds across threads.
     */
    protected boolean firstVisit(ServletRequest request) {
        String key = attributeName("visited");
        if (request.getAttribute(key) != null) {
            return false;
        }
        request.setAttribute(key, Boolean.TRUE);
        return true;
    }

    /** Dispatch types this filter acts on; others pass straight through. Default: REQUEST and ASYNC. */
    protected Set<DispatcherType> dispatchTypes() {
        return REQUEST_AND_ASYNC;
    }

    /** The default dispatch types, one immutable set rather than a new one per request. */
    private static final Set<DispatcherType> REQUEST_AND_ASYNC = Set.of(DispatcherType.REQUEST, DispatcherType.ASYNC);

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || !(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)
                || !dispatchTypes().contains(request.getDispatcherType()) || !matchesSafely(req)) {
            chain.doFilter(request, response);
            return;
        }
        TrackingChain tracking = new TrackingChain(chain);
        try {
            filter(req, res, tracking);
        } catch (IOException | ServletException | RuntimeException e) {
            if (tracking.called) {
                throw e; // from the app or a later filter: theirs to report, not ours to hide
            }
            failOpen("filter logic", e);
            if (!res.isCommitted()) {
                chain.doFilter(request, response);
            }
        }
    }

    /** Remembers whether the chain was entered, so a failure can be attributed to the filter or to the app. */
    private static final class TrackingChain implements FilterChain {
        private final FilterChain delegate;
        private boolean called;

        TrackingChain(FilterChain delegate) {
            this.delegate = delegate;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            called = true;
            delegate.doFilter(request, response);
        }
    }

    private boolean matchesSafely(HttpServletRequest req) {
        try {
            return matcher.matches(req);
        } catch (RuntimeException e) {
            failOpenLog.failed(filterName, "request matching", e);
            return false;
        }
    }

    /** The filter's work. Must call {@code chain.doFilter} exactly once unless it answers the request itself. */
    protected abstract void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /** Records a failure of the filter's own logic (rate-limited log); the caller then goes on without it. */
    protected void failOpen(String stage, Throwable t) {
        failOpenLog.failed(filterName, stage, t);
    }

    /** A request-attribute name unique to this filter instance, for per-request state across dispatches. */
    protected String attributeName(String suffix) {
        // Called several times per request with a handful of constant suffixes: the names are built once (bounded,
        // in case a subclass passes varying suffixes; past the bound they are built per call as before).
        String name = attributeNames.get(suffix);
        if (name == null) {
            name = instanceKey + "." + suffix;
            if (attributeNames.size() < MAX_ATTRIBUTE_NAMES) {
                attributeNames.putIfAbsent(suffix, name);
            }
        }
        return name;
    }

    private static final int MAX_ATTRIBUTE_NAMES = 64;
    private final java.util.concurrent.ConcurrentHashMap<String, String> attributeNames =
            new java.util.concurrent.ConcurrentHashMap<>();

    protected String filterName() {
        return filterName;
    }

    protected Logger log() {
        return log;
    }

    protected ServletContext servletContext() {
        return servletContext;
    }

    protected MeterRegistry meterRegistry() {
        return AiFilterContext.meterRegistry(servletContext);
    }

    protected static List<String> listOf(String... values) {
        return List.of(values);
    }

    @Override
    public void destroy() {
    }
}
