package io.github.aifilters.monitoring;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.ops.OpsAccess;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Protected like the other ops endpoints, by {@link OpsAccess} in the servlet itself, whatever filter is in front:
 * <ul>
 *   <li>{@value #TOKEN} (init-param, or the constructor): a scraper must send {@code Authorization: Bearer <token>}
 *       (compared in constant time), else 401;</li>
 *   <li>{@value #OPEN_ON_LOOPBACK} {@code =true} (init-param, the constructor, or the context-param
 *       {@value OpsAccess#CONTEXT_OPEN_ON_LOOPBACK}), without a token: loopback clients only, never through a proxy
 *       (a request carrying {@code Forwarded} or {@code X-Forwarded-For} is refused);</li>
 *   <li>{@value #ALLOW_ANONYMOUS} {@code =true}: an alias of {@value #OPEN_ON_LOOPBACK}, loopback clients only and
 *       never other hosts, since the scrape names routes, error classes, LLM models and cost, and heap figures; the
 *       servlet says so in the log at start-up. A scraper on another host sends the token
 *       ({@code authorization: {credentials: …}} in Prometheus);</li>
 *   <li>none of them: every request gets a 403 problem (warned at start-up).</li>
 * </ul>
 * Only {@code GET}, {@code HEAD} and {@code OPTIONS} are answered: {@code TRACE} (which would echo
 * {@code Authorization} and {@code Cookie}) and every other method get a 405 problem.
 */
public class PrometheusScrapeServlet extends HttpServlet {

    /** Init-param: the bearer token a scraper must send ({@code bearer_token} / {@code authorization} in Prometheus). */
    public static final String TOKEN = OpsAccess.TOKEN;
    /** Init-param: {@code true} opens the endpoint without a token to loopback clients only. Default {@code false}. */
    public static final String OPEN_ON_LOOPBACK = OpsAccess.OPEN_ON_LOOPBACK;
    /**
     * Init-param: an alias of {@value #OPEN_ON_LOOPBACK} (loopback clients only, without a token). Default
     * {@code false}.
     */
    public static final String ALLOW_ANONYMOUS = "allowAnonymous";
    /** Every init-param of the servlet. */
    public static final Set<String> KEYS = Set.of(TOKEN, OPEN_ON_LOOPBACK, ALLOW_ANONYMOUS);
    /** The Prometheus text exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusScrapeServlet.class);

    private final transient String programmaticToken;
    private final boolean programmaticOpen;
    private transient OpsAccess access;
    private transient volatile PrometheusMeterRegistry prometheus;

    /** For web.xml: the init-params decide; closed without them. */
    public PrometheusScrapeServlet() {
        this(null, false);
    }

    /** Programmatic: with a bearer token (null or blank: none, and then closed unless an init-param opens it). */
    public PrometheusScrapeServlet(String token) {
        this(token, false);
    }

    /** Programmatic: with a bearer token, or (null token and {@code openOnLoopback}) readable from loopback only. */
    public PrometheusScrapeServlet(String token, boolean openOnLoopback) {
        this.programmaticToken = token;
        this.programmaticOpen = openOnLoopback;
        this.access = new OpsAccess(token, openOnLoopback);
    }

    @Override
    public void init() throws ServletException {
        String anonymous = getInitParameter(ALLOW_ANONYMOUS);
        boolean allowAnonymous = anonymous != null && Boolean.parseBoolean(anonymous.trim());
        if (allowAnonymous) {
            LOG.warn("PrometheusScrapeServlet: '{}=true' opens the scrape to loopback clients only (as '{}=true'); a "
                    + "scraper on another host needs the '{}' init-param", ALLOW_ANONYMOUS, OPEN_ON_LOOPBACK, TOKEN);
        }
        access = OpsAccess.configure("PrometheusScrapeServlet", programmaticToken, programmaticOpen || allowAnonymous,
                getServletConfig());
        // Attach now: a Prometheus registry added to a composite sees the meters registered before, but not what
        // they counted before; with load-on-startup this happens at start-up, before the first request is timed.
        registry();
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
        PrometheusMeterRegistry registry = registry();
        if (registry == null) {
            AiFilterContext.problemWriter(getServletContext()).write(res, Problem.builder(
                    ProblemTypes.of("metrics-unavailable"), "Service Unavailable", 503)
                    .detail("The shared MeterRegistry is neither a PrometheusMeterRegistry nor a composite; export it "
                            + "with the app's own endpoint.").build());
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
}
