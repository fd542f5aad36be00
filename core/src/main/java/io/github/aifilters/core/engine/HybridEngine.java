package io.github.aifilters.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.engine.llm.LlmCallListener;
import io.github.aifilters.core.engine.llm.LlmGateway;
import io.github.aifilters.core.engine.llm.Prompts;
import io.github.aifilters.core.engine.llm.ReplyParsers;
import io.github.aifilters.core.redact.Redactor;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Answers from the embedded engine and asks the LLM only when configured, allowed by the query and (for intents) the
 * embedded answer is weak; the LLM answer replaces the embedded one only when it passes the checks of
 * {@link ReplyParsers}. Everything sent to the LLM is redacted first ({@link Prompts}); every failure of the LLM
 * (timeout, open breaker, bad answer …) silently keeps the embedded answer.
 *
 * <p>Escalation policy: {@link IntentQuery} when the embedded confidence is below {@link IntentQuery#escalateBelow()};
 * {@link CorrectionQuery}, {@link ErrorQuery} and {@link AlertQuery} when their {@code escalate} flag is set.
 */
public final class HybridEngine implements AiEngine {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EmbeddedEngine embedded;
    private final LlmGateway gateway;
    private final Redactor redactor;

    /**
     * @param embedded the engine that always answers first
     * @param gateway the LLM gateway, or null for embedded answers only
     * @param redactor applied to everything before it reaches the LLM, and to its answers
     */
    public HybridEngine(EmbeddedEngine embedded, LlmGateway gateway, Redactor redactor) {
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.gateway = gateway;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** The LLM gateway (e.g. to add a cost listener), or null when none is configured. */
    public LlmGateway gateway() {
        return gateway;
    }

    /** Delegates to the gateway; a no-op handle when no LLM is configured. */
    @Override
    public AutoCloseable addLlmCallListener(LlmCallListener listener) {
        Objects.requireNonNull(listener, "listener");
        return gateway == null ? () -> { } : gateway.addListener(listener);
    }

    @Override
    public IntentResult classifyIntent(IntentQuery query) {
        long start = System.nanoTime();
        IntentResult local = embedded.classifyIntent(query);
        if (gateway == null || !(local.confidence() < query.escalateBelow())) {
            return local;
        }
        IntentModel model = query.model();
        return gateway.call(Prompts.intent(query.text(), model.labels(), redactor), ReplyParsers.intent(model.labels()))
                .map(a -> new IntentResult(a.intent(), a.confidence(), local.entities(),
                        IntentModel.NONE.equals(a.intent()) ? null : model.actionOf(a.intent()), EngineSource.LLM,
                        since(start)))
                .orElseGet(() -> local.withLatency(since(start)));
    }

    @Override
    public CorrectionAdvice suggestCorrections(CorrectionQuery query) {
        long start = System.nanoTime();
        CorrectionAdvice local = embedded.suggestCorrections(query);
        if (gateway == null || !query.escalate() || query.violations().isEmpty()) {
            return local;
        }
        Set<String> pointers = new LinkedHashSet<>();
        query.violations().forEach(v -> pointers.add(v.pointer()));
        return gateway.call(Prompts.correction(query, redactedBody(query.body()), redactor),
                        ReplyParsers.correction(pointers, redactor))
                .map(s -> {
                    // Embedded suggestions win where both exist: they are deterministic and checked by rules.
                    Map<String, String> merged = new java.util.LinkedHashMap<>(s);
                    merged.putAll(local.suggestions());
                    return new CorrectionAdvice(merged, EngineSource.LLM, since(start));
                })
                .orElse(local);
    }

    @Override
    public ErrorAnalysis analyseError(ErrorQuery query) {
        long start = System.nanoTime();
        ErrorAnalysis local = embedded.analyseError(query);
        if (gateway == null || !query.escalate()) {
            return local;
        }
        Integer declared = query.description().declaredStatus();
        return gateway.call(Prompts.error(query.description(), redactor), ReplyParsers.error(redactor))
                .map(a -> new ErrorAnalysis(a.category(),
                        declared != null ? declared : ErrorCategories.statusOf(a.category()), a.severity(),
                        a.probableCause() != null ? a.probableCause() : local.probableCause(),
                        a.actions().isEmpty() ? local.suggestedActions() : a.actions(), local.docs(),
                        a.confidence(), EngineSource.LLM, since(start)))
                .orElse(local);
    }

    @Override
    public AlertMessage writeAlertMessage(AlertQuery query) {
        long start = System.nanoTime();
        AlertMessage local = embedded.writeAlertMessage(query);
        if (gateway == null || !query.escalate()) {
            return local;
        }
        return gateway.call(Prompts.alert(query, redactor), ReplyParsers.alert(redactor))
                .filter(text -> text != null && !text.isBlank())
                .map(text -> new AlertMessage(text, EngineSource.LLM, since(start)))
                .orElse(local);
    }

    /** JSON bodies go through {@link Redactor#redactJson} (field names matter), anything else through redactText. */
    private String redactedBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode tree = MAPPER.readTree(body);
                if (tree != null) {
                    return redactor.redactJson(tree).toString();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not JSON after all: treat as text
            }
        }
        return redactor.redactText(body);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
