package io.github.aifilters.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.body.BodyRead;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.internal.BodyReadMetrics;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter base over real HTTP: fail-open, matching from init-params, dispatches, body cap. */
class AbstractAiFilterJettyTest {

    private final AtomicInteger appCalls = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A test filter whose logic is given as a lambda; it marks requests it handled with X-Seen. */
    static class ProbeFilter extends AbstractAiFilter {
        interface Logic {
            void run(ProbeFilter self, HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws IOException, ServletException;
        }

        private final Logic logic;
        private RequestMatcher programmatic;

        ProbeFilter(Logic logic) {
            this.logic = logic;
        }

        @Override
        protected java.util.Set<String> configKeys() {
            return CommonSettings.KEYS;
        }

        @Override
        protected void initFilter(InitParams params) {
            if (programmatic != null) {
                useCommon(CommonSettings.defaults().withMatcher(programmatic).overriddenBy(params));
            }
        }

        @Override
        protected void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            response.addHeader("X-Seen", filterName());
            logic.run(this, request, response, chain);
        }

        // widen for the tests
        BodyRead read(BodyCapturingRequest body) {
            return readBody(body);
        }

        boolean first(HttpServletRequest req) {
            return firstVisit(req);
        }

        String key(String suffix) {
            return attributeName(suffix);
        }

        void matcher(RequestMatcher m) {
            programmatic = m;
        }
    }

