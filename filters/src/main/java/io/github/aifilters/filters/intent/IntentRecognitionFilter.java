package io.github.aifilters.filters.intent;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.body.BodyRead;
import io.github.aifilters.core.body.CapturedBody;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.exchange.JsonBody;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.RankedIntent;
import io.github.aifilters.core.intent.TierAnswer;
import io.github.aifilters.core.internal.MediaTypes;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.intent.internal.IntentClassifierTrainer;
import io.github.aifilters.filters.intent.internal.IntentDefinition;
import io.github.aifilters.filters.intent.internal.IntentLlm;
import io.github.aifilters.filters.intent.internal.IntentModelHolder;
import io.github.aifilters.filters.intent.internal.IntentTrainingOptions;
import io.github.aifilters.filters.intent.internal.IntentsDefinition;
import io.github.aifilters.filters.intent.internal.IntentsFileLoader;
import io.github.aifilters.filters.intent.internal.SemanticTierRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Recognises what a request asks for in natural language and tells the app and ops, offline and in microseconds.
 *
 * <p>Reads text from the JSON body (configurable JSON pointers, default {@code /message}, {@code /query}, {@code /q},
 * {@code /text}), form fields and the {@code q} query parameter; several are joined with a space. Nothing to read: the
 * filter does nothing. The text is classified by the model trained at start-up from the intents file; an LLM, when
 * configured ({@link AiFilterContext#llm}), is asked only below {@link IntentFilterConfig#ESCALATE_BELOW}. The
 * {@link IntentResult} is stored under {@link AiAttributes#INTENT} for the app and the other filters; when the
 * confidence reaches {@link IntentFilterConfig#HEADER_THRESHOLD} and the answer is an intent (not {@code none}), the
 * response carries {@code X-AI-Intent} and {@code X-AI-Confidence}, set before the app runs so that they are in place
 * whenever the response commits.
 *
 * <p>Bodies are read once through the shared {@link BodyCapturingRequest}, only for JSON and form requests, never past
 * {@link CommonSettings#MAX_BODY_BYTES}; an over-cap or binary body is skipped (and counted) and reaches the app
 * untouched. Any failure of the filter's own logic is logged (rate-limited) and the request continues without a result.
 *
 * <p>Metrics: {@code aifilters.intent.recognitions{intent}} (intent names bounded to the configured labels plus
 * {@code none}), {@code aifilters.intent.confidence} (distribution with histogram buckets),
 * {@code aifilters.intent.latency} (timer), {@code aifilters.intent.escalations{outcome=llm|embedded|rejected}},
 * {@code aifilters.intent.skipped{reason}}, {@code aifilters.intent.reloads{result}},
 * {@code aifilters.intent.tier{outcome=answered|not_ready|timeout|busy|failed}} (weak answers sent to the second tier).
 *
 * <p>Cascade: when {@code ai-filters-semantic} (or another {@link IntentTierProvider}) is on the class path and
 * {@link IntentFilterConfig#SEMANTIC_TIER} is on, a lexical answer below {@link IntentFilterConfig#LEXICAL_CONFIDENCE}
 * is re-asked of that tier within {@link IntentFilterConfig#SEMANTIC_BUDGET}; the tier trains in the background and the
 * lexical answer serves until it is ready. {@link IntentResult#source()} says which tier answered,
 * {@link IntentResult#ranked()} carries the top-k intents and {@link #AMBIGUOUS_HEADER} the runner-up of an ambiguous
 * answer.
 */
public class IntentRecognitionFilter extends AbstractAiFilter {

    /** Response header: the recognised intent. */
    public static final String INTENT_HEADER = "X-AI-Intent";
    /** Response header: its confidence, 3 decimals. */
    public static final String CONFIDENCE_HEADER = "X-AI-Confidence";
    /**
     * Response header, set only when the answer is ambiguous (its two best ranked intents are less than
     * {@link IntentFilterConfig#AMBIGUITY_MARGIN} apart): the runner-up intent, so that ops and the app can see which
     * intents the text sits between.
     */
    public static final String AMBIGUOUS_HEADER = "X-AI-Intent-Ambiguous";

    private IntentFilterConfig config;
    private List<JsonPointer> pointers;
    private IntentModelHolder holder;
    private volatile IntentsDefinition publishedDefinition;
    private LlmClient llm;
    private Redactor redactor;
    private Metrics metrics;
    /** The optional second tier, or null (no provider on the class path, or switched off). */
    private SemanticTierRunner tier;

    /** For web.xml: configured from init-params. */
    public IntentRecognitionFilter() {
    }

    /** Programmatic use: init-params present at start-up win over this config's values, key by key. */
    public IntentRecognitionFilter(IntentFilterConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    protected Set<String> configKeys() {
        return IntentFilterConfig.KEYS;
    }

    @Override
    protected void initFilter(InitParams params) throws ServletException {
        config = config == null ? IntentFilterConfig.from(params) : config.toBuilder().apply(params).build();
        useCommon(config.common());
        pointers = config.jsonPointers().stream().map(JsonPointer::compile).toList();
        IntentTrainingOptions options = IntentTrainingOptions.DEFAULTS.withNoneThreshold(config.noneThreshold());
        ClassLoader loader = servletContext() != null && servletContext().getClassLoader() != null
                ? servletContext().getClassLoader() : Thread.currentThread().getContextClassLoader();
        // Trains now: a broken intents file fails start-up with the file, line and problem in the message.
        holder = new IntentModelHolder(new IntentsFileLoader(config.intentsFile(), loader),
                new IntentClassifierTrainer(options), config.reloadMode(), config.reloadInterval());
        publishRoutes(holder.definition());
        llm = AiFilterContext.llm(servletContext());
        redactor = AiFilterContext.redactor(servletContext());
        metrics = new Metrics(meterRegistry(), holder);
        if (config.semanticTier()) {
            // optional: found only when ai-filters-semantic is on the class path; trains in the background, the
            // lexical model serves meanwhile
            IntentTierProvider.find(loader).ifPresent(p -> {
                tier = new SemanticTierRunner(p, config.semanticBudget());
                tier.trainFor(holder.definition());
                log().info("Intent recognition '{}': {} tier found, training in the background (budget {} ms, "
                        + "asked below lexical confidence {})", filterName(), p.name(),
                        config.semanticBudget().toMillis(), config.lexicalConfidence());
            });
        }
        IntentClassifier model = holder.current();
        log().info("Intent recognition '{}' ready: {} intents, {} features, trained in {} ms (reload: {})",
                filterName(), model.labels().size(), model.dimension(),
                model.report().trainingTime().toMillis(), config.reloadMode());
    }

    /**
     * The original dispatch only: an ASYNC or ERROR re-dispatch of the same request already carries the result and the
     * headers, and must not read or classify again.
     */
    @Override
    protected Set<DispatcherType> dispatchTypes() {
        return REQUEST_ONLY;
    }

    /** One immutable set, not a new one per request. */
    private static final Set<DispatcherType> REQUEST_ONLY = Set.of(DispatcherType.REQUEST);

    /** True when a second tier is on the class path, enabled, and trained (it answers weak lexical answers). */
    public boolean secondTierReady() {
        return tier != null && tier.ready();
    }

    /**
     * Reads the intents file again and swaps in the model trained from it, changed or not. Trains on the calling
     * thread; requests keep the old model until the new one is swapped in. For an app that reloads on its own signal.
     *
     * @return false when a reload was already running (this call did nothing)
     * @throws IllegalArgumentException when the file is invalid; the old model stays
     */
    public boolean reloadNow() {
        return holder.reloadNow();
    }

    @Override
    protected void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest downstream = request;
        try {
            holder.maybeReload();
            if (holder.definition() != publishedDefinition) {
                publishRoutes(holder.definition()); // the file was reloaded
            }
            if (tier != null) {
                tier.trainFor(holder.definition()); // no-op unless the file was reloaded
            }
            List<String> parts = new ArrayList<>(4);
            downstream = collectBodyText(request, parts);
            collectQueryText(request, parts);
            String text = join(parts);
            if (!text.isEmpty()) {
                recognise(text, request, response);
            }
        } catch (RuntimeException e) {
            failOpen("intent recognition", e);
        }
        chain.doFilter(downstream, response);
    }

    private void recognise(String text, HttpServletRequest request, HttpServletResponse response) {
        IntentClassifier model = holder.current();
        long start = System.nanoTime();
        IntentResult lexical = model.classify(text, config.topK(), config.ambiguityMargin());
        IntentResult result = classify(text, model, lexical);
        if (result == null || !result.isNone() && !model.labels().contains(result.intent())) {
            // an answer outside the configured intents is not one we can pass on
            metrics.rejected();
            result = lexical;
        }
        result = result.withLatency(Duration.ofNanos(System.nanoTime() - start));
        AiExchange.of(request).intent(result);
        metrics.record(result, model, config.escalateBelow(), llm.enabled());
        if (response.isCommitted()) {
            return;
        }
        if (!result.isNone() && result.confidence() >= config.headerThreshold()) {
            response.setHeader(INTENT_HEADER, headerToken(result.intent()));
            response.setHeader(CONFIDENCE_HEADER, confidenceHeader(result.confidence()));
        }
        if (result.ambiguous() && result.runnerUp() != null) {
            response.setHeader(AMBIGUOUS_HEADER, headerToken(result.runnerUp()));
        }
    }

    /**
     * The cascade. The lexical answer stands when its top probability reaches
     * {@link IntentFilterConfig#LEXICAL_CONFIDENCE} and the intents file has at least
     * {@link IntentFilterConfig#SEMANTIC_FIRST_BELOW} examples per intent; else the second tier (when present and trained) answers within
     * {@link IntentFilterConfig#SEMANTIC_BUDGET} (on timeout the lexical answer stands); then, below
     * {@link IntentFilterConfig#ESCALATE_BELOW} and only when an LLM is configured, the LLM's checked answer replaces
     * it (the text is redacted in the prompt; any failure keeps the answer so far).
     */
    private IntentResult classify(String text, IntentClassifier model, IntentResult lexical) {
        IntentResult answer = lexical;
        double lexicalTop = lexical.ranked().isEmpty() ? lexical.confidence() : lexical.ranked().get(0).score();
        if (tier != null && config.asksSemanticTier(lexicalTop, model.report().examplesPerIntent())) {
            SemanticTierRunner.Attempt attempt = tier.ask(text);
            metrics.tier(attempt.outcome());
            if (attempt.answer().isPresent()) {
                answer = fromTier(attempt.answer().get(), lexical, model);
            }
        }
        if (!llm.enabled() || !(answer.confidence() < config.escalateBelow())) {
            return answer;
        }
        IntentResult sofar = answer;
        return llm.call(IntentLlm.prompt(text, model.labels(), redactor), IntentLlm.parser(model.labels()))
                .map(a -> new IntentResult(a.intent(), a.confidence(), lexical.entities(),
                        IntentResult.NONE.equals(a.intent()) ? null : model.actionOf(a.intent()), EngineSource.LLM,
                        null, sofar.ranked(), sofar.ambiguous()))
                .orElse(sofar);
    }

    /** The tier's answer in the filter's terms: out of scope is {@code none} with confidence {@code 1 - p}. */
    private IntentResult fromTier(TierAnswer a, IntentResult lexical, IntentClassifier model) {
        List<RankedIntent> ranked = a.ranked().size() > config.topK() ? a.ranked().subList(0, config.topK())
                : a.ranked();
        String intent = a.outOfScope() ? IntentResult.NONE : a.topIntent();
        double confidence = a.outOfScope() ? 1.0 - a.confidence() : a.confidence();
        return new IntentResult(intent, confidence, lexical.entities(),
                a.outOfScope() ? null : model.actionOf(intent), EngineSource.SEMANTIC, null, ranked,
                IntentResult.isAmbiguous(ranked, config.ambiguityMargin()));
    }

    /**
     * Publishes the intents file's routes ({@code route:}) for route suggestion, by intent name and action, so that it
     * sees them whether this filter was configured by init-params or in code, and after every reload.
     */
    private void publishRoutes(IntentsDefinition definition) {
        try {
            Map<String, String> routes = new java.util.LinkedHashMap<>();
            for (IntentDefinition intent : definition.intents()) {
                if (intent.route() != null) {
                    routes.put(intent.name(), intent.route());
                    if (intent.action() != null) {
                        routes.put(intent.action(), intent.route());
                    }
                }
            }
            AiFilterContext.intentRoutes(servletContext()).publish(routes);
        } catch (RuntimeException e) {
            failOpen("publishing intent routes", e);
        } finally {
            publishedDefinition = definition;
        }
    }

    /** Reads the body for JSON and form requests; returns the request to pass down the chain. */
    private HttpServletRequest collectBodyText(HttpServletRequest request, List<String> parts) {
        String mediaType = MediaTypes.mediaType(MediaTypes.contentType(request));
        boolean json = MediaTypes.isJson(mediaType);
        boolean form = MediaTypes.FORM.equals(mediaType);
        if (!json && !form) {
            if (hasBody(request)) {
                metrics.skipped("unsupported_type");
            }
            return request;
        }
        if (json && pointers.isEmpty() || form && config.formFields().isEmpty()) {
            return request;
        }
        BodyCapturingRequest wrapper = BodyCapturingRequest.install(request);
        BodyRead read = readBody(wrapper);
        HttpServletRequest downstream = wrapper.downstream(request);
        switch (read.outcome()) {
            case CAPTURED -> {
                CapturedBody body = read.body().orElseThrow();
                if (json) {
                    jsonText(request, body, parts);
                } else {
                    for (String field : config.formFields()) {
                        String[] values = wrapper.getParameterValues(field);
                        if (values != null) {
                            for (String v : values) {
                                parts.add(v);
                            }
                        }
                    }
                }
            }
            case OVER_CAP -> metrics.skipped("over_cap");
            case NOT_CAPTURABLE -> metrics.skipped("unsupported_type");
            case READ_FAILED -> metrics.skipped("read_failed");
            case ALREADY_CONSUMED -> metrics.skipped("already_consumed");
            case EMPTY -> {
            }
        }
        return downstream;
    }

    private void jsonText(HttpServletRequest request, CapturedBody body, List<String> parts) {
        JsonBody parsed = AiExchange.of(request).json(body);
        if (parsed.malformed()) {
            metrics.skipped("malformed_json"); // the app (or the validation filter) answers it
            return;
        }
        JsonNode root = parsed.tree();
        if (root == null) {
            return;
        }
        for (JsonPointer p : pointers) {
            JsonNode n = root.at(p);
            if (n.isTextual()) {
                parts.add(n.textValue());
            }
        }
    }

    /** Query parameters parsed from the query string itself: getParameter could consume a form body. */
    private void collectQueryText(HttpServletRequest request, List<String> parts) {
        String qs = request.getQueryString();
        if (qs == null || qs.isEmpty() || config.queryParameters().isEmpty()) {
            return;
        }
        for (String pair : qs.split("&", 64)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                if (config.queryParameters().contains(name)) {
                    parts.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // a broken escape: skip the pair, as containers do
            }
        }
    }

    private String join(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        List<String> seen = new ArrayList<>(parts.size());
        for (String p : parts) {
            String s = p == null ? "" : p.strip();
            if (s.isEmpty() || seen.contains(s)) {
                continue; // the same text in the body and the query string counts once
            }
            seen.add(s);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s);
            if (sb.length() >= config.maxTextChars()) {
                sb.setLength(config.maxTextChars());
                break;
            }
        }
        return sb.toString();
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Intent names are restricted by the intents file already; this keeps a header safe whatever the engine said. */
    static String headerToken(String intent) {
        StringBuilder sb = new StringBuilder(Math.min(intent.length(), 64));
        for (int i = 0; i < intent.length() && sb.length() < 64; i++) {
            char c = intent.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    /**
     * The confidence with three decimals ({@code 0.930}, {@code 1.000}), written by hand: {@code String.format} was
     * a fifth of the filter's own time on a classified request.
     */
    static String confidenceHeader(double confidence) {
        long thousandths = Math.round(clamp(confidence) * 1000);
        if (thousandths >= 1000) {
            return "1.000";
        }
        char[] c = {'0', '.', '0', '0', '0'};
        c[2] = (char) ('0' + thousandths / 100);
        c[3] = (char) ('0' + thousandths / 10 % 10);
        c[4] = (char) ('0' + thousandths % 10);
        return new String(c);
    }

    @Override
    public void destroy() {
        if (holder != null) {
            holder.close();
        }
        if (tier != null) {
            tier.close();
        }
    }

    /** Meters, with tag values bounded: intents to the model's labels plus {@code none}, reasons to a fixed set. */
    private static final class Metrics {
        private final MeterRegistry registry;
        private final DistributionSummary confidence;
        private final Timer latency;
        private final Map<String, Counter> recognitions = new ConcurrentHashMap<>();
        private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
        private final Counter escalatedAnswered;
        private final Counter escalatedKept;
        private final Counter rejected;
        private final Map<SemanticTierRunner.Outcome, Counter> tierAsked = new ConcurrentHashMap<>();

        Metrics(MeterRegistry registry, IntentModelHolder holder) {
            this.registry = registry;
            this.confidence = DistributionSummary.builder("aifilters.intent.confidence")
                    .description("Confidence of the intent answers")
                    .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
                    .register(registry);
            this.latency = Timer.builder("aifilters.intent.latency")
                    .description("Time to classify a request's text (engine latency)")
                    .register(registry);
            this.escalatedAnswered = Counter.builder("aifilters.intent.escalations").tag("outcome", "llm")
                    .description("Weak embedded answers sent to the LLM, by which answer was kept")
                    .register(registry);
            this.escalatedKept = Counter.builder("aifilters.intent.escalations").tag("outcome", "embedded")
                    .register(registry);
            this.rejected = Counter.builder("aifilters.intent.escalations").tag("outcome", "rejected")
                    .register(registry);
            FunctionCounter.builder("aifilters.intent.reloads", holder, IntentModelHolder::reloads)
                    .tag("result", "success").register(registry);
            FunctionCounter.builder("aifilters.intent.reloads", holder, IntentModelHolder::failedReloads)
                    .tag("result", "failure").register(registry);
        }

        void record(IntentResult r, IntentClassifier model, double escalateBelow, boolean llmConfigured) {
            String tag = r.isNone() || !model.labels().contains(r.intent()) ? "none" : r.intent();
            recognitions.computeIfAbsent(tag, t -> Counter.builder("aifilters.intent.recognitions").tag("intent", t)
                    .description("Requests by recognised intent").register(registry)).increment();
            confidence.record(clamp(r.confidence()));
            if (r.latency() != null) {
                latency.record(r.latency().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (r.source() == EngineSource.LLM) {
                escalatedAnswered.increment();
            } else if (llmConfigured && r.confidence() < escalateBelow) {
                escalatedKept.increment();
            }
        }

        void rejected() {
            rejected.increment();
        }

        void tier(SemanticTierRunner.Outcome outcome) {
            tierAsked.computeIfAbsent(outcome, o -> Counter.builder("aifilters.intent.tier")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Weak lexical answers sent to the second (semantic) tier, by outcome")
                    .register(registry)).increment();
        }

        void skipped(String reason) {
            skipped.computeIfAbsent(reason, t -> Counter.builder("aifilters.intent.skipped").tag("reason", t)
                    .description("Requests whose text could not be read").register(registry)).increment();
        }
    }
}
