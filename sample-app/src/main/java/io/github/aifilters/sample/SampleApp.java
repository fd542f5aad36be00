package io.github.aifilters.sample;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty 12 ee10 app with all five AI filters in the recommended order (monitoring, error handling, route
 * suggestion, intent, validation) in front of an app that knows nothing about them.
 *
 * <p>Port from {@code PORT} (default 8080), address from {@code HOST} (default {@code 127.0.0.1}: the ops endpoints
 * and the demo should not face a network unless asked to). The embedded engine is used unless
 * {@code AI_FILTERS_LLM_BASE_URL} and {@code AI_FILTERS_LLM_API_KEY} are set. {@code AI_FILTERS_ENABLED=false}
 * registers the same filters switched off (the load script's baseline).
 */
public final class SampleApp {

    private static final Logger LOG = LoggerFactory.getLogger(SampleApp.class);

    private SampleApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Server server = create(System.getenv().getOrDefault("HOST", "127.0.0.1"), port);
        server.start();
        int actual = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        LOG.info("AI Filters sample app on http://localhost:{}/ — try: curl 'http://localhost:{}/api/search?q=find+red+shoes'",
                actual, actual);
        server.join();
    }

    /** Builds the server (not started). Port 0 picks a free port. */
    public static Server create(String host, int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = context(SampleWiring.filtersEnabled());
        server.setHandler(context);
        return server;
    }

    /**
     * The web app on Jetty: {@link SampleWiring}'s filters and servlets, every one async-supported; with
     * {@code filtersEnabled=false} the same filters switched off. Benchmarks put it behind their own connector.
     */
    public static ServletContextHandler context(boolean filtersEnabled) {
        ServletContextHandler context = new ServletContextHandler("/");
        SampleWiring.register(new SampleWiring.Registrar() {
            @Override
            public void filter(String name, Class<? extends Filter> type, EnumSet<DispatcherType> dispatches,
                               Map<String, String> initParams) {
                FilterHolder holder = new FilterHolder(type);
                holder.setName(name);
                holder.setAsyncSupported(true);
                initParams.forEach(holder::setInitParameter);
                context.addFilter(holder, "/*", dispatches);
            }

            @Override
            public void servlet(String name, Servlet servlet, String pattern) {
                ServletHolder holder = new ServletHolder(name, servlet);
                holder.setAsyncSupported(true);
                context.addServlet(holder, pattern);
            }
        }, filtersEnabled);
        return context;
    }
}
