package io.github.aifilters.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.ops.OpsAccess;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.monitoring.internal.MonitoringRuntime;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The ops JSON endpoint (e.g. mapped at {@code /_ai/monitoring}): recent alerts, current baselines per series,
 * process health, counters and AI cost, read from the {@link MonitoringRuntime} the filter put in the context.
 * Closed unless a bearer token is configured or {@value #OPEN_ON_LOOPBACK} opens it to loopback clients; TRACE and
 * writes get 405 ({@link OpsAccess}). The JSON has an {@code llm} section (breaker state, failures, timeouts).
 */
public class MonitoringOpsServlet extends HttpServlet {

    /** Init-param: bearer token required in {@code Authorization: Bearer ...}. Default: none (closed). */
    public static final String TOKEN = OpsAccess.TOKEN;
    /** Init-param: {@code true} opens the view without a token to loopback clients only. */
    public static final String OPEN_ON_LOOPBACK = OpsAccess.OPEN_ON_LOOPBACK;

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final String programmaticToken;
    private final boolean programmaticOpen;
    private OpsAccess access;

    /** For web.xml: the {@value #TOKEN} / {@value #OPEN_ON_LOOPBACK} init-params decide; closed without them. */
    public MonitoringOpsServlet() {
        this(null, false);
    }

    /** Programmatic: with a bearer token (null or blank: none, and then closed unless an init-param opens it). */
    public MonitoringOpsServlet(String token) {
        this(token, false);
    }

    /** Programmatic: with a bearer token, or (null token and {@code openOnLoopback}) readable from loopback only. */
    public MonitoringOpsServlet(String token, boolean openOnLoopback) {
        this.programmaticToken = token;
        this.programmaticOpen = openOnLoopback;
        this.access = new OpsAccess(token, openOnLoopback);
    }

    @Override
    public void init() throws ServletException {
        access = OpsAccess.configure("MonitoringOpsServlet", programmaticToken, programmaticOpen, getServletConfig());
    }

    /** Every method passes the access check first: TRACE and writes get 405, strangers 401/403. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        if (access.admit(req, res, AiFilterContext.problemWriter(getServletContext()))) {
            super.service(req, res);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        var problems = AiFilterContext.problemWriter(getServletContext());
        Object runtime = getServletContext().getAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE);
        if (!(runtime instanceof MonitoringRuntime monitoring)) {
            problems.write(res, Problem.builder(ProblemTypes.of("monitoring-unavailable"), "Service Unavailable", 503)
                    .detail("The monitoring filter is not running in this application.").build());
            return;
        }
        java.util.Map<String, Object> snapshot = new java.util.LinkedHashMap<>(monitoring.snapshot());
        snapshot.put("llm", llm());
        byte[] body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** LLM health (breaker state, failures, timeouts, latency): an outage must be visible to ops. */
    private java.util.Map<String, Object> llm() {
        try {
            var client = AiFilterContext.llm(getServletContext());
            return OpsAccess.llmSection(client.enabled(), client.status());
        } catch (RuntimeException e) {
            return java.util.Map.of("enabled", false);
        }
    }
}
