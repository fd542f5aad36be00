package io.github.aifilters.core.filter;

import io.github.aifilters.core.config.InitParams;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in registration of AI filters without web.xml or code: a {@link ServletContainerInitializer} found through
 * {@code META-INF/services}. It does nothing unless the context-param {@value #AUTO_REGISTER} is {@code true}; then
 * it registers the filters named in {@value #FILTERS}, in the order given, on {@code /*} for the REQUEST and ASYNC
 * dispatches, async-supported, after any filter declared in web.xml.
 *
 * <pre>{@code
 * <context-param><param-name>aifilters.autoRegister</param-name><param-value>true</param-value></context-param>
 * <context-param>
 *   <param-name>aifilters.filters</param-name>
 *   <param-value>io.github.aifilters.monitoring.MonitoringFilter, io.github.aifilters.filters.IntentFilter</param-value>
 * </context-param>
 * }</pre>
 *
 * <p>Classes are loaded by name through the web app's class loader, so core depends on no feature module. A name
 * that is not a {@link Filter} on the class path fails start-up with a message naming it: the deployer asked for it
 * explicitly, and silently running without it would hide the mistake. A filter already registered under the same
 * name (e.g. in web.xml) is left as it is. Each filter is registered under its class name and reads its init-params
 * from context-params {@code <class name>.<param>}, e.g. {@code io.github.aifilters.filters.IntentFilter.enabled}.
 *
 * <p>Containers that skip initializer discovery (Spring Boot's embedded containers, a bare Jetty
 * {@code ServletContextHandler}) need it added explicitly, e.g. {@code context.addServletContainerInitializer(new
 * AiFiltersInitializer())}.
 */
public final class AiFiltersInitializer implements ServletContainerInitializer {

    /** Context-param: {@code true} turns auto-registration on. Default {@code false} (nothing registered). */
    public static final String AUTO_REGISTER = "aifilters.autoRegister";
    /** Context-param: fully-qualified filter class names, comma-separated, in chain order. Default: none. */
    public static final String FILTERS = "aifilters.filters";

    private static final Logger LOG = LoggerFactory.getLogger(AiFiltersInitializer.class);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        InitParams params = InitParams.of("servlet context", AiFilterContext.contextParams(context));
        boolean on;
        try {
            on = params.bool(AUTO_REGISTER, false);
        } catch (IllegalArgumentException e) {
            throw new ServletException(e.getMessage(), e);
        }
        if (!on) {
            return;
        }
        List<String> names = params.list(FILTERS);
        if (names.isEmpty()) {
            LOG.warn("{} is true but {} names no filter; nothing registered", AUTO_REGISTER, FILTERS);
            return;
        }
        ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        for (String name : names) {
            Class<? extends Filter> type = load(name, loader);
            FilterRegistration.Dynamic registration = context.addFilter(name, type);
            if (registration == null) {
                LOG.info("AI filter {} is already registered; left as declared", name);
                continue;
            }
            registration.setAsyncSupported(true);
            String prefix = name + ".";
            params.asMap().forEach((key, value) -> {
                if (key.startsWith(prefix) && value != null) {
                    registration.setInitParameter(key.substring(prefix.length()), value);
                }
            });
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true,
                    "/*");
            LOG.info("AI filter {} registered on /*", name);
        }
    }

    private static Class<? extends Filter> load(String name, ClassLoader loader) throws ServletException {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ServletException("context-param " + FILTERS + " names '" + name
                    + "', which is not on the class path (is its module's jar deployed?)", e);
        }
        if (!Filter.class.isAssignableFrom(type)) {
            throw new ServletException("context-param " + FILTERS + " names '" + name
                    + "', which is not a jakarta.servlet.Filter");
        }
        return type.asSubclass(Filter.class);
    }
}
