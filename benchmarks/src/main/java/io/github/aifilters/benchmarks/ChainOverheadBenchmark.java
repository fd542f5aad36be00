package io.github.aifilters.benchmarks;

import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.monitoring.MonitoringConfig;
import io.github.aifilters.monitoring.MonitoringFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole request path with and without the AI filters, in process: a Jetty 12 server with a tiny app behind
 * {@code filters}: none, one filter alone, or all four (monitoring, error analysis, route suggestion, smart
 * validation, in the recommended order; {@link SamplePathsBenchmark} has all five). Requests go through Jetty's
 * {@link LocalConnector} (real HTTP parsing and generation, no socket), so "filters minus none" is the filters'
 * overhead per request without loopback noise.
 * Setup checks each answer (status, and the filters' visible effect) so a misconfigured chain cannot pass as fast.
 * Sample time: on a shared machine the mean is dominated by descheduling; the median is the figure to read. The
 * bench jar's logback.xml encodes the error filter's log line and writes it to /dev/null.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChainOverheadBenchmark {

    static final String USER_SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
             "required":["name","email"],
             "properties":{"name":{"type":"string","minLength":1,"maxLength":100},
              "email":{"type":"string","format":"email"},"age":{"type":"integer","minimum":0,"maximum":150},
              "role":{"enum":["admin","member","guest"]}}}""";

    static final String USER_BODY = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"age\":36,\"role\":\"member\"}";

    static final String GET_USER = "GET /api/users/17 HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
            + "User-Agent: bench\r\n\r\n";
    static final String POST_USER = post(USER_BODY);
    static final String UNKNOWN_ROUTE = "GET /api/userz/17 HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
    static final String FAILING = "GET /api/fail HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";

    static String post(String body) {
        return "POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Which filters are in front of the app: none, one of them alone, or all four. */
    @Param({"none", "monitoring", "errors", "routes", "validation", "all"})
    public String filters;

    private Server server;
    private LocalConnector connector;
    private Path schemaFile;

    /** The app: knows nothing about the filters. */
    static final class App extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
            if (path.equals("/fail")) {
                throw new IllegalStateException("Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, "
                                + "request timed out after 30000ms."));
            }
            if (path.matches("/users/\\d+")) {
                json(resp, 200, "{\"id\":17,\"name\":\"Ada Lovelace\"}");
            } else {
                resp.sendError(404);
            }
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = req.getInputStream().readAllBytes();
            resp.setHeader("Location", "/api/users/18");
            resp.setStatus(201);
            resp.setContentType("application/json");
            resp.getOutputStream().write(body);
        }

        private static void json(HttpServletResponse resp, int status, String body) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        schemaFile = Files.createTempFile("bench-user-schema", ".json");
        Files.writeString(schemaFile, USER_SCHEMA);
        Set<String> on = filters.equals("all") ? Set.of("monitoring", "errors", "routes", "validation")
                : filters.equals("none") ? Set.of() : Set.of(filters);
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(context(on));
        server.start();

        // Each filter's visible effect is checked, so a chain that silently does nothing cannot pass as fast.
        expect(GET_USER, "200 OK", null);
        expect(POST_USER, "201 Created", null);
        expect(post(USER_BODY.replace("\"age\":36", "\"age\":-3")),
                on.contains("validation") ? "400 Bad Request" : "201 Created",
                on.contains("validation") ? "application/problem+json" : null);
        expect(UNKNOWN_ROUTE, "404 Not Found", on.contains("routes") ? "/api/users/{id}" : null);
        expect(FAILING, on.contains("errors") ? "503 Service Unavailable" : "500 Server Error",
                on.contains("errors") ? "application/problem+json" : null);
    }

    private ServletContextHandler context(Set<String> on) {
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> all = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        if (on.contains("monitoring")) {
            add(context, new MonitoringFilter(MonitoringConfig.builder().build()), all);
        }
        if (on.contains("errors")) {
            add(context, new ErrorAnalysisFilter(ErrorFilterConfig.builder().build()), all);
        }
        if (on.contains("routes")) {
            add(context, new RouteSuggestionFilter(RouteSuggestionConfig.builder()
                    .route("GET /api/users/{id}").route("POST /api/users").route("GET /api/orders/{id}")
                    .route("GET /api/search").build()), EnumSet.of(DispatcherType.REQUEST));
        }
        if (on.contains("validation")) {
            add(context, new SmartValidationFilter(ValidationFilterConfig.builder()
                    .route("POST /api/users", schemaFile.toAbsolutePath().toString()).build()),
                    EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new App()), "/api/*");
        return context;
    }

    private static void add(ServletContextHandler context, Filter filter, EnumSet<DispatcherType> dispatches) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", dispatches);
    }

    private void expect(String request, String status, String contains) throws Exception {
        String response = connector.getResponse(request);
        if (response == null || !response.startsWith("HTTP/1.1 " + status)
                || contains != null && !response.contains(contains)) {
            throw new IllegalStateException("filters=" + filters + ": unexpected answer to "
                    + request.lines().findFirst().orElse("") + ": " + response);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.stop();
        Files.deleteIfExists(schemaFile);
    }

    @Benchmark
    public String getUser() throws Exception {
        return connector.getResponse(GET_USER);
    }

    /** A valid 74-byte JSON body; with validation on, captured, parsed and validated against the schema. */
    @Benchmark
    public String postValidUser() throws Exception {
        return connector.getResponse(POST_USER);
    }

    /** A 404; with route suggestion on, answered as problem+json with suggestions. */
    @Benchmark
    public String unknownRoute() throws Exception {
        return connector.getResponse(UNKNOWN_ROUTE);
    }

    /** The app throws; with error analysis on, analysed, fingerprinted and answered as a 503 problem. */
    @Benchmark
    public String failing() throws Exception {
        return connector.getResponse(FAILING);
    }
}
