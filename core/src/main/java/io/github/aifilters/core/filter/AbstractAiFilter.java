package io.github.aifilters.core.filter;

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
 * Base of every AI filter: include/exclude matching, dispatch-type handling, fail-open logging, and access to the
 * shared context objects. Subclasses implement {@link #filter}; they must call the chain exactly once, and must catch
 * their own failures before the chain (see {@link #failOpen}) so that a filter's bug never fails a request.
 *
 * <p>Dispatch safety: state for one request lives in request attributes named per filter instance
 * ({@link #attributeName(String)}), never in ThreadLocals, since an ASYNC dispatch may run on another thread.
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

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final FailOpenLog failOpenLog = new FailOpenLog(log, 60_000);
    private final String instanceKey = getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    private String filterName = getClass().getSimpleName();
    private ServletContext servletContext;
    private boolean enabled = true;
    private RequestMatcher matcher = RequestMatcher.defaults();

    @Override
    public final void init(FilterConfig filterConfig) throws ServletException {
        this.filterName = filterConfig.getFilterName() == null ? filterName : filterConfig.getFilterName();
        this.servletContext = filterConfig.getServletContext();
        InitParams params = InitParams.from(filterConfig);
        try {
            this.enabled = params.bool(ENABLED, true);
            this.matcher = matcherFrom(params);
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

    /** Replaces the matcher (builder use). */
    protected void setMatcher(RequestMatcher matcher) {
        this.matcher = matcher;
    }

    /** Dispatch types this filter acts on; others pass straight through. Default: REQUEST and ASYNC. */
    protected Set<DispatcherType> dispatchTypes() {
        return Set.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    }

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || !(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)
                || !dispatchTypes().contains(request.getDispatcherType()) || !matchesSafely(req)) {
            chain.doFilter(request, response);
            return;
        }
        filter(req, res, chain);
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
        return instanceKey + "." + suffix;
    }

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
