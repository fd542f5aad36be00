package io.github.aifilters.examples.library;

import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.github.aifilters.monitoring.PrometheusScrapeServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The library app registered in code ({@code ServletContext.addFilter} / {@code addServlet}), as in README's
 * "Tomcat / any Servlet 6 container" snippet: the same app as {@code WEB-INF/web.xml}, for containers started in code
 * (the Tomcat 11 test adds it with {@code Context.addServletContainerInitializer}).
 */
public class LibraryInitializer implements ServletContainerInitializer {

    /** The bearer token of the ops endpoints (a real app reads it from its secrets). */
    private final String opsToken;

    public LibraryInitializer(String opsToken) {
        this.opsToken = opsToken;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        EnumSet<DispatcherType> requestAsync = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
        // recommended order: monitoring → error analysis → route suggestion → intent → validation
        filter(ctx, "aiMonitoring", MonitoringFilter.class, requestAsync, Map.of());
        filter(ctx, "aiErrors", ErrorAnalysisFilter.class,
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR),
                Map.of("inAppPackages", "io.github.aifilters.examples.library"));
        filter(ctx, "aiRoutes", RouteSuggestionFilter.class, requestAsync,
                Map.of("routesFile", "classpath:library/routes.txt"));
        filter(ctx, "aiIntent", IntentRecognitionFilter.class, requestAsync,
                Map.of("intentsFile", "classpath:library/intents.yaml"));
        filter(ctx, "aiValidation", SmartValidationFilter.class, requestAsync,
                Map.of("mapping", "classpath:library/validation.yaml"));

        servlet(ctx, "books", new BooksServlet(), "/books", "/books/*");
        servlet(ctx, "authors", new AuthorsServlet(), "/authors", "/authors/*");
        servlet(ctx, "loans", new LoansServlet(), "/loans", "/loans/*");
        servlet(ctx, "aiMonitoringOps", new io.github.aifilters.monitoring.MonitoringOpsServlet(opsToken),
                "/_ai/monitoring");
        servlet(ctx, "aiErrorsOps", new io.github.aifilters.errors.ErrorOpsServlet(opsToken), "/_ai/errors");
        ServletRegistration.Dynamic metrics = ctx.addServlet("aiMetrics", new PrometheusScrapeServlet(opsToken));
        metrics.setLoadOnStartup(1);
        metrics.addMapping("/_ai/metrics");
    }

    private static void filter(ServletContext ctx, String name, Class<? extends Filter> type,
                               EnumSet<DispatcherType> dispatchers, Map<String, String> initParams) {
        FilterRegistration.Dynamic reg = ctx.addFilter(name, type);
        reg.setAsyncSupported(true);
        reg.setInitParameters(initParams);
        reg.addMappingForUrlPatterns(dispatchers, true, "/*");
    }

    private static void servlet(ServletContext ctx, String name, Servlet servlet, String... patterns) {
        ServletRegistration.Dynamic reg = ctx.addServlet(name, servlet);
        reg.setAsyncSupported(true);
        reg.addMapping(patterns);
    }
}
