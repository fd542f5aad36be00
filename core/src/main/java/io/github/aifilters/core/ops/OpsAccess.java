package io.github.aifilters.core.ops;

import io.github.aifilters.core.llm.LlmStatus;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read an ops endpoint ({@code ErrorOpsServlet}, {@code MonitoringOpsServlet}): closed unless a bearer token
 * is configured, or the app opted into open access from loopback only.
 *
 * <p>Why closed by default: the views hold error ids, routes, analyses that quote SQL and host names, cost per
 * user key and heap figures. {@code new ErrorOpsServlet(System.getenv("OPS_TOKEN"))} with the variable unset used to
 * leave them open to anyone; now it answers 403 and says so in the log at start-up.
 *
 * <ul>
 *   <li>{@value #TOKEN} (init-param, or the servlet's constructor): requests need {@code Authorization: Bearer <token>},
 *       compared in constant time;</li>
 *   <li>{@value #OPEN_ON_LOOPBACK} {@code =true} (init-param, or context-param {@value #CONTEXT_OPEN_ON_LOOPBACK}),
 *       without a token: readable from a loopback address only, and never through a proxy (a request carrying
 *       {@code Forwarded} or {@code X-Forwarded-For} is refused, since a local reverse proxy makes every client
 *       look local);</li>
 *   <li>neither: every request gets a 403 problem.</li>
 * </ul>
 * Only {@code GET}, {@code HEAD} and {@code OPTIONS} are answered; {@code TRACE} (which would echo
 * {@code Authorization} and {@code Cookie}) and every other method get a 405 problem.
 *
 * @param token the bearer token, or null
 * @param openOnLoopback whether, without a token, loopback clients may read
 */
public record OpsAccess(String token, boolean openOnLoopback) {

    /** Init-param: the bearer token. */
    public static final String TOKEN = "token";
    /** Init-param: {@code true} opens the endpoint, without a token, to loopback clients only. */
    public static final String OPEN_ON_LOOPBACK = "openOnLoopback";
    /** Context-param with the same meaning as {@value #OPEN_ON_LOOPBACK}, for every ops endpoint of the app. */
    public static final String CONTEXT_OPEN_ON_LOOPBACK = "aifilters.ops.openOnLoopback";

    private static final Logger LOG = LoggerFactory.getLogger(OpsAccess.class);

    public OpsAccess {
        token = token == null || token.isBlank() ? null : token.trim();
    }

    /**
     * The access of a servlet: the programmatic token (constructor) unless an init-param sets one; open-on-loopback
     * from the programmatic choice, the init-param or the context-param. Logs how the endpoint is reachable.
     */
    public static OpsAccess configure(String name, String programmaticToken, boolean programmaticOpen,
                                      ServletConfig config) {
        String token = programmaticToken;
        boolean open = programmaticOpen;
        if (config != null) {
            String t = config.getInitParameter(TOKEN);
            if (t != null && !t.isBlank()) {
                token = t;
            }
            open |= Boolean.parseBoolean(trim(config.getInitParameter(OPEN_ON_LOOPBACK)))
                    || config.getServletContext() != null && Boolean.parseBoolean(
                            trim(config.getServletContext().getInitParameter(CONTEXT_OPEN_ON_LOOPBACK)));
        }
        OpsAccess access = new OpsAccess(token, open);
        if (access.token() == null) {
            if (open) {
                LOG.warn("ops endpoint {} has no token: readable from loopback only", name);
            } else {
                LOG.warn("ops endpoint {} has no token: closed (403). Set the '{}' init-param, or '{}=true' for "
                        + "loopback-only access", name, TOKEN, OPEN_ON_LOOPBACK);
            }
        }
        return access;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /**
     * Whether {@code req} may be answered; when not, the refusal (405, 401 or 403 problem) has been written.
     */
    public boolean admit(HttpServletRequest req, HttpServletResponse res, ProblemWriter problems) throws IOException {
        String method = req.getMethod() == null ? "" : req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            res.setHeader("Allow", "GET, HEAD, OPTIONS");
            problems.write(res, Problem.builder(ProblemTypes.METHOD_NOT_ALLOWED, "Method Not Allowed", 405)
                    .detail("Ops endpoints are read-only.").build());
            return false;
        }
        if (token != null) {
            if (authorised(req.getHeader("Authorization"))) {
                return true;
            }
            res.setHeader("WWW-Authenticate", "Bearer");
            problems.write(res, Problem.builder(ProblemTypes.AUTHENTICATION, "Authentication required", 401)
                    .detail("A valid bearer token is required.").build());
            return false;
        }
        if (openOnLoopback && loopback(req)) {
            return true;
        }
        problems.write(res, Problem.builder(ProblemTypes.AUTHORIZATION, "Forbidden", 403)
                .detail("This ops endpoint is closed: configure a token, or open it to loopback clients.").build());
        return false;
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // constant time: the token must not leak through timing
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean loopback(HttpServletRequest req) {
        if (req.getHeader("Forwarded") != null || req.getHeader("X-Forwarded-For") != null
                || req.getHeader("X-Real-IP") != null) {
            return false;
        }
        String addr = req.getRemoteAddr();
        if (addr == null || addr.isBlank()) {
            return false;
        }
        try {
            // an IP literal: parsed, never looked up
            String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
            return (a.matches("[0-9.]+") || a.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+") && a.contains(":"))
                    && InetAddress.getByName(a).isLoopbackAddress();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The {@code llm} section of an ops view: breaker state, calls, failures, timeouts, rejections, latency and when
     * it last failed; {@code enabled=false} when no LLM is configured.
     */
    public static Map<String, Object> llmSection(boolean enabled, Optional<LlmStatus> status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        status.ifPresent(s -> {
            m.put("engine", s.engine());
            m.put("breakerState", s.breakerState());
            m.put("breakerOpenings", s.breakerOpenings());
            m.put("calls", s.calls());
            m.put("successes", s.successes());
            m.put("failures", s.failures());
            m.put("timeouts", s.timeouts());
            m.put("rejected", s.rejected());
            m.put("meanLatencyMillis", Math.round(s.meanLatencyMillis() * 10) / 10.0);
            m.put("maxLatencyMillis", Math.round(s.maxLatencyMillis() * 10) / 10.0);
            m.put("lastFailureAt", s.lastFailureAt() == null ? null : s.lastFailureAt().toString());
        });
        return m;
    }
}
