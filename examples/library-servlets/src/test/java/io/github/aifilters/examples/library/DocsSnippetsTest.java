package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.github.aifilters.examples.library.DocSnippets.Snippet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The snippets of README.md and docs/*.md, run as a user would paste them, with an async servlet behind them.
 *
 * <ul>
 *   <li>The files the snippets name on the classpath ({@code intents.yaml}, {@code validation/mapping.yaml}) are this
 *   module's test resources; {@code /WEB-INF/openapi.yaml} is {@code docs-snippets/openapi.yaml}.</li>
 *   <li>Every {@code xml} block that declares a filter, a servlet or a context-param is a web.xml fragment: it is put
 *   in a web.xml with {@link AsyncHelloServlet} mapped at {@code /} and deployed in Jetty 12's {@code WebAppContext};
 *   the app's own servlets it names (not on this class path) are replaced by that servlet; requests under the
 *   snippet's mappings must be answered 200 (not 500 "Async Not Supported"), and every filter must
 *   be async-supported and mapped for ASYNC (the error filter also for ERROR).</li>
 *   <li>Java blocks preceded by {@code <!-- snippet: jetty -->} are compiled as the body of a method that returns
 *   their {@code context} (a Jetty {@code ServletContextHandler}), started with the async servlet and called;
 *   {@code <!-- snippet: servlet-context -->} blocks as the body of a {@code ServletContainerInitializer} run by
 *   Tomcat 11. ({@code spring} blocks are compiled by the Spring Boot example's test.)</li>
 *   <li>The {@code <!-- snippet: pom -->} block imports the BOM at the project's version.</li>
 * </ul>
 */
class DocsSnippetsTest {

    static final Path ROOT = DocSnippets.ROOT;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    static List<Snippet> snippets() throws IOException {
        return DocSnippets.snippets();
    }

    static Object compile(String className, String source) throws Exception {
        return DocSnippets.compile(className, source);
    }

    static boolean isWebXml(Snippet s) {
        return DocSnippets.isWebXml(s);
    }

    @Test
    void theDocsHaveSnippetsOfEveryKind() throws IOException {
        List<Snippet> all = snippets();
        assertThat(all.stream().filter(DocSnippets::isWebXml).count()).isGreaterThanOrEqualTo(8);
        assertThat(all).extracting(Snippet::marker).contains("jetty", "servlet-context", "spring", "pom");
    }

