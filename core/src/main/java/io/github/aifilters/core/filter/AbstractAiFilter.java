package io.github.aifilters.core.filter;

import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.body.BodyRead;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.internal.BodyReadMetrics;
import io.github.aifilters.core.internal.FailOpenLog;
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
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every AI filter: include/exclude matching, dispatch-type handling, fail-open logging, body capture with
 * a cap, start-up checks of the init-params, and access to the shared context objects. Subclasses implement
 * {@link #filter}; they must call the chain exactly once, and should catch their own failures before the chain (see
 * {@link #failOpen}) so that a filter's bug never fails a request.
 *
 * <p>Safety net: should {@link #filter} still throw before it called the chain, the base logs the failure
 * ({@link #failOpen}) and runs the chain itself, as if the filter were absent (unless the filter had already
 * committed a response of its own). An exception thrown from inside the chain (the app's) is never swallowed.
 *
 * <p>Dispatch safety: state for one request lives in request attributes named per filter instance
 * ({@link #attributeName(String)}) or in the request's {@link io.github.aifilters.core.exchange.AiExchange}, never in
 * ThreadLocals, since an ASYNC dispatch may run on another thread; see {@link #firstVisit} for work that must happen
 * once per request across dispatches.
 *
 * <p>Configuration: {@link #init} checks the init-params against {@link #configKeys()} (an unknown key is logged with
 * the nearest valid one, or fails start-up under {@link CommonSettings#STRICT_CONFIG}), then calls
 * {@link #initFilter}, which builds the filter's config — init-params over the values set in code, key by key
 * ({@link CommonSettings}) — and hands its common part to {@link #useCommon}.
 */
public abstract class AbstractAiFilter implements Filter {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final FailOpenLog failOpenLog = new FailOpenLog(log, 60_000);
    private final String instanceKey = getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    private String filterName = getClass().getSimpleName();
    private ServletContext servletContext;
    private volatile CommonSettings common = CommonSettings.defaults();

    @Override
    public final void init(FilterConfig filterConfig) throws ServletException {
        this.filterName = filterConfig.getFilterName() == null ? filterName : filterConfig.getFilterName();
        this.servletContext = filterConfig.getServletContext();
        InitParams params = InitParams.from(filterConfig);
        try {
            checkKeys(params);
            this.common = CommonSettings.from(params);
            initFilter(params);
            if (servletContext != null) {
                AiFilterContext.registerBodyCap(servletContext, common.maxBodyBytes());
            }
        } catch (RuntimeException e) {
            throw new ServletException("AI filter '" + filterName + "' failed to start: " + e.getMessage(), e);
        }
    }

    private void checkKeys(InitParams params) {
        List<String> problems = ConfigKeys.problems(params, configKeys());
        if (problems.isEmpty()) {
            return;
        }
        boolean strict = params.bool(CommonSettings.STRICT_CONFIG, false) || servletContext != null
                && Boolean.parseBoolean(servletContext.getInitParameter(ConfigKeys.STRICT_CONTEXT_PARAM));
        if (strict) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        for (String problem : problems) {
            log.warn("AI filter '{}': {}; it is ignored", filterName, problem);
        }
    }

    /** Every init-param this filter knows: its config's {@code KEYS}, the common ones included. */
    protected abstract Set<String> configKeys();

    /**
     * Builds this filter's configuration (init-params over the values set in code) and calls {@link #useCommon}
     * with its common part. Throw to fail start-up with a clear message.
     */
    protected abstract void initFilter(InitParams params) throws ServletException;

    /** The common settings this filter runs with (called from {@link #initFilter}). */
    protected final void useCommon(CommonSettings settings) {
        this.common = java.util.Objects.requireNonNull(settings, "settings");
    }

    /** The common settings in use. */
    protected CommonSettings common() {
        return common;
    }

    /** The matcher in use. */
    protected RequestMatcher matcher() {
        return common.matcher();
    }

    /** The body cap: the most bytes this filter buffers for analysis. */
    protected int maxBodyBytes() {
        return common.maxBodyBytes();
    }

    /**
     * Reads the request body through the shared capture (installing it if this is the first filter to need it) and
     * judges it against this filter's own cap: the capture reads once, up to the largest cap of the app's filters,
     * so whichever filter reads first, each filter sees a body within its own cap and skips a larger one. A skip is
     * counted ({@code aifilters.body.skipped{filter,reason}}). Pass {@code body.downstream(request)} down the chain.
     * Never throws.
     *
     * <pre>{@code
     * BodyCapturingRequest body = BodyCapturingRequest.install(request);
     * BodyRead read = readBody(body);
     * read.body().ifPresent(this::analyse);
     * chain.doFilter(body.downstream(request), response);
     * }</pre>
     */
    protected BodyRead readBody(BodyCapturingRequest body) {
        if (readsOnlyServedRoutes() && body.lastRead().isEmpty() && unserved(body)) {
            // The app will answer 404/405 without the body: reading it first would only let a slow upload hold a
            // thread (and the analysis would be of a request nobody serves). The body stays unread for the app.
            BodyRead skipped = BodyRead.of(BodyRead.Outcome.UNROUTED);
            try {
                return BodyReadMetrics.record(meterRegistry(), filterName, skipped);
            } catch (RuntimeException e) {
                return skipped;
            }
        }
        int own = common.maxBodyBytes();
        int shared = servletContext == null ? own : Math.max(own, AiFilterContext.bodyCap(servletContext));
        BodyRead read = body.read(shared, common.bodyReadTimeout());
        if (read.outcome() == BodyRead.Outcome.CAPTURED && read.body().isPresent()
                && read.body().get().bytes().length > own) {
            read = BodyRead.of(BodyRead.Outcome.OVER_CAP);
        }
        try {
            return BodyReadMetrics.record(meterRegistry(), filterName, read);
        } catch (RuntimeException e) {
            return read;
        }
    }

    /**
     * Whether this filter skips reading the body of a request the app will not serve (its declared routes, when
     * known, match none; see {@link io.github.aifilters.core.route.RouteResolvers#knownUnserved}). True by default;
     * a filter whose job is to guard routes whatever the catalog says (validation) answers false.
     */
    protected boolean readsOnlyServedRoutes() {
        return true;
    }

    private boolean unserved(HttpServletRequest request) {
        if (servletContext == null) {
            return false;
        }
        try {
            return AiFilterContext.routes(servletContext).knownUnserved(request.getMethod(),
                    RequestMatcher.pathOf(request));
        } catch (RuntimeException e) {
            return false;
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
        if (common.enabled() && request.getDispatcherType() == DispatcherType.REQUEST
                && request instanceof HttpServletRequest traced && response instanceof HttpServletResponse answer
                && refuseTrace(traced, answer)) {
            return; // whatever the include/exclude paths: an echo of the request is never wanted
        }
        if (!common.enabled() || !(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)
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

    /**
     * Answers {@code TRACE} with a 405 problem. The container's TRACE (and {@code HttpServlet.doTrace}) echoes the
     * request, {@code Authorization} and {@code Cookie} included, to whatever script can make the browser send it;
     * no AI filter's app needs it. Any enabled AI filter refuses it, the first one the request meets.
     */
    private boolean refuseTrace(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"TRACE".equalsIgnoreCase(req.getMethod()) || res.isCommitted()) {
            return false;
        }
        res.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        AiFilterContext.problemWriter(servletContext).write(res, io.github.aifilters.core.problem.Problem.builder(
                io.github.aifilters.core.problem.ProblemTypes.METHOD_NOT_ALLOWED, "Method Not Allowed", 405)
                .detail("TRACE is not allowed.").build());
        return true;
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
            return common.matcher().matches(req);
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
        // in case a subclass passes varying suffixes; past the bound they are built per call).
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

    @Override
    public void destroy() {
    }
}
