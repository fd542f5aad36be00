package io.github.aifilters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.TestServer;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Where the filters meet, over real HTTP with all five registered by init-params in the recommended order, on an app
 * of its own (notes): one body cap per filter whatever the order, the JSON body parsed once for the whole chain, one
 * route label in metrics and in the error log, and the body-skip metric every filter records.
 */
class SeamsOverHttpTest {

    /** The app: echoes what it received and what the exchange knows; {@code /notes/{id}} fails for id 13. */
    static final class NotesServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if ("/13".equals(req.getPathInfo())) {
                throw new IllegalStateException("note store corrupted");
            }
            byte[] body = req.getInputStream().readAllBytes();
            AiExchange exchange = AiExchange.find(req).orElseThrow();
            resp.setContentType("text/plain");
            resp.getWriter().write("bytes=" + body.length + " parses=" + exchange.jsonParses() + " route="
                    + exchange.routeTemplate());
        }
    }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger errorLog = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);
    private TestServer server;

    @BeforeEach
    void start() {
        events.start();
        errorLog.addAppender(events);
        server = chain(Map.of());
    }

    /** All five filters by init-params, validation with {@code validationParams} added to its own. */
    private TestServer chain(Map<String, String> validationParams) {
        Map<String, String> validation = new java.util.HashMap<>(
                Map.of("mapping", "classpath:seams/validation.yaml", "maxBodyBytes", "1MB"));
        validation.putAll(validationParams);
        return TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            EnumSet<DispatcherType> requestAsync = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);
            add(ctx, "aiMonitoring", new MonitoringFilter(), requestAsync, Map.of());
            add(ctx, "aiErrors", new ErrorAnalysisFilter(), EnumSet.allOf(DispatcherType.class),
                    Map.of("inAppPackages", "io.github.aifilters.sample"));
            add(ctx, "aiRoutes", new RouteSuggestionFilter(), requestAsync,
                    Map.of("routesFile", "classpath:seams/routes.txt"));
            // the intent filter keeps its default 64 KiB cap and reads first
            add(ctx, "aiIntent", new IntentRecognitionFilter(), requestAsync,
                    Map.of("intentsFile", "classpath:seams/intents.yaml", "jsonPointers", "/text"));
            add(ctx, "aiValidation", new SmartValidationFilter(), requestAsync, validation);
            ServletHolder notes = new ServletHolder(new NotesServlet());
            notes.setAsyncSupported(true);
            ctx.addServlet(notes, "/notes/*");
        });
    }

    private static void add(org.eclipse.jetty.ee10.servlet.ServletContextHandler ctx, String name, Filter filter,
                            EnumSet<DispatcherType> dispatches, Map<String, String> params) {
        FilterHolder h = new FilterHolder(filter);
        h.setName(name);
        h.setAsyncSupported(true);
        params.forEach(h::setInitParameter);
        ctx.addFilter(h, "/*", dispatches);
    }

    @AfterEach
    void stop() {
        errorLog.detachAppender(events);
        server.close();
    }

    @Test
    void eachFilterJudgesTheBodyAgainstItsOwnCapWhateverTheOrder() {
        String attachment = "x".repeat(117_000);
        String body = "{\"text\":\"add a note about buying milk\",\"attachment\":\"" + attachment + "\"}";
        HttpResponse<String> r = server.postJson("/notes", body);
        // Validation (1 MB cap) validated the 117 KB body: before, the intent filter's 64 KiB read decided for both
        // and validation answered 413.
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("bytes=" + body.length() + " ");
        assertThat(count("aifilters.validation.requests", "outcome", "valid")).isEqualTo(1);
        // The intent filter skipped it, and said so in the documented metric.
        assertThat(r.headers().firstValue("X-AI-Intent")).isEmpty();
        assertThat(registry.find("aifilters.body.skipped").tag("filter", "aiIntent").tag("reason", "over_cap")
                .counter()).isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1));
    }

    @Test
    void theJsonBodyIsParsedOnceForTheWholeChain() {
        HttpResponse<String> r = server.postJson("/notes", "{\"text\":\"add a note about buying milk\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("add_note");
        // intent read /text and validation validated the same tree: one parse (two before)
        assertThat(r.body()).contains("parses=1").contains("route=/notes");
    }

    @Test
    void theJsonBodyIsParsedOnceWhateverTheValidationLimits() {
        server.close();
        // stricter than the toolkit's read limits in every dimension: intent keeps the defaults, validation its own
        server = chain(Map.of("maxNestingDepth", "8", "maxStringLength", "200", "maxNumberLength", "12"));
        HttpResponse<String> r = server.postJson("/notes", "{\"text\":\"add a note about buying milk\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-AI-Intent")).hasValue("add_note");
        assertThat(r.body()).contains("parses=1");
        // validation judges the one tree by its own limits, as a parser with them would have
        HttpResponse<String> deep = server.postJson("/notes",
                "{\"text\":\"add a note\",\"tags\":" + "[".repeat(20) + "]".repeat(20) + "}");
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("validation.request.limit").contains("deeper than 8");
        HttpResponse<String> longText = server.postJson("/notes", "{\"text\":\"" + "a".repeat(300) + "\"}");
        assertThat(longText.statusCode()).isEqualTo(400);
        assertThat(longText.body()).contains("longer than 200");

        server.close();
        // looser than the toolkit's: the one parse admits validation's limits, intent still judges by its own
        server = chain(Map.of("maxNestingDepth", "200"));
        String nested = "{\"text\":\"add a note about buying milk\",\"tags\":" + "[".repeat(100)
                + "]".repeat(100) + "}";
        HttpResponse<String> loose = server.postJson("/notes", nested);
        assertThat(loose.statusCode()).isEqualTo(200);
        assertThat(loose.body()).contains("parses=1");
        // 100 levels are beyond the intent filter's 64: to it the body is malformed, as it was before
        assertThat(loose.headers().firstValue("X-AI-Intent")).isEmpty();
    }

    @Test
    void metricsAndTheErrorLogCarryTheSameRouteLabel() {
        HttpResponse<String> r = server.get("/notes/13");
        assertThat(r.statusCode()).isEqualTo(500);
        Map<String, Object> kv = events.list.stream().filter(e -> e.getKeyValuePairs() != null)
                .flatMap(e -> e.getKeyValuePairs().stream()).filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.key, p -> p.value, (a, b) -> b));
        assertThat(kv.get("route")).isEqualTo("/notes/{id}");
        assertThat(awaitTimer("/notes/{id}", "500")).isNotNull();
        // the declared route wins over the servlet mapping (/notes/*), which no longer labels anything
        assertThat(registry.find(io.github.aifilters.monitoring.MonitoringFilter.METRIC).tag("uri", "/notes/*").timer()).isNull();
    }

    @Test
    void aPathNobodyDeclaredIsNotFoundInMetricsNotTheMappingPattern() {
        assertThat(server.get("/nowhere/7").statusCode()).isEqualTo(404);
        assertThat(awaitTimer("NOT_FOUND", "404")).isNotNull();
    }

    /** The monitoring filter records once the response is complete, which may be just after the client has it. */
    private io.micrometer.core.instrument.Timer awaitTimer(String uri, String status) {
        long until = System.nanoTime() + 5_000_000_000L;
        io.micrometer.core.instrument.Timer t;
        while ((t = registry.find(io.github.aifilters.monitoring.MonitoringFilter.METRIC).tag("uri", uri).tag("status", status).timer()) == null
                && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return t;
    }

    private double count(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : Objects.requireNonNull(c).count();
    }
}