    @TestFactory
    Stream<DynamicTest> webXmlSnippetsRunWithAnAsyncServlet() throws IOException {
        return snippets().stream().filter(DocSnippets::isWebXml)
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> runWebXml(s)));
    }

    /** Filter names and classes, mappings with their patterns and dispatchers, read from a fragment. */
    static void assertAsyncReady(Snippet s) {
        Matcher filters = Pattern.compile("<filter>(.*?)</filter>", Pattern.DOTALL).matcher(s.text());
        while (filters.find()) {
            String f = filters.group(1);
            String name = tag(f, "filter-name");
            assertThat(f).as("%s: filter %s must be <async-supported>true</async-supported>", s, name)
                    .containsPattern("<async-supported>\\s*true\\s*</async-supported>");
            Matcher mapping = Pattern.compile("<filter-mapping>(.*?)</filter-mapping>", Pattern.DOTALL)
                    .matcher(s.text());
            boolean mapped = false;
            while (mapping.find()) {
                String m = mapping.group(1);
                if (!name.equals(tag(m, "filter-name"))) {
                    continue;
                }
                mapped = true;
                assertThat(m).as("%s: filter %s must be mapped for REQUEST and ASYNC", s, name)
                        .contains("<dispatcher>REQUEST</dispatcher>").contains("<dispatcher>ASYNC</dispatcher>");
                if (tag(f, "filter-class").endsWith("ErrorAnalysisFilter")) {
                    assertThat(m).as("%s: the error filter also handles ERROR dispatches", s)
                            .contains("<dispatcher>ERROR</dispatcher>");
                }
            }
            assertThat(mapped).as("%s: filter %s has a <filter-mapping>", s, name).isTrue();
        }
    }

    static String tag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">\\s*(.*?)\\s*</" + tag + ">", Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : "";
    }

    /** Paths the snippet's filters are mapped at (a {@code /x/*} pattern gives {@code /x/async}), plus {@code /async}. */
    static Set<String> probePaths(Snippet s) {
        Set<String> paths = new java.util.TreeSet<>(List.of("/async"));
        Matcher m = Pattern.compile("<url-pattern>\\s*(/[^<]*?)\\*\\s*</url-pattern>").matcher(s.text());
        while (m.find()) {
            paths.add(m.group(1) + "async");
        }
        return paths;
    }

    void runWebXml(Snippet s) throws Exception {
        assertAsyncReady(s);
        Path webapp = Files.createTempDirectory("docs-webapp");
        Path webInf = Files.createDirectories(webapp.resolve("WEB-INF"));
        try (InputStream openApi = getClass().getResourceAsStream("/docs-snippets/openapi.yaml")) {
            Files.copy(openApi, webInf.resolve("openapi.yaml"));
        }
        Files.writeString(webInf.resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s
                  <servlet>
                    <servlet-name>docsAsync</servlet-name>
                    <servlet-class>%s</servlet-class>
                    <async-supported>true</async-supported>
                  </servlet>
                  <servlet-mapping><servlet-name>docsAsync</servlet-name><url-pattern>/</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(withAppServletsStubbed(s.text()), AsyncHelloServlet.class.getName()),
                StandardCharsets.UTF_8);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setWar(webapp.toString());
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        server.setHandler(context);
        try {
            server.start();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            for (String path : probePaths(s)) {
                HttpResponse<String> r = get(base + path);
                assertThat(r.statusCode()).as("%s: GET %s answered %s", s, path, r.body()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("async ok");
            }
        } finally {
            server.stop();
        }
    }

    /**
     * The app's own servlets a snippet names (a Jakarta REST container with the app's application class, say) are not
     * on this class path: each becomes {@link AsyncHelloServlet}, so that the snippet's filters are tried in front of an
     * async servlet at the snippet's own mappings. The toolkit's servlets stay as written.
     */
    static String withAppServletsStubbed(String xml) {
        Matcher m = Pattern.compile("<servlet-class>\\s*([^<\\s]+)\\s*</servlet-class>").matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String type = m.group(1);
            boolean known;
            try {
                Class.forName(type, false, DocsSnippetsTest.class.getClassLoader());
                known = true;
            } catch (ClassNotFoundException e) {
                known = false;
            }
            String replacement = known ? m.group() : "<servlet-class>" + AsyncHelloServlet.class.getName()
                    + "</servlet-class>";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- Java snippets -------------------------------------------------------------------------------------------

    static final String IMPORTS = """
            import io.github.aifilters.core.filter.AiFilterContext;
            import io.github.aifilters.core.filter.RequestMatcher;
            import io.github.aifilters.errors.ErrorAnalysisFilter;
            import io.github.aifilters.filters.intent.IntentFilterConfig;
            import io.github.aifilters.filters.intent.IntentRecognitionFilter;
            import io.github.aifilters.filters.routes.RouteSuggestionFilter;
            import io.github.aifilters.filters.validation.SmartValidationFilter;
            import io.github.aifilters.monitoring.MonitoringFilter;
            import io.github.aifilters.monitoring.PrometheusScrapeServlet;
            import jakarta.servlet.DispatcherType;
            import jakarta.servlet.FilterRegistration;
            import jakarta.servlet.ServletContext;
            import java.util.EnumSet;
            import org.eclipse.jetty.ee10.servlet.FilterHolder;
            import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
            """;

    @TestFactory
    Stream<DynamicTest> jettySnippetsRunWithAnAsyncServlet() throws IOException {
        return snippets().stream().filter(s -> "jetty".equals(s.marker()))
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> runJetty(s)));
    }

    @SuppressWarnings("unchecked")
    void runJetty(Snippet s) throws Exception {
        Function<Object, Object> factory = (Function<Object, Object>) compile("JettySnippet", IMPORTS
                + "public class JettySnippet implements java.util.function.Function<Object, Object> {\n"
                + "  public Object apply(Object unused) {\n" + s.text() + "\n    return context;\n  }\n}\n");
        ServletContextHandler context = (ServletContextHandler) factory.apply(null);
        call(() -> {
            ServletHolder async = new ServletHolder(new AsyncHelloServlet());
            async.setAsyncSupported(true);
            context.addServlet(async, "/");
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            server.setHandler(context);
            try {
                server.start();
                String base = "http://127.0.0.1:" + connector.getLocalPort();
                for (String path : List.of("/async", "/api/async")) {
                    HttpResponse<String> r = get(base + path);
                    assertThat(r.statusCode()).as("%s: GET %s answered %s", s, path, r.body()).isEqualTo(200);
                }
            } finally {
                server.stop();
            }
            return null;
        });
    }

    @TestFactory
    Stream<DynamicTest> servletContextSnippetsRunInTomcat() throws IOException {
        return snippets().stream().filter(s -> "servlet-context".equals(s.marker()))
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> runTomcat(s)));
    }

    void runTomcat(Snippet s) throws Exception {
        ServletContainerInitializer sci = (ServletContainerInitializer) compile("ContextSnippet", IMPORTS
                + "public class ContextSnippet implements jakarta.servlet.ServletContainerInitializer {\n"
                + "  public void onStartup(java.util.Set<Class<?>> classes, ServletContext servletContext) {\n"
                + s.text() + "\n  }\n}\n");
        call(() -> {
            Path baseDir = Files.createTempDirectory("docs-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.getConnector().setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("", baseDir.toString());
            // the snippets' classpath: files (intents.yaml, validation/mapping.yaml) are test resources
            context.setParentClassLoader(DocsSnippetsTest.class.getClassLoader());
            context.addServletContainerInitializer(sci, null);
            Tomcat.addServlet(context, "docsAsync", new AsyncHelloServlet()).setAsyncSupported(true);
            context.addServletMappingDecoded("/", "docsAsync");
            try {
                tomcat.start();
                String base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
                for (String path : List.of("/async", "/api/async")) {
                    HttpResponse<String> r = get(base + path);
                    assertThat(r.statusCode()).as("%s: GET %s answered %s", s, path, r.body()).isEqualTo(200);
                }
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
            return null;
        });
    }

    static void call(java.util.concurrent.Callable<Void> body) throws Exception {
        body.call();
    }

    // --- the BOM ---------------------------------------------------------------------------------------------------

    @Test
    void pomSnippetImportsTheBomAtTheProjectVersion() throws IOException {
        String version = tag(Files.readString(ROOT.resolve("pom.xml")).replaceFirst("(?s)<parent>.*?</parent>", ""),
                "version");
        assertThat(version).isNotBlank();
        Snippet pom = snippets().stream().filter(s -> "pom".equals(s.marker())).findFirst().orElseThrow();
        assertThat(pom.text()).contains("<artifactId>ai-filters-bom</artifactId>")
                .contains("<version>" + version + "</version>").contains("<scope>import</scope>");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("**`" + version + "`**");
    }

    @Test
    void bomManagesEveryPublishedArtifactAtTheProjectVersion() throws IOException {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        String version = tag(root.replaceFirst("(?s)<parent>.*?</parent>", ""), "version");
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        assertThat(tag(bom.replaceFirst("(?s)<dependencyManagement>.*", ""), "version")).isEqualTo(version);
        // every library module of the build (not the sample, benchmarks, examples or the BOM itself)
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(root);
        List<String> libraries = new ArrayList<>();
        while (modules.find()) {
            String module = modules.group(1);
            if (Set.of("sample-app", "benchmarks", "bom").contains(module) || module.startsWith("examples/")) {
                continue;
            }
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            libraries.add(tag(pom.replaceFirst("(?s)<parent>.*?</parent>", ""), "artifactId"));
        }
        assertThat(libraries).contains("ai-filters-core", "ai-filters-monitoring");
        for (String artifact : libraries) {
            assertThat(bom).as("the BOM manages %s", artifact).contains("<artifactId>" + artifact + "</artifactId>");
        }
    }
}
