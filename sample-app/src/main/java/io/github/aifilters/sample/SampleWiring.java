package io.github.aifilters.sample;

import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorOpsServlet;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.github.aifilters.monitoring.MonitoringOpsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Registers the five AI filters and the two ops endpoints on the sample's context, with init-params exactly as a
 * web.xml would give them, in the recommended order: monitoring (times everything, sees the final status), error
 * analysis (catches what escapes inside), route suggestion (watches for 404/405 from inside), intent (reads the body,
 * sets the attribute), validation (checks or corrects the body, may use the intent).
 *
 * <p>Ops endpoints: {@code /_ai/errors} and {@code /_ai/monitoring}. When {@code AI_FILTERS_OPS_TOKEN} is set they
 * require {@code Authorization: Bearer <token>}; a real app would put them behind its own security.
 */
final class SampleWiring {

    private static final EnumSet<DispatcherType> REQUEST_ASYNC = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    private static final EnumSet<DispatcherType> ALL = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
            DispatcherType.ERROR);

    private SampleWiring() {
    }

    static void install(ServletContextHandler context) {
        add(context, "aiMonitoring", MonitoringFilter.class, REQUEST_ASYNC, Map.of(
                "excludePaths", "/health,/_ai/*"));
        add(context, "aiErrors", ErrorAnalysisFilter.class, ALL, Map.of(
                "inAppPackages", "io.github.aifilters.sample"));
        add(context, "aiRoutes", RouteSuggestionFilter.class, REQUEST_ASYNC, Map.of(
                "routesFile", "classpath:sample/routes.txt"));
        add(context, "aiIntent", IntentRecognitionFilter.class, REQUEST_ASYNC, Map.of(
                "intentsFile", "classpath:sample/intents.yaml",
                "includePaths", "/api/*"));
        add(context, "aiValidation", SmartValidationFilter.class, REQUEST_ASYNC, Map.of(
                "mapping", "classpath:sample/validation.yaml",
                "autoCorrect", "true"));

        String token = System.getenv("AI_FILTERS_OPS_TOKEN");
        context.addServlet(opsServlet(new ErrorOpsServlet(), token), "/_ai/errors");
        context.addServlet(opsServlet(new MonitoringOpsServlet(), token), "/_ai/monitoring");
    }

    private static void add(ServletContextHandler context, String name, Class<? extends Filter> type,
                            EnumSet<DispatcherType> dispatches, Map<String, String> initParams) {
        FilterHolder holder = new FilterHolder(type);
        holder.setName(name);
        holder.setAsyncSupported(true);
        initParams.forEach(holder::setInitParameter);
        context.addFilter(holder, "/*", dispatches);
    }

    private static ServletHolder opsServlet(jakarta.servlet.Servlet servlet, String token) {
        ServletHolder holder = new ServletHolder(servlet);
        if (token != null && !token.isBlank()) {
            holder.setInitParameter("token", token);
        }
        return holder;
    }
}
