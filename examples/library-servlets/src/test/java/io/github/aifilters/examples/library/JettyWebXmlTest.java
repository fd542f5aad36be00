package io.github.aifilters.examples.library;

import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The library deployed the web.xml way: Jetty 12's {@code WebAppContext} reading {@code src/main/webapp}. */
class JettyWebXmlTest extends LibraryContract {

    private static Server server;
    private static String base;

    /** The library's web app as a war deploys it ({@code WEB-INF/web.xml}), not started. */
    static WebAppContext libraryWebApp() {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar("src/main/webapp");
        // the classes are on the test class path, as WEB-INF/classes and WEB-INF/lib would be in a war
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    /** Starts {@code webapp} on a free loopback port. */
    static Server serve(WebAppContext webapp) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(webapp);
        server.start();
        return server;
    }

    /** {@code http://127.0.0.1:port} of a server started by {@link #serve}. */
    static String baseOf(Server server) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @BeforeAll
    static void start() throws Exception {
        WebAppContext webapp = libraryWebApp();
        // the test-only endpoints, next to the servlets of web.xml
        ServletHolder stalled = new ServletHolder(new StalledServlet());
        stalled.setAsyncSupported(true);
        webapp.addServlet(stalled, StalledServlet.PATH);
        webapp.addServlet(new ServletHolder(new SlowDownloadServlet()), SlowDownloadServlet.PATH);
        server = serve(webapp);
        base = baseOf(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Override
    String base() {
        return base;
    }
}
