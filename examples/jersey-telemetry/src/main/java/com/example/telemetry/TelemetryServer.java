package com.example.telemetry;

import com.example.telemetry.api.TelemetryApplication;
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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * A device-telemetry API in Jakarta REST (Eclipse Jersey 3.1) on embedded Jetty 12 ee10, with the five AI filters
 * registered programmatically. {@code java -cp ... com.example.telemetry.TelemetryServer [port]}.
 *
 * <p>Every filter and the Jersey servlet are {@code asyncSupported}: one filter without it makes every async request
 * through it fail with {@code 500 "Async Not Supported"} ({@code @Suspended}, SSE, {@code AsyncContext}). Filters
 * that must see async work are mapped to ASYNC too; the error filter also to ERROR.
 */
public final class TelemetryServer {

    private static final EnumSet<DispatcherType> REQUEST_ASYNC = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    private static final EnumSet<DispatcherType> ALL = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
            DispatcherType.ERROR);

    private TelemetryServer() {
    }

    /**
     * Port from the first argument, else {@code PORT}, else 8080. {@code AI_FILTERS_ENABLED=false} registers the same
     * filters switched off (the common {@code enabled=false}): the baseline of {@code benchmarks/load/onoff.sh}.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8080"));
        Server server = start(port, false, !"false".equalsIgnoreCase(System.getenv("AI_FILTERS_ENABLED")));
        server.join();
    }

    /** Starts the app on {@code port} (0: any free port) of the loopback interface. */
    public static Server start(int port, boolean statusOverSendError) throws Exception {
        return start(port, statusOverSendError, true);
    }

    /** As {@link #start(int, boolean)}, with every filter switched off when {@code filtersEnabled} is false. */
    public static Server start(int port, boolean statusOverSendError, boolean filtersEnabled) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler ctx = context(statusOverSendError);
        if (!filtersEnabled) {
            // the same registrations, each switched off by the common init-param
            for (FilterHolder holder : ctx.getServletHandler().getFilters()) {
                holder.setInitParameter("enabled", "false");
            }
        }
        server.setHandler(ctx);
        server.start();
        return server;
    }

    /** The web app: filters (in the recommended order), the Jersey servlet at {@code /v1/*}, the ops endpoints. */
    public static ServletContextHandler context(boolean statusOverSendError) {
        ServletContextHandler ctx = new ServletContextHandler("/");
        filter(ctx, MonitoringFilter.class, REQUEST_ASYNC, Map.of("excludePaths", "/_ai/*"));
        filter(ctx, ErrorAnalysisFilter.class, ALL, Map.of("inAppPackages", "com.example.telemetry"));
        filter(ctx, RouteSuggestionFilter.class, REQUEST_ASYNC, Map.of("routesFile", "classpath:telemetry/routes.txt"));
        filter(ctx, IntentRecognitionFilter.class, REQUEST_ASYNC, Map.of(
                "intentsFile", "classpath:telemetry/intents.yaml",
                "includePaths", "/v1/*"));
        filter(ctx, SmartValidationFilter.class, REQUEST_ASYNC, Map.of(
                "mapping", "classpath:telemetry/validation.yaml",
                "autoCorrect", "true"));

        ServletHolder jersey = new ServletHolder("jersey", new ServletContainer(new TelemetryApplication(
                statusOverSendError)));
        jersey.setAsyncSupported(true);
        ctx.addServlet(jersey, "/v1/*");
        ctx.addServlet(new ServletHolder(new ErrorOpsServlet()), "/_ai/errors");
        ctx.addServlet(new ServletHolder(new MonitoringOpsServlet()), "/_ai/monitoring");
        return ctx;
    }

    private static void filter(ServletContextHandler ctx, Class<? extends Filter> type,
                               EnumSet<DispatcherType> dispatches, Map<String, String> initParams) {
        FilterHolder holder = new FilterHolder(type);
        holder.setAsyncSupported(true);
        holder.setInitParameters(initParams);
        ctx.addFilter(holder, "/*", dispatches);
    }
}
