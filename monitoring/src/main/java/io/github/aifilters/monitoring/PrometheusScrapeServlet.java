package io.github.aifilters.monitoring;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Opt-in Prometheus scrape endpoint (e.g. mapped at {@code /_ai/metrics}) for apps configured in web.xml only: it
 * exports the toolkit's shared {@link MeterRegistry} (context attribute {@link AiFilterContext#METER_REGISTRY}) in the
 * Prometheus text format. Needs {@code io.micrometer:micrometer-registry-prometheus} on the app's classpath (an
 * optional dependency of this module).
 *
 * <p>Which registry is scraped: the shared one when it is a {@link PrometheusMeterRegistry}; when it is a
 * {@link CompositeMeterRegistry}, its Prometheus child. The toolkit's default registry has one from the start when
 * this servlet is declared ({@link PrometheusRegistryContributor}). An app-supplied composite without one gets a new
 * one added when the servlet starts (Micrometer then warns that recordings made before are not in it; map the servlet
 * with {@code <load-on-startup>} to start it with the app). Any other registry type is the app's to export; the servlet
 * then answers 503.
 *
 * <p>Protected like the other ops endpoints: with the init-param {@value #TOKEN} it requires {@code Authorization:
 * Bearer <token>} (compared in constant time); without one it answers 403 unless {@value #ALLOW_ANONYMOUS} is
 * {@code true} (e.g. when the path is reachable only from the scraper's network).
 */
public class PrometheusScrapeServlet extends HttpServlet {

    /** Init-param: the bearer token a scraper must send ({@code bearer_token} / {@code authorization} in Prometheus). */
    public static final String TOKEN = "token";
    /** Init-param: {@code true} answers without a token when none is configured. Default {@code false}. */
    public static final String ALLOW_ANONYMOUS = "allowAnonymous";
    /** Every init-param of the servlet. */
    public static final Set<String> KEYS = Set.of(TOKEN, ALLOW_ANONYMOUS);
    /** The Prometheus text exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final long serialVersionUID = 1L;

    private transient String token;
    private boolean allowAnonymous;
    private transient volatile PrometheusMeterRegistry prometheus;

    /** For web.xml: configured from init-params. */
    public PrometheusScrapeServlet() {
    }

    /** Programmatic: {@code token} null means none (then anonymous scrapes are allowed only by the init-param). */
    public PrometheusScrapeServlet(String token) {
        this.token = token;
    }

    @Override
    public void init() throws ServletException {
        if (token == null) {
            String t = getInitParameter(TOKEN);
            token = t == null || t.isBlank() ? null : t.trim();
        }
        allowAnonymous = Boolean.parseBoolean(getInitParameter(ALLOW_ANONYMOUS));
        // Attach now: a Prometheus registry added to a composite sees the meters registered before, but not what
        // they counted before; with load-on-startup this happens at start-up, before the first request is timed.
        registry();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        var problems = AiFilterContext.problemWriter(getServletContext());
        if (token == null && !allowAnonymous) {
            problems.write(res, Problem.builder(ProblemTypes.of("forbidden"), "Forbidden", 403)
                    .detail("Set the init-param 'token' (or 'allowAnonymous=true') to enable the scrape endpoint.")
                    .build());
            return;
        }
        if (token != null && !authorised(req.getHeader("Authorization"))) {
            res.setHeader("WWW-Authenticate", "Bearer");
            problems.write(res, Problem.builder(ProblemTypes.AUTHENTICATION, "Unauthorized", 401)
                    .detail("A valid bearer token is required.").build());
            return;
        }
        PrometheusMeterRegistry registry = registry();
        if (registry == null) {
            problems.write(res, Problem.builder(ProblemTypes.of("metrics-unavailable"), "Service Unavailable", 503)
                    .detail("The shared MeterRegistry is neither a PrometheusMeterRegistry nor a composite; export "
                            + "it with the app's own endpoint.").build());
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        res.setStatus(200);
        res.setContentType(CONTENT_TYPE);
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** The Prometheus registry to scrape, found or attached once (null when the shared registry cannot have one). */
    private PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry p = prometheus;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (prometheus == null) {
                prometheus = attach(AiFilterContext.meterRegistry(getServletContext()));
            }
            return prometheus;
        }
    }

    static PrometheusMeterRegistry attach(MeterRegistry shared) {
        if (shared instanceof PrometheusMeterRegistry p) {
            return p;
        }
        if (shared instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                if (child instanceof PrometheusMeterRegistry p) {
                    return p;
                }
            }
            PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            composite.add(p);
            return p;
        }
        return null;
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
