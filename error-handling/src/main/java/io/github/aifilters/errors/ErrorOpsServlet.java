package io.github.aifilters.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only JSON view of the error groups for ops: fingerprints with counts, timestamps, category, routes and
 * analyses (embedded and, when made, LLM), most recently seen first. Mount it where the app's own security protects
 * it (e.g. {@code /_ai/errors}), and/or set the {@value #TOKEN} init-param to require
 * {@code Authorization: Bearer <token>} (compared in constant time). Query parameter {@code limit} (default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}).
 *
 * <p>Reads the table the filter publishes as the servlet-context attribute {@value ErrorTable#ATTRIBUTE}.
 */
public class ErrorOpsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Init-param: bearer token required to read the view. Default: none (protect it with the app's security). */
    public static final String TOKEN = "token";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private transient byte[] token;
    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient ProblemWriter problems = new ProblemWriter();

    public ErrorOpsServlet() {
    }

    /** Programmatic: with a bearer token (null or blank: none). */
    public ErrorOpsServlet(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void init() throws ServletException {
        String t = getInitParameter(TOKEN);
        if (t != null && !t.isBlank()) {
            token = t.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (token != null && !authorised(req.getHeader("Authorization"))) {
            res.setHeader("WWW-Authenticate", "Bearer");
            problems.write(res, Problem.builder(ProblemTypes.AUTHENTICATION, "Authentication required", 401)
                    .detail("A valid bearer token is required.").build());
            return;
        }
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
        List<Map<String, Object>> items = new ArrayList<>(groups.size());
        for (FingerprintSnapshot g : groups) {
            items.add(toMap(g));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("distinctFingerprints", attr instanceof ErrorTable t ? t.size() : 0);
        body.put("fingerprints", items);
        byte[] bytes = mapper.writeValueAsBytes(body);
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
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
