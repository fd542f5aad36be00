package io.github.aifilters.errors;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.ops.OpsAccess;
import io.github.aifilters.core.redact.Redactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only JSON view of the error groups for ops: fingerprints with counts, timestamps, category, routes and
 * analyses (embedded and, when made, LLM), most recently seen first. Mount it where the app's own security protects
 * it (e.g. {@code /_ai/errors}), and set the {@value #TOKEN} init-param to require
 * {@code Authorization: Bearer <token>} (compared in constant time). Without a token it is closed (403) unless
 * {@value #OPEN_ON_LOOPBACK} opens it to loopback clients; TRACE and writes get 405 ({@link OpsAccess}). The JSON
 * also has an {@code llm} section (breaker state, failures, timeouts, latency). Query parameter {@code limit} (default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}).
 *
 * <p>Reads the table the filter publishes as the servlet-context attribute {@value ErrorTable#ATTRIBUTE}.
 */
public class ErrorOpsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Init-param: bearer token required to read the view. Default: none (closed, see {@link OpsAccess}). */
    public static final String TOKEN = OpsAccess.TOKEN;
    /** Init-param: {@code true} opens the view without a token to loopback clients only. */
    public static final String OPEN_ON_LOOPBACK = OpsAccess.OPEN_ON_LOOPBACK;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final transient String programmaticToken;
    private final boolean programmaticOpen;
    private transient OpsAccess access;
    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient ProblemWriter problems = new ProblemWriter();

    /** For web.xml: the {@value #TOKEN} / {@value #OPEN_ON_LOOPBACK} init-params decide; closed without them. */
    public ErrorOpsServlet() {
        this(null, false);
    }

    /** Programmatic: with a bearer token (null or blank: none, and then closed unless an init-param opens it). */
    public ErrorOpsServlet(String token) {
        this(token, false);
    }

    /**
     * Programmatic: with a bearer token, or (null token and {@code openOnLoopback}) readable from loopback only.
     */
    public ErrorOpsServlet(String token, boolean openOnLoopback) {
        this.programmaticToken = token;
        this.programmaticOpen = openOnLoopback;
        this.access = new OpsAccess(token, openOnLoopback);
    }

    @Override
    public void init() throws ServletException {
        access = OpsAccess.configure("ErrorOpsServlet", programmaticToken, programmaticOpen, getServletConfig());
    }

    /** Every method passes the access check first: TRACE and writes get 405, strangers 401/403. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        if (access.admit(req, res, problems)) {
            super.service(req, res);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        int limit = DEFAULT_LIMIT;
        String l = req.getParameter("limit");
        if (l != null) {
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(l.trim())));
            } catch (NumberFormatException e) {
                problems.write(res, Problem.builder(ProblemTypes.VALIDATION, "Invalid request", 400)
                        .detail("limit must be a number.").build());
                return;
            }
        }
        Object attr = getServletContext().getAttribute(ErrorTable.ATTRIBUTE);
        List<FingerprintSnapshot> groups = attr instanceof ErrorTable t ? t.newestFirst(limit) : List.of();
        Redactor redactor = AiFilterContext.redactor(getServletContext());
        List<Map<String, Object>> items = new ArrayList<>(groups.size());
        for (FingerprintSnapshot g : groups) {
            Map<String, Object> item = toMap(g);
            // routes come from paths: redacted again here, whatever recorded them (issue 12, raw path segments)
            item.put("routes", g.routes().stream().map(redactor::redactText).toList());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("distinctFingerprints", attr instanceof ErrorTable t ? t.size() : 0);
        body.put("fingerprints", items);
        body.put("llm", llm());
        byte[] bytes = mapper.writeValueAsBytes(body);
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    /** LLM health: an outage must be visible here, not only as answers quietly falling back. */
    private Map<String, Object> llm() {
        try {
            LlmClient client = AiFilterContext.llm(getServletContext());
            return OpsAccess.llmSection(client.enabled(), client.status());
        } catch (RuntimeException e) {
            return Map.of("enabled", false);
        }
    }

    static Map<String, Object> toMap(FingerprintSnapshot g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", g.fingerprint());
        m.put("count", g.count());
        m.put("firstSeen", g.firstSeen().toString());
        m.put("lastSeen", g.lastSeen().toString());
        m.put("lastErrorId", g.lastErrorId());
        m.put("category", g.category());
        m.put("status", g.status());
        m.put("severity", g.severity());
        m.put("exception", g.exception());
        m.put("rootException", g.rootException());
        m.put("routes", g.routes());
        m.put("analysis", analysis(g.analysis()));
        m.put("llmAnalysis", analysis(g.llmAnalysis()));
        return m;
    }

    private static Map<String, Object> analysis(ErrorAnalysis a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probableCause", a.probableCause());
        m.put("suggestedActions", a.suggestedActions());
        m.put("docs", a.docs());
        m.put("confidence", a.confidence());
        m.put("source", a.source().name());
        return m;
    }
}
