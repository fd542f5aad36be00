package io.github.aifilters.examples.library;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The library registered in code ({@link LibraryInitializer}: {@code ServletContext.addFilter}) in Tomcat 11. */
class TomcatAddFilterTest extends LibraryContract {

    private static Tomcat tomcat;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path baseDir = Files.createTempDirectory("library-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new LibraryInitializer(TOKEN), null);
        // A stand-alone Tomcat maps its DefaultServlet at "/" (conf/web.xml); a bare embedded context has none, and a
        // request no servlet matches then gets the container's 404 without passing through any filter.
        Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        context.addServletMappingDecoded("/", "default");
        // the test-only endpoints, next to the library's servlets
        Tomcat.addServlet(context, "stalled", new StalledServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded(StalledServlet.PATH, "stalled");
        Tomcat.addServlet(context, "slowDownload", new SlowDownloadServlet());
        context.addServletMappingDecoded(SlowDownloadServlet.PATH, "slowDownload");
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Override
    String base() {
        return base;
    }
}