    final class AppServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            appCalls.incrementAndGet();
            if (req.getRequestURI().endsWith("/boom")) {
                throw new IllegalStateException("the app's own failure");
            }
            if (req.getRequestURI().endsWith("/async") && req.getDispatcherType() == DispatcherType.REQUEST) {
                req.startAsync().dispatch("/api/after-async");
                return;
            }
            byte[] body = req.getInputStream().readAllBytes();
            resp.setContentType("text/plain");
            resp.getWriter().write("app:" + body.length);
        }
    }

    private void start(Consumer<ServletContextHandler> extra, FilterHolder... filters) {
        server = TestServer.start(ctx -> {
            extra.accept(ctx);
            for (FilterHolder f : filters) {
                f.setAsyncSupported(true);
                ctx.addFilter(f, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            ServletHolder app = new ServletHolder(new AppServlet());
            app.setAsyncSupported(true);
            ctx.addServlet(app, "/*");
        });
    }

    private static FilterHolder holder(ProbeFilter f, String name, Map<String, String> initParams) {
        FilterHolder h = new FilterHolder(f);
        h.setName(name);
        initParams.forEach(h::setInitParameter);
        return h;
    }

    @Test
    void aFailureInTheFiltersOwnLogicBeforeTheChainDoesNotFailTheRequest() {
        ProbeFilter broken = new ProbeFilter((self, req, res, chain) -> {
            throw new NullPointerException("bug in the filter");
        });
        start(ctx -> { }, holder(broken, "broken", Map.of()));

        HttpResponse<String> r = server.postJson("/api/orders", "{\"a\":1}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("app:7");
        assertThat(appCalls.get()).isEqualTo(1);
    }

    @Test
    void aFilterUsingFailOpenItselfGoesOnWithTheRequest() {
        ProbeFilter careful = new ProbeFilter((self, req, res, chain) -> {
            try {
                throw new IllegalStateException("engine unavailable");
            } catch (RuntimeException e) {
                self.failOpen("analysis", e);
            }
            chain.doFilter(req, res);
        });
        start(ctx -> { }, holder(careful, "careful", Map.of()));
        HttpResponse<String> r = server.postJson("/api/orders", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Seen")).hasValue("careful");
    }

    @Test
    void theAppsOwnExceptionIsNeverSwallowedNorIsTheAppCalledTwice() {
        ProbeFilter passOn = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        start(ctx -> { }, holder(passOn, "pass", Map.of()));
        HttpResponse<String> r = server.get("/api/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(appCalls.get()).isEqualTo(1);
    }

    @Test
    void pathsMethodsAndTypesFromInitParamsDecideWhereTheFilterRuns() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        start(ctx -> { }, holder(f, "probe", Map.of("includePaths", "/api/*", "excludeMethods", "DELETE",
                "includeMimeTypes", "application/json")));

        assertThat(server.get("/api/users").headers().firstValue("X-Seen")).hasValue("probe");
        assertThat(server.postJson("/api/users", "{}").headers().firstValue("X-Seen")).hasValue("probe");
        assertThat(server.post("/api/users", "text/plain", "x").headers().firstValue("X-Seen")).isEmpty();
        assertThat(server.send(server.request("/api/users").DELETE().build()).headers().firstValue("X-Seen"))
                .isEmpty();
        assertThat(server.get("/web/page").headers().firstValue("X-Seen")).isEmpty();
    }

    @Test
    void healthAndStaticPathsAreSkippedByDefault() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        start(ctx -> { }, holder(f, "probe", Map.of()));
        assertThat(server.get("/health").headers().firstValue("X-Seen")).isEmpty();
        assertThat(server.get("/app/site.css").headers().firstValue("X-Seen")).isEmpty();
        assertThat(server.get("/api/x").headers().firstValue("X-Seen")).hasValue("probe");
    }

    @Test
    void enabledFalseMakesThePassThrough() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> {
            throw new AssertionError("must not run");
        });
        start(ctx -> { }, holder(f, "off", Map.of("enabled", "false")));
        HttpResponse<String> r = server.get("/api/x");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Seen")).isEmpty();
    }

    @Test
    void aProgrammaticMatcherSurvivesInitWithoutMatcherParams() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        f.matcher(new RequestMatcher(List.of("/only/*"), List.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of()));
        start(ctx -> { }, holder(f, "prog", Map.of()));
        assertThat(server.get("/only/x").headers().firstValue("X-Seen")).hasValue("prog");
        assertThat(server.get("/api/x").headers().firstValue("X-Seen")).isEmpty();
    }

    @Test
    void initParamsOverrideOnlyTheMatcherKeysTheyName() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        f.matcher(new RequestMatcher(List.of("/only/*"), List.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of()));
        start(ctx -> { }, holder(f, "prog", Map.of("excludePaths", "/only/secret/*")));
        assertThat(server.get("/only/x").headers().firstValue("X-Seen")).hasValue("prog");
        assertThat(server.get("/only/secret/x").headers().firstValue("X-Seen")).isEmpty();
        assertThat(server.get("/api/x").headers().firstValue("X-Seen")).isEmpty();
    }

    @Test
    void anUnknownInitParamIsReportedWithTheNearestKey() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(ProbeFilter.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
            start(ctx -> { }, holder(f, "typo", Map.of("excludePath", "/api/*")));
            assertThat(server.get("/api/x").headers().firstValue("X-Seen")).hasValue("typo");
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("unknown init-param 'excludePath'").contains("did you mean 'excludePaths'?"));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void strictConfigurationFailsStartUpOnAnUnknownInitParam() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        assertThatThrownBy(() -> start(ctx -> ctx.setInitParameter(ConfigKeys.STRICT_CONTEXT_PARAM, "true"),
                holder(f, "strict", Map.of("maxBodyByte", "1MB"))))
                .hasStackTraceContaining("unknown init-param 'maxBodyByte' (did you mean 'maxBodyBytes'?)");
    }

    @Test
    void stateSurvivesTheAsyncDispatchInPerInstanceAttributes() {
        ProbeFilter a = new ProbeFilter((self, req, res, chain) -> {
            events.add("a:" + req.getDispatcherType() + ":" + self.first(req));
            chain.doFilter(req, res);
        });
        ProbeFilter b = new ProbeFilter((self, req, res, chain) -> {
            events.add("b:" + req.getDispatcherType() + ":" + self.first(req));
            chain.doFilter(req, res);
        });
        start(ctx -> { }, holder(a, "a", Map.of()), holder(b, "b", Map.of()));
        HttpResponse<String> r = server.get("/api/async");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(events).containsExactly("a:REQUEST:true", "b:REQUEST:true", "a:ASYNC:false", "b:ASYNC:false");
        assertThat(a.key("x")).isNotEqualTo(b.key("x"));
    }

    @Test
    void maxBodyBytesCapsTheReadAndTheSkipIsCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<BodyRead.Outcome> outcomes = new CopyOnWriteArrayList<>();
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> {
            BodyCapturingRequest body = BodyCapturingRequest.install(req);
            outcomes.add(self.read(body).outcome());
            chain.doFilter(body.downstream(req), res);
        });
        start(ctx -> ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry),
                holder(f, "capped", Map.of("maxBodyBytes", "16B")));

        assertThat(server.postJson("/api/x", "{\"a\":1}").body()).isEqualTo("app:7");
        assertThat(server.postJson("/api/x", "{\"message\":\"longer than sixteen\"}").body()).isEqualTo("app:33");

        assertThat(outcomes).containsExactly(BodyRead.Outcome.CAPTURED, BodyRead.Outcome.OVER_CAP);
        assertThat(registry.get(BodyReadMetrics.SKIPPED).tag("reason", "over_cap").tag("filter", "capped")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aBadInitParamFailsStartUpNamingTheFilterAndKey() {
        ProbeFilter f = new ProbeFilter((self, req, res, chain) -> chain.doFilter(req, res));
        assertThatThrownBy(() -> f.init(config("intent", Map.of("includePaths", "api/*"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("intent").hasMessageContaining("api/*");
        assertThatThrownBy(() -> f.init(config("intent", Map.of("maxBodyBytes", "huge"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("maxBodyBytes");
    }

    private static FilterConfig config(String name, Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String key) {
                return params.get(key);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
