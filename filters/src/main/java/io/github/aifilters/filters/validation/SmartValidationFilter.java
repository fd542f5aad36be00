package io.github.aifilters.filters.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.body.BodyRead;
import io.github.aifilters.core.body.CapturedBody;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.exchange.JsonBody;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.internal.MediaTypes;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.filters.validation.internal.CompiledSchema;
import io.github.aifilters.filters.validation.internal.CorrectionLlm;
import io.github.aifilters.filters.validation.internal.CorrectionQuery;
import io.github.aifilters.filters.validation.internal.HeaderValues;
import io.github.aifilters.filters.validation.internal.JsonBodyValidator;
import io.github.aifilters.filters.validation.internal.LevelPolicy;
import io.github.aifilters.filters.validation.internal.Pointers;
import io.github.aifilters.filters.validation.internal.SchemaCatalog;
import io.github.aifilters.filters.validation.internal.ValidationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Validates JSON request bodies against JSON Schemas mapped per route (and optionally per recognised intent) before
 * the app sees them; answers an invalid body with {@code 400 application/problem+json} naming every violation with a
 * JSON pointer, a stable key, a message and a suggestion; and, only when {@link ValidationFilterConfig#AUTO_CORRECT}
 * is on, repairs the mistakes that have exactly one sensible repair (see {@link io.github.aifilters.filters.validation.internal.AutoCorrector}), passing the corrected
 * body to the app.
 *
 * <p>Register via web.xml init-params (the constants of {@link ValidationFilterConfig}) or programmatically with
 * {@code new SmartValidationFilter(ValidationFilterConfig.builder()...build())}. Schemas are compiled in
 * {@code init}; a broken schema fails start-up with a message naming its location.
 *
 * <p>Fail-open: a failure of this filter's own logic lets the request through unvalidated (logged, rate-limited).
 * Bad input is never a failure: it gets 400 / 413 / 415.
 */
public class SmartValidationFilter extends AbstractAiFilter {

    /** Metric: counter of validations, tags {@code route}, {@code outcome} (valid, corrected, rejected, skipped). */
    public static final String METRIC_VALIDATIONS = "aifilters.validation.requests";
    /** Metric: timer of the filter's own work (capture, parse, validate, correct), tag {@code route}. */
    public static final String METRIC_LATENCY = "aifilters.validation.latency";

    private static final int MAX_SUGGESTION_LENGTH = 300;

    private ValidationFilterConfig config;
    private SchemaCatalog catalog;
    private JsonBodyValidator validator;
    private Redactor redactor;
    private ProblemWriter problems;
    private MeterRegistry registry;

    /** For web.xml: configured from init-params. */
    public SmartValidationFilter() {
    }

    /** Programmatic: init-params present at start-up win over this config's values, key by key. */
    public SmartValidationFilter(ValidationFilterConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** Validation guards its schema routes whatever the route catalog declares: it always reads their bodies. */
    @Override
    protected boolean readsOnlyServedRoutes() {
        return false;
    }

    @Override
    protected Set<String> configKeys() {
        return ValidationFilterConfig.KEYS;
    }

    @Override
    protected void initFilter(InitParams params) throws ServletException {
        config = config == null ? ValidationFilterConfig.from(params) : config.toBuilder().apply(params).build();
        useCommon(config.common());
        catalog = SchemaCatalog.load(config);
        redactor = AiFilterContext.redactor(servletContext());
        problems = AiFilterContext.problemWriter(servletContext());
        registry = meterRegistry();
        meters.clear();
        validator = new JsonBodyValidator(config.limits(), new LevelPolicy(config.levels()), redactor);
        // the exchange parses each body once for the whole chain, under limits that admit ours too
        AiFilterContext.registerJsonLimits(servletContext(), validator.parser());
        // Routes with a schema are declared routes: every filter, metric and log line of the app labels them alike.
        AiFilterContext.routes(servletContext()).register((method, path) -> catalog.match(method, path)
                .map(m -> m.route().substring(m.route().indexOf(' ') + 1)));
        log().info("Smart validation '{}': {} schema mapping(s), auto-correction {}", filterName(), catalog.size(),
                config.autoCorrect() ? "on" : "off");
    }

    public ValidationFilterConfig config() {
        return config;
    }

    /** Which schema applies to a request, and why. */
    private record Selection(String route, CompiledSchema schema, boolean routeMapped) {
    }

    private enum Action { PASS, SKIP, CORRECT, REJECT }

    private record Decision(Action action, Problem problem, ValidationOutcome outcome, byte[] newBody) {
        static Decision pass(ValidationOutcome o) {
            return new Decision(Action.PASS, null, o, null);
        }

        static Decision skip() {
            return new Decision(Action.SKIP, null, null, null);
        }

        static Decision reject(Problem p) {
            return new Decision(Action.REJECT, p, null, null);
        }
    }

    @Override
    protected void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        Selection selection;
        try {
            selection = select(request);
        } catch (RuntimeException e) {
            failOpen("schema selection", e);
            chain.doFilter(request, response);
            return;
        }
        if (selection == null) {
            chain.doFilter(request, response);
            return;
        }
        BodyCapturingRequest wrapper = null;
        Decision decision;
        try {
            wrapper = BodyCapturingRequest.install(request);
            decision = decide(request, wrapper, selection);
            if (decision.action() == Action.CORRECT) {
                wrapper.replaceBody(decision.newBody());
                // the corrected tree is known: nobody after us parses the new body again
                JsonNode corrected = decision.outcome().body();
                wrapper.captured().ifPresent(b -> AiExchange.of(request).jsonReplaced(b, corrected));
            }
        } catch (RuntimeException e) {
            failOpen("validation", e);
            decision = Decision.skip();
        }
        HttpServletRequest downstream = wrapper == null ? request : wrapper.downstream(request);
        String outcome = switch (decision.action()) {
            case PASS -> "valid";
            case SKIP -> "skipped";
            case CORRECT -> "corrected";
            case REJECT -> "rejected";
        };
        record(selection.route(), outcome, System.nanoTime() - start);
        if (decision.action() == Action.REJECT) {
            problems.write(response, decision.problem());
            return;
        }
        if (decision.outcome() != null) {
            try {
                announce(request, response, selection, decision);
            } catch (RuntimeException e) {
                failOpen("reporting", e);
            }
        }
        chain.doFilter(downstream, response);
    }

    private Selection select(HttpServletRequest request) {
        AiExchange exchange = AiExchange.of(request);
        Optional<SchemaCatalog.Match> route = catalog.match(exchange.method(), exchange.path());
        if (catalog.hasIntents()) {
            Optional<IntentResult> intent = AiExchange.of(request).intent();
            if (intent.isPresent() && !intent.get().isNone() && intent.get().confidence() >= config.intentThreshold()) {
                Optional<CompiledSchema> schema = catalog.forIntent(intent.get().intent());
                if (schema.isPresent()) {
                    String name = route.map(SchemaCatalog.Match::route).orElse("intent:" + intent.get().intent());
                    return new Selection(name, schema.get(), route.isPresent());
                }
            }
        }
        return route.map(m -> new Selection(m.route(), m.schema(), true)).orElse(null);
    }

    private Decision decide(HttpServletRequest request, BodyCapturingRequest wrapper, Selection selection) {
        // Strict request rules (415, empty body) only where a route explicitly has a schema; a schema chosen by
        // intent alone applies to the JSON bodies that come, and lets other requests through.
        boolean strict = selection.routeMapped();
        boolean declaredBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!declaredBody) {
            return strict && config.rejectEmptyBody() ? Decision.reject(emptyBody(request, selection)) : Decision.skip();
        }
        String mediaType = MediaTypes.mediaType(MediaTypes.contentType(request));
        if (!MediaTypes.isJson(mediaType)) {
            return strict ? Decision.reject(unsupportedMediaType(request, selection, mediaType)) : Decision.skip();
        }
        BodyRead read = readBody(wrapper);
        switch (read.outcome()) {
            case CAPTURED -> {
                return evaluate(request, selection, read.body().orElseThrow());
            }
            case EMPTY -> {
                return strict && config.rejectEmptyBody() ? Decision.reject(emptyBody(request, selection))
                        : Decision.skip();
            }
            case OVER_CAP -> {
                return config.rejectOverCap() ? Decision.reject(tooLarge(request)) : Decision.skip();
            }
            default -> {
                // Not capturable, consumed by someone else, or the read failed (the app meets the same failure).
                return Decision.skip();
            }
        }
    }

    private Decision evaluate(HttpServletRequest request, Selection selection, CapturedBody body) {
        // parsed once for the whole chain, judged by this filter's read limits
        JsonBody parsed = AiExchange.of(request).json(body, validator.parser());
        ValidationOutcome outcome = validator.evaluate(selection.schema(), parsed, config.autoCorrect());
        return switch (outcome.status()) {
            case ACCEPTED -> Decision.pass(outcome);
            case CORRECTED -> new Decision(Action.CORRECT, null, outcome, encode(outcome.correctedBytes(), body.charset()));
            case REJECTED -> Decision.reject(report(request, selection, parsed, outcome));
            case MALFORMED -> Decision.reject(malformed(request, outcome.bodyError()));
        };
    }

    private static byte[] encode(byte[] utf8, Charset charset) {
        if (charset == null || StandardCharsets.UTF_8.equals(charset)) {
            return utf8;
        }
        return new String(utf8, StandardCharsets.UTF_8).getBytes(charset);
    }

    // --- responses ---------------------------------------------------------------------------------------------

    private Problem report(HttpServletRequest request, Selection selection, JsonBody parsed,
                           ValidationOutcome outcome) {
        List<Violation> errors = withLlmSuggestions(selection, parsed, outcome.errors());
        List<Map<String, Object>> entries = errors.stream().map(SmartValidationFilter::entry).toList();
        Problem.Builder b = Problem.builder(ProblemTypes.VALIDATION, "Request body is invalid", 400)
                .detail(errors.size() == 1 ? "1 violation of the request schema"
                        : errors.size() + " violations of the request schema")
                .instance(request.getRequestURI())
                .with("errors", entries);
        if (!outcome.warnings().isEmpty()) {
            b.with("warnings", outcome.warnings().stream().map(SmartValidationFilter::entry).toList());
        }
        return b.build();
    }

    private static Map<String, Object> entry(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pointer", v.pointer());
        m.put("key", v.key());
        if (v.property() != null) {
            m.put("property", v.property());
        }
        m.put("message", v.message());
        if (v.suggestion() != null) {
            m.put("suggestion", v.suggestion());
        }
        return m;
    }

    /**
     * Asks the LLM (when one is configured and the config allows it) for suggestions, only for violations the embedded
     * rules could not explain; the LLM never decides validity. Its answer is checked ({@link CorrectionLlm#parser}).
     */
    private List<Violation> withLlmSuggestions(Selection selection, JsonBody body, List<Violation> errors) {
        if (!config.engineSuggestions() || !config.llmEscalate() || errors.stream().allMatch(v -> v.suggestion() != null)) {
            return errors;
        }
        LlmClient llm = AiFilterContext.llm(servletContext());
        if (!llm.enabled()) {
            return errors;
        }
        try {
            List<CorrectionQuery.Violation> unexplained = errors.stream().filter(v -> v.suggestion() == null)
                    .map(v -> new CorrectionQuery.Violation(v.pointer(), v.key(), v.message())).toList();
            JsonNode tree = body.tree();
            String redacted = tree == null ? "" : redactor.redactJson(tree).toString();
            CorrectionQuery query = new CorrectionQuery(selection.route(), redacted, unexplained);
            Set<String> pointers = new LinkedHashSet<>();
            unexplained.forEach(v -> pointers.add(v.pointer()));
            Map<String, String> advice = llm.call(CorrectionLlm.prompt(query, redacted, redactor),
                    CorrectionLlm.parser(pointers, redactor)).orElse(Map.of());
            if (advice.isEmpty()) {
                return errors;
            }
            List<Violation> out = new ArrayList<>(errors.size());
            for (Violation v : errors) {
                String s = v.suggestion() == null ? advice.get(v.pointer()) : null;
                out.add(s == null || s.isBlank() ? v : v.withSuggestion(cleanSuggestion(s)));
            }
            return out;
        } catch (RuntimeException e) {
            failOpen("LLM suggestions", e);
            return errors;
        }
    }

    private String cleanSuggestion(String s) {
        String clean = redactor.redactText(s).replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= MAX_SUGGESTION_LENGTH ? clean : clean.substring(0, MAX_SUGGESTION_LENGTH) + "...";
    }

    private Problem malformed(HttpServletRequest request, ValidationOutcome.BodyError error) {
        boolean empty = "validation.request.empty".equals(error.key());
        Problem.Builder b = Problem.builder(empty ? ProblemTypes.VALIDATION : ProblemTypes.MALFORMED_JSON,
                empty ? "Request body is missing" : "Request body is not valid JSON", 400)
                .detail(error.message())
                .instance(request.getRequestURI());
        if (error.line() > 0) {
            b.with("line", error.line()).with("column", error.column());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pointer", "");
        entry.put("key", error.key());
        entry.put("message", error.message());
        return b.with("errors", List.of(entry)).build();
    }

    private Problem emptyBody(HttpServletRequest request, Selection selection) {
        return malformed(request, new ValidationOutcome.BodyError("validation.request.empty",
                "the request body is empty; " + selection.route() + " expects a JSON document", -1, -1));
    }

    private Problem unsupportedMediaType(HttpServletRequest request, Selection selection, String mediaType) {
        String sent = mediaType.isEmpty() ? "no Content-Type" : "Content-Type " + HeaderValues.encode(mediaType);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pointer", "");
        entry.put("key", "validation.request.contentType");
        entry.put("message", sent + " is not JSON");
        entry.put("suggestion", "send the body as application/json");
        return Problem.builder(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415)
                .detail(selection.route() + " accepts application/json")
                .instance(request.getRequestURI())
                .with("errors", List.of(entry))
                .build();
    }

    private Problem tooLarge(HttpServletRequest request) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pointer", "");
        entry.put("key", "validation.request.tooLarge");
        entry.put("message", "the body is larger than " + maxBodyBytes() + " bytes");
        return Problem.builder(ProblemTypes.PAYLOAD_TOO_LARGE, "Request body too large", 413)
                .detail("the body is larger than " + maxBodyBytes() + " bytes")
                .instance(request.getRequestURI())
                .with("errors", List.of(entry))
                .build();
    }

    // --- what the app and the client see on success ------------------------------------------------------------

    private void announce(HttpServletRequest request, HttpServletResponse response, Selection selection,
                          Decision decision) {
        ValidationOutcome outcome = decision.outcome();
        if (decision.action() == Action.CORRECT) {
            List<Correction> changes = outcome.corrections();
            ValidationAttributes.CORRECTIONS.set(request, new Corrections(changes));
            response.setHeader(config.correctedHeader(), HeaderValues.list(
                    changes.stream().map(c -> c.pointer().isEmpty() ? "(root)" : c.pointer()).distinct().toList(),
                    config.maxHeaderLength()));
            if (log().isInfoEnabled()) { // the redacted description is built only for a log that takes it
                log().info("validation corrected {} body: {}", selection.route(), changes.stream()
                        .map(this::describe).collect(Collectors.joining("; ")));
            }
        }
        if (!outcome.warnings().isEmpty()) {
            ValidationAttributes.WARNINGS.set(request, new ValidationWarnings(outcome.warnings()));
            response.setHeader(config.warningsHeader(), HeaderValues.list(outcome.warnings().stream()
                    .map(v -> v.key() + "=" + (v.pointer().isEmpty() ? "(root)" : v.pointer())).toList(),
                    config.maxHeaderLength()));
            if (log().isInfoEnabled()) {
                log().info("validation warnings {}: {}", selection.route(), outcome.warnings().stream()
                        .map(v -> v.key() + " at '" + v.pointer() + "'").collect(Collectors.joining(", ")));
            }
        }
    }

    /** One change for the log: values redacted (whole value when the field name is sensitive), bounded. */
    private String describe(Correction c) {
        boolean sensitive = !Correction.Rules.PROPERTY_NAME.equals(c.rule())
                && redactor.isSensitiveField(Pointers.lastToken(c.pointer()));
        return c.pointer() + " " + c.rule() + " " + logValue(c.from(), sensitive) + " -> " + logValue(c.to(), sensitive);
    }

    private String logValue(JsonNode v, boolean sensitive) {
        if (sensitive) {
            return Redactor.MASK;
        }
        String s = redactor.redactText(v.toString());
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private void record(String route, String outcome, long nanos) {
        try {
            String key = route + '\n' + outcome;
            Meters m = meters.get(key);
            if (m == null) {
                // Looked up in the registry once per (route, outcome), not per request: routes come from the schema
                // catalog (or its intents), so the set is small; past the cap the registry is asked as before.
                m = new Meters(Counter.builder(METRIC_VALIDATIONS).tag("route", route).tag("outcome", outcome)
                        .register(registry), Timer.builder(METRIC_LATENCY).tag("route", route).register(registry));
                if (meters.size() < MAX_CACHED_METERS) {
                    meters.putIfAbsent(key, m);
                }
            }
            m.count().increment();
            m.latency().record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            failOpen("metrics", e);
        }
    }

    /** The meters of one (route, outcome). */
    private record Meters(Counter count, Timer latency) {
    }

    /** Bound of the meter cache. */
    static final int MAX_CACHED_METERS = 2048;

    private final java.util.concurrent.ConcurrentHashMap<String, Meters> meters =
            new java.util.concurrent.ConcurrentHashMap<>();
}
