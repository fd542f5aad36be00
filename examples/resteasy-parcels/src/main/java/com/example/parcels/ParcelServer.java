package com.example.parcels;

import com.example.parcels.api.ParcelApplication;
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
import org.jboss.resteasy.plugins.providers.jackson.JsonProcessingExceptionMapper;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/**
 * A parcel-tracking API in Jakarta REST (RESTEasy 7) on embedded Jetty 12 ee10, with the five AI filters registered
 * programmatically. {@code java -cp ... com.example.parcels.ParcelServer [port]}.
 *
 * <p>Every filter and the RESTEasy servlet are {@code asyncSupported}: one filter without it makes every async
 * request through it fail with {@code 500 "Async Not Supported"}. Filters that must see async work are mapped to
 * ASYNC too; the error filter also to ERROR.
 *
 * <p>RESTEasy's settings, each needed for what docs/jakarta-rest.md says (the tests fail without it):
 * <ul>
 *   <li>{@link HttpServlet30Dispatcher}: {@code @Suspended} on the servlet container's async support; the plain
 *       {@code HttpServletDispatcher} holds the request thread until the resource resumes.</li>
 *   <li>{@code resteasy.servlet.mapping.prefix}: RESTEasy matches paths below it; without it every path under
 *       {@code /api/*} is a 404.</li>
 *   <li>{@code dev.resteasy.exception.mapper=false}: RESTEasy's default mapper answers any unmapped exception, on the
 *       request thread or resumed on a worker, with a 500 whose body is the exception's message; the filters keep a
 *       body they cannot tell from the app's, so the message would reach clients, with no problem and no log line.
 *       Off, the exception reaches the error filter.</li>
 *   <li>{@code resteasy.disable.providers} with RESTEasy-Jackson's {@link JsonProcessingExceptionMapper}: it answers
 *       every Jackson exception with {@code 400 "Not able to deserialize data provided."}, also a response Jackson
 *       cannot write (a server error). The app maps unreadable request bodies itself
 *       ({@link com.example.parcels.api.UnreadableBodyMapper}).</li>
 * </ul>
 */
public final class ParcelServer {

    private static final EnumSet<DispatcherType> REQUEST_ASYNC = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
    private static final EnumSet<DispatcherType> ALL = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
            DispatcherType.ERROR);

    private ParcelServer() {
    }

    /** Port from the first argument, else {@code PORT}, else 8080. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8080"));
        start(port).join();
    }

    /** Starts the app on {@code port} (0: any free port) of the loopback interface. */
    public static Server start(int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context());
        server.start();
        return server;
    }

    /** The web app: filters (in the recommended order), RESTEasy at {@code /api/*}, the ops endpoints. */
    public static ServletContextHandler context() {
        ServletContextHandler ctx = new ServletContextHandler("/");
        filter(ctx, MonitoringFilter.class, REQUEST_ASYNC, Map.of("excludePaths", "/_ai/*"));
        filter(ctx, ErrorAnalysisFilter.class, ALL, Map.of("inAppPackages", "com.example.parcels"));
        filter(ctx, RouteSuggestionFilter.class, REQUEST_ASYNC, Map.of("routesFile", "classpath:parcels/routes.txt"));
        filter(ctx, IntentRecognitionFilter.class, REQUEST_ASYNC, Map.of(
                "intentsFile", "classpath:parcels/intents.yaml",
                "includePaths", "/api/*"));
        filter(ctx, SmartValidationFilter.class, REQUEST_ASYNC, Map.of(
                "mapping", "classpath:parcels/validation.yaml",
                "autoCorrect", "true"));

        ServletHolder resteasy = new ServletHolder("resteasy", HttpServlet30Dispatcher.class);
        resteasy.setAsyncSupported(true);
        resteasy.setInitParameter("jakarta.ws.rs.Application", ParcelApplication.class.getName());
        resteasy.setInitParameter("resteasy.servlet.mapping.prefix", "/api");
        resteasy.setInitParameter("dev.resteasy.exception.mapper", "false");
        resteasy.setInitParameter("resteasy.disable.providers", JsonProcessingExceptionMapper.class.getName());
        ctx.addServlet(resteasy, "/api/*");
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
