package io.github.aifilters.core.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.body.CapturedBody;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.core.internal.JsonParsing;
import io.github.aifilters.core.route.RouteResolvers;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * What the filters know about one request, kept in one request attribute ({@link #ATTRIBUTE}) and created by the first
 * filter that sees the request ({@link #of}). Filters read and write it instead of re-deriving what another filter
 * already knows:
 * <ul>
 *   <li>the JSON body, parsed at most once per body ({@link #json}) with the toolkit's one parser configuration
 *       ({@link JsonBodies});</li>
 *   <li>the route template, resolved once by the app's {@link RouteResolvers} ({@link #routeTemplate}): the same
 *       label in metrics, error logs, validation and suggestions;</li>
 *   <li>the intent result ({@link #intent}) and the error id of a problem written for the request ({@link #errorId}).</li>
 * </ul>
 * Being a request attribute, it follows the request across ASYNC and ERROR dispatches and threads; the method and path
 * are those of the original request. Thread-safe.
 */
public final class AiExchange {

    /** Request attribute holding the exchange. */
    public static final String ATTRIBUTE = "io.github.aifilters.exchange";

    /** The parser of an exchange outside any web app (unit tests, a bare request). */
    private static final JsonParsing.Parser STANDALONE =
            new JsonParsing.Parser(JsonBodies.DEFAULT, JsonBodies.DEFAULT.newMapper(), false);

    private final String method;
    private final String path;
    private final RouteResolvers routes;
    private final JsonParsing.Parser parser;
    private final HttpServletRequest request;
    private volatile String resolvedTemplate;
    private volatile boolean declaredTemplate;
    private volatile IntentResult intent;
    private volatile String errorId;
    private volatile Throwable failure;
    private CapturedBody parsedBody;
    private JsonBody json;
    private JsonExtents extents;
    private int jsonParses;

    /** Masks secrets in guessed templates, whose segments come verbatim from the client's path. */
    private final io.github.aifilters.core.redact.Redactor redactor;

    private AiExchange(HttpServletRequest request, RouteResolvers routes, JsonParsing.Parser parser,
                       io.github.aifilters.core.redact.Redactor redactor) {
        this.redactor = redactor;
        this.request = request;
        this.method = request.getMethod() == null ? "GET" : request.getMethod().toUpperCase(Locale.ROOT);
        this.path = RequestMatcher.pathOf(request);
        this.routes = routes;
        this.parser = parser;
    }

    /** The request's exchange, created (and stored) by the first filter that asks. */
    public static AiExchange of(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof AiExchange exchange) {
            return exchange;
        }
        ServletContext context = request.getServletContext();
        AiExchange created = context == null
                ? new AiExchange(request, new RouteResolvers(), STANDALONE,
                        io.github.aifilters.core.redact.DefaultRedactor.defaults())
                : new AiExchange(request, AiFilterContext.routes(context), JsonParsing.of(context).current(),
                        AiFilterContext.redactor(context));
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    /** The request's exchange, if a filter created one. */
    public static Optional<AiExchange> find(ServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        return existing instanceof AiExchange exchange ? Optional.of(exchange) : Optional.empty();
    }

    /** The original request's method, upper case. */
    public String method() {
        return method;
    }

    /** The original request's path within the context. */
    public String path() {
        return path;
    }

    // --- JSON body ------------------------------------------------------------------------------------------------

    /**
     * The body parsed as JSON under the toolkit's limits ({@link JsonBodies#DEFAULT}); see
     * {@link #json(CapturedBody, JsonBodies)}.
     */
    public JsonBody json(CapturedBody body) {
        return json(body, JsonBodies.DEFAULT);
    }

    /**
     * The body parsed as JSON and judged by {@code limits}: parsed on the first call for these bytes, the same tree
     * afterwards (a replaced body, e.g. auto-corrected, is parsed again only if nobody handed its tree over with
     * {@link #jsonReplaced}). The one parse admits the loosest limits of the app's filters (each registers its own
     * with {@link AiFilterContext#registerJsonLimits}); a body beyond {@code limits} is answered as malformed, with the
     * error a parser with those limits gives.
     */
    public synchronized JsonBody json(CapturedBody body, JsonBodies limits) {
        if (json == null || parsedBody == null || parsedBody.bytes() != body.bytes()) {
            if (parser.measures()) {
                JsonExtents.Measured measured = JsonExtents.parse(parser.mapper(), body.bytes(), body.charset());
                json = measured.body();
                extents = measured.extents();
            } else {
                json = JsonBodies.parse(parser.mapper(), body.bytes(), body.charset());
                extents = null;
            }
            parsedBody = body;
            jsonParses++;
        }
        if (limits.equals(parser.limits())) {
            return json;
        }
        boolean within = parser.limits().loosest(limits).equals(parser.limits());
        if (within && json.malformed()) {
            return json; // what the looser parser refused, a stricter one refuses too
        }
        if (within && extents != null) {
            return extents.admit(json, limits);
        }
        // limits no filter registered: only a parse with them can tell
        jsonParses++;
        return JsonBodies.parse(limits.newMapper(), body.bytes(), body.charset());
    }

    /** Tells the exchange the tree of a body a filter replaced, so that nobody parses it again. */
    public synchronized void jsonReplaced(CapturedBody body, JsonNode tree) {
        parsedBody = body;
        json = new JsonBody(tree, null);
        extents = null;
    }

    /** How many times a body of this request was parsed (at most once per distinct body). */
    public synchronized int jsonParses() {
        return jsonParses;
    }

    /** The mapper of the app's parser configuration, e.g. to write a corrected body. */
    public ObjectMapper jsonMapper() {
        return parser.mapper();
    }

    // --- route ----------------------------------------------------------------------------------------------------

    /**
     * The route template of the request, e.g. {@code /api/users/{id}}: the one the app set
     * ({@link AiAttributes#ROUTE_TEMPLATE}), else the first registered resolver's, else a guess from the path's
     * shape. Resolved once.
     */
    public String routeTemplate() {
        Optional<String> app = AiAttributes.ROUTE_TEMPLATE.get(request);
        if (app.isPresent() && !app.get().isBlank()) {
            return app.get();
        }
        String t = resolvedTemplate;
        if (t == null) {
            Optional<String> declared = routes.declared(method, path);
            declaredTemplate = declared.isPresent();
            // A guess keeps the path's non-id segments (/api/fail/password=…, /keys/AKIA…): redacted here, once, so
            // metrics tags, series names, log lines and ops views that use the template never carry a secret.
            t = declared.orElseGet(() -> redactor.redactText(routes.resolve(method, path)));
            resolvedTemplate = t;
        }
        return t;
    }

    /** Whether {@link #routeTemplate()} is a declared route (the app's or a resolver's), not a guess. */
    public boolean routeDeclared() {
        if (AiAttributes.ROUTE_TEMPLATE.get(request).isPresent()) {
            return true;
        }
        routeTemplate();
        return declaredTemplate;
    }

    // --- intent and error -----------------------------------------------------------------------------------------

    /** The intent recognised for this request, if the intent filter ran. */
    public Optional<IntentResult> intent() {
        IntentResult r = intent;
        return r != null ? Optional.of(r) : AiAttributes.INTENT.get(request);
    }

    /** Records the intent (also as the typed request attribute {@link AiAttributes#INTENT}, for the app). */
    public void intent(IntentResult result) {
        this.intent = result;
        AiAttributes.INTENT.set(request, result);
    }

    /** The error id of the problem document written for this request, if any. */
    public Optional<String> errorId() {
        String id = errorId;
        return id != null ? Optional.of(id) : AiAttributes.ERROR_ID.get(request);
    }

    /** Records the error id (also as the request attribute {@link AiAttributes#ERROR_ID}). */
    public void errorId(String id) {
        this.errorId = id;
        AiAttributes.ERROR_ID.set(request, id);
    }

    /**
     * The exception the app's chain threw for this request, when a filter (error analysis) caught it and answered
     * with a problem document instead of letting it reach the filters outside it; the monitoring filter tags its timer
     * with it, since it never sees the exception itself.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Records the exception a filter caught and answered for (first one wins: later ones are consequences). */
    public void failure(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }
}
