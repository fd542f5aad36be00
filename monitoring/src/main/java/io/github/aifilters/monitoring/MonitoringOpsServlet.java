package io.github.aifilters.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The ops JSON endpoint (e.g. mapped at {@code /_ai/monitoring}): recent alerts, current baselines per series,
 * process health, counters and AI cost, read from the {@link MonitoringRuntime} the filter put in the context.
 * Optional bearer token; without one, map it only where ops can reach it.
 */
public class MonitoringOpsServlet extends HttpServlet {

    /** Init-param: bearer token required in {@code Authorization: Bearer ...}. Default: none (open). */
    public static final String TOKEN = "token";

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private String token;

    /** For web.xml: token from init-params. */
    public MonitoringOpsServlet() {
    }

    /** Programmatic. */
    public MonitoringOpsServlet(String token) {
        this.token = token;
    }

    @Override
    public void init() throws ServletException {
        if (token == null) {
            String t = getInitParameter(TOKEN);
            token = t == null || t.isBlank() ? null : t.trim();
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        var problems = AiFilterContext.problemWriter(getServletContext());
        if (token != null && !authorised(req.getHeader("Authorization"))) {
            res.setHeader("WWW-Authenticate", "Bearer");
            problems.write(res, Problem.builder(ProblemTypes.AUTHENTICATION, "Unauthorized", 401)
                    .detail("A valid bearer token is required.").build());
            return;
        }
        Object runtime = getServletContext().getAttribute(MonitoringRuntime.CONTEXT_ATTRIBUTE);
        if (!(runtime instanceof MonitoringRuntime monitoring)) {
            problems.write(res, Problem.builder(ProblemTypes.of("monitoring-unavailable"), "Service Unavailable", 503)
                    .detail("The monitoring filter is not running in this application.").build());
            return;
        }
        byte[] body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(monitoring.snapshot());
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // constant-time comparison: the token must not leak through timing
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
