package io.github.aifilters.openai;

import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.Prompts;
import io.github.aifilters.core.llm.ReplyParser;
import io.github.aifilters.core.llm.ReplyParsers;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.redact.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A feature as seen by this module: a redacted prompt with a JSON schema, a parser that checks the reply against a
 * label set, and an embedded answer kept whenever the client gives none (the features' own prompts live beside them).
 */
final class TestPrompts {

    static final Set<String> LABELS = Set.of("search", "create_user", "generate_report");
    static final Redactor REDACTOR = DefaultRedactor.defaults();

    private TestPrompts() {
    }

    static LlmPrompt intent(String text) {
        List<String> allowed = new ArrayList<>(new TreeSet<>(LABELS));
        allowed.add(IntentResult.NONE);
        return new LlmPrompt("intent", "Classify. Answer {\"intent\": one of " + allowed + ", \"confidence\": 0..1}.",
                "Message:\n" + Prompts.cap(REDACTOR.redactText(text), 2000), "intent_result",
                Prompts.object(Map.of("intent", Map.of("type", "string", "enum", allowed),
                        "confidence", Map.of("type", "number")), List.of("intent", "confidence")), 60);
    }

    static ReplyParser<IntentResult> intentParser() {
        return reply -> ReplyParsers.object(reply).flatMap(o -> {
            String intent = o.path("intent").asText("");
            Optional<Double> confidence = ReplyParsers.unit(o.get("confidence"));
            if (!(LABELS.contains(intent) || IntentResult.NONE.equals(intent)) || confidence.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new IntentResult(intent, confidence.get(), List.of(), null, EngineSource.LLM, null));
        });
    }

    /** The LLM's checked answer, else the weak embedded one ({@code search}, 0.2). */
    static IntentResult classify(LlmClient client, String text) {
        long start = System.nanoTime();
        Duration[] took = new Duration[1];
        IntentResult r = client.call(intent(text), intentParser())
                .orElse(new IntentResult("search", 0.2, List.of(), null, EngineSource.EMBEDDED, null));
        took[0] = Duration.ofNanos(System.nanoTime() - start);
        return r.withLatency(took[0]);
    }

    /** A free-text answer ({"text": …}), cleaned and redacted again. */
    static Optional<String> text(LlmClient client, String context) {
        LlmPrompt prompt = new LlmPrompt("alert", "Write one sentence. Answer {\"text\": …}.",
                Prompts.cap(REDACTOR.redactText(context), 2000), "alert_message",
                Prompts.object(Map.of("text", Map.of("type", "string")), List.of("text")), 160);
        return client.call(prompt, reply -> ReplyParsers.object(reply)
                .map(o -> ReplyParsers.clean(o.path("text").asText(null), 600, REDACTOR)));
    }
}
