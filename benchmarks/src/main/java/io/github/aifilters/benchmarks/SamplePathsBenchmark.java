package io.github.aifilters.benchmarks;

import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.sample.SampleApp;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
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
 * What each kind of request costs with the sample app's five filters, in process: the sample app exactly as the
 * load script runs it ({@link io.github.aifilters.sample.SampleWiring}: init-params as a web.xml gives them, the recommended order), once with
 * the filters on and once with the same registrations switched off ({@code enabled=false}), behind Jetty's
 * {@link LocalConnector} (real HTTP parsing and generation, no socket). "on minus off" per {@code path} is the
 * filters' own cost and allocation for that path — the figures {@code benchmarks/load/onoff.sh} measures over
 * loopback, without the loopback.
 *
 * <p>Paths: {@code passthrough} a GET with nothing to classify, validate or suggest; {@code classify} a GET with a text query (intent);
 * {@code validate} a valid JSON POST (intent + schema); {@code reject} an invalid one (400 with a report);
 * {@code correct} one the validator repairs; {@code suggest} a mistyped path (404 with suggestions); {@code error}
 * a servlet that throws (analysed, fingerprinted, answered as problem+json). The bench jar has no logging backend,
 * so the error filter's log line costs nothing here (an app pays for its appender).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class SamplePathsBenchmark {

    /** The request of each path and the start of the answer expected for it with the filters on and off. */
    enum Path {
        passthrough(get("/api/orders/A17"), "200", "200"),
        classify(get("/api/search?q=find+red+shoes"), "200", "200"),
        validate(post("/api/users", "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"age\":36}"), "201", "201"),
        reject(post("/api/users", "{\"name\":\"A\",\"email\":\"not an email\",\"age\":\"old\"}"), "400", "201"),
        correct(post("/api/tickets", "{\"titel\":\"Printer on fire\",\"priority\":\"HIGH\",\"estimate\":\"2.5\"}"),
                "201", "201"),
        suggest(get("/api/userz/17"), "404", "404"),
        error(get("/api/fail/database"), "503", "500");

        final String request;
        final String statusOn;
        final String statusOff;

        Path(String request, String statusOn, String statusOff) {
            this.request = request;
            this.statusOn = statusOn;
            this.statusOff = statusOff;
        }

        private static String get(String target) {
            return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + "User-Agent: bench\r\n\r\n";
        }

        private static String post(String target, String json) {
            return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + "User-Agent: bench\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
        }
    }

    @Param({"passthrough", "classify", "validate", "reject", "correct", "suggest", "error"})
    public String path;

    /** {@code on}: the sample's five filters; {@code off}: the same registrations with {@code enabled=false}. */
    @Param({"on", "off"})
    public String filters;

    private Server server;
    private LocalConnector connector;
    private String request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = start(filters.equals("on"));
        connector = (LocalConnector) server.getConnectors()[0];
        Path p = Path.valueOf(path);
        request = p.request;
        check(connector, p, filters.equals("on"));
    }

    /** The sample app with its five filters on or switched off, behind a {@link LocalConnector}; started. */
    static Server start(boolean filtersOn) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName(poolName(filtersOn));
        Server server = new Server(pool);
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = SampleApp.context(filtersOn);
        for (FilterHolder holder : context.getServletHandler().getFilters()) {
            // The bench jar carries the semantic module for its own subcommand; the sample app does not.
            if (holder.getHeldClass() == IntentRecognitionFilter.class) {
                holder.setInitParameter(IntentFilterConfig.SEMANTIC_TIER, "false");
            }
        }
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The name prefix of the server's threads (the paths command counts their CPU time). */
    static String poolName(boolean filtersOn) {
        return filtersOn ? "sample-filters-on" : "sample-filters-off";
    }

    /** The answer is checked, so a chain that silently does nothing cannot pass as fast. */
    static void check(LocalConnector connector, Path p, boolean filtersOn) throws Exception {
        String expected = "HTTP/1.1 " + (filtersOn ? p.statusOn : p.statusOff);
        String response = connector.getResponse(p.request);
        if (response == null || !response.startsWith(expected)) {
            throw new IllegalStateException(p + "/" + (filtersOn ? "on" : "off") + ": expected " + expected
                    + ", got " + response);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.stop();
    }

    @Benchmark
    public String request() throws Exception {
        return connector.getResponse(request);
    }
}
