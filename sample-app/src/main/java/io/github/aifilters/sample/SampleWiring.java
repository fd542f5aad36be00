package io.github.aifilters.sample;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.errors.ErrorOpsServlet;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.github.aifilters.monitoring.MonitoringOpsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import java.util.Map;

/**
 * The whole sample web app — the five AI filters, the two ops endpoints and the app's own servlets — described once
 * and registered through a {@link Registrar}, so that the same app runs on Jetty ({@link SampleApp}) and on any other
 * Servlet 6 container (the Tomcat test registers it with {@code ServletContext.addFilter}).
 *
 * <p>Filters use init-params exactly as a web.xml would give them, in the recommended order: monitoring (times
 * everything, sees the final status), error analysis (catches what escapes inside), route suggestion (watches for
 * 404/405 from inside), intent (reads the body, sets the attribute), validation (checks or corrects the body, may use
 * the intent).
 *
 * <p>Ops endpoints: {@code /_ai/errors} and {@code /_ai/monitoring}. When {@code AI_FILTERS_OPS_TOKEN} is set they
 * require {@code Authorization: Bearer <token>}; a real app would put them behind its own security.
 */
public final class SampleWiring {

    /** How a container registers filters and servlets. */
    public interface Registrar {
        void filter(String name, Class<? extends Filter> type, EnumSet<DispatcherType> dispatches,
                    Map<String, String> initParams);

        void servlet(String name, Servlet servlet, String pattern);
    }

    private static final EnumSet<DispatcherType> REQUEST_ASYNC = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    private static final EnumSet<DispatcherType> ALL = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
            DispatcherType.ERROR);

    private SampleWiring() {
    }

    /**
     * Registers the app, with the filters on unless the environment variable {@code AI_FILTERS_ENABLED} is
     * {@code false} (the load script's baseline: the same registrations, each with {@code enabled=false}).
     */
    public static void register(Registrar r) {
        register(r, filtersEnabled());
    }

    /** False when the environment variable {@code AI_FILTERS_ENABLED} is {@code false}. */
    public static boolean filtersEnabled() {
        return !"false".equalsIgnoreCase(System.getenv("AI_FILTERS_ENABLED"));
    }

    /** Registers the app; with {@code filtersEnabled=false} every filter gets the common {@code enabled=false}. */
    public static void register(Registrar registrar, boolean filtersEnabled) {
        Registrar r = filtersEnabled ? registrar : new Registrar() {
            @Override
            public void filter(String name, Class<? extends Filter> type, EnumSet<DispatcherType> dispatches,
                               Map<String, String> initParams) {
                Map<String, String> off = new java.util.LinkedHashMap<>(initParams);
                off.put("enabled", "false");
                registrar.filter(name, type, dispatches, off);
            }

            @Override
            public void servlet(String name, Servlet servlet, String pattern) {
                registrar.servlet(name, servlet, pattern);
            }
        };
        r.filter("aiMonitoring", MonitoringFilter.class, REQUEST_ASYNC, Map.of(
                CommonSettings.EXCLUDE_PATHS, "/health,/_ai/*"));
        r.filter("aiErrors", ErrorAnalysisFilter.class, ALL, Map.of(
                ErrorFilterConfig.IN_APP_PACKAGES, "io.github.aifilters.sample"));
        r.filter("aiRoutes", RouteSuggestionFilter.class, REQUEST_ASYNC, Map.of(
                RouteSuggestionConfig.ROUTES_FILE, "classpath:sample/routes.txt"));
        r.filter("aiIntent", IntentRecognitionFilter.class, REQUEST_ASYNC, Map.of(
                IntentFilterConfig.INTENTS_FILE, "classpath:sample/intents.yaml",
                CommonSettings.INCLUDE_PATHS, "/api/*"));
        r.filter("aiValidation", SmartValidationFilter.class, REQUEST_ASYNC, Map.of(
                ValidationFilterConfig.MAPPING, "classpath:sample/validation.yaml",
                ValidationFilterConfig.AUTO_CORRECT, "true"));

        String token = System.getenv("AI_FILTERS_OPS_TOKEN");
        // With a token: bearer required. Without: loopback clients only (the sample binds 127.0.0.1 by default);
        // a real app configures a token or keeps the endpoints closed (their default).
        r.servlet("aiErrorsOps", new ErrorOpsServlet(token, true), "/_ai/errors");
        r.servlet("aiMonitoringOps", new MonitoringOpsServlet(token, true), "/_ai/monitoring");

        r.servlet("api", new DemoApiServlet(), "/api/*");
        r.servlet("fail", new FailingServlet(), "/api/fail/*");
        r.servlet("health", new HealthServlet(), "/health");
    }
}
