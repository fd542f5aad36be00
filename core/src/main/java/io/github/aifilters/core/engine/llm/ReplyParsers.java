package io.github.aifilters.core.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.engine.ErrorCategories;
import io.github.aifilters.core.engine.IntentModel;
import io.github.aifilters.core.redact.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a model's reply into a checked answer, or nothing. A model is untrusted input: every value is checked against
 * what the operation allows (known labels, known categories, the query's own pointers, numbers in [0,1]), every text
 * is length-capped, stripped of control characters and redacted again (a model may echo or invent secrets).
 * Used as the {@code check} of {@link LlmGateway#call}.
 */
public final class ReplyParsers {

    /** Longest correction suggestion kept. */
    public static final int MAX_SUGGESTION = 300;
    /** Longest alert text kept. */
    public static final int MAX_ALERT = 600;
    /** Longest probable cause kept. */
    public static final int MAX_CAUSE = 500;
    /** Longest suggested action kept, and how many are kept. */
    public static final int MAX_ACTION = 200;
    public static final int MAX_ACTIONS = 5;

    /** A checked intent answer. */
    public record IntentAnswer(String intent, double confidence) {
    }

    /** A checked error analysis. */
    public record ErrorAnswer(String category, String severity, String probableCause, List<String> actions,
                              double confidence) {
    }

    private ReplyParsers() {
    }

    /** Intent must be one of {@code labels} or {@code none} (case-insensitive, answered in the label's own case). */
    public static Function<LlmReply, Optional<IntentAnswer>> intent(Set<String> labels) {
        return reply -> object(reply).flatMap(o -> {
            String said = o.path("intent").asText("").trim();
            String intent = null;
            if (said.equalsIgnoreCase(IntentModel.NONE)) {
                intent = IntentModel.NONE;
            } else {
                for (String l : labels) {
                    if (l.equalsIgnoreCase(said)) {
                        intent = l;
                        break;
                    }
                }
            }
            Optional<Double> confidence = unit(o.get("confidence"));
            if (intent == null || confidence.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new IntentAnswer(intent, confidence.get()));
        });
    }

    /** Suggestions only for {@code pointers}; capped and redacted. Empty when none is usable. */
    public static Function<LlmReply, Optional<Map<String, String>>> correction(Set<String> pointers, Redactor redactor) {
        return reply -> object(reply).flatMap(o -> {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode items = o.path("suggestions");
            if (items.isArray()) {
                for (JsonNode item : items) {
                    String pointer = item.path("pointer").asText(null);
                    String text = clean(item.path("suggestion").asText(null), MAX_SUGGESTION, redactor);
                    if (pointer != null && pointers.contains(pointer) && text != null && !out.containsKey(pointer)) {
                        out.put(pointer, text);
                    }
                }
            } else if (items.isObject()) {
                // Some models answer {"suggestions": {"/pointer": "text"}}: accept it, with the same checks.
                items.fields().forEachRemaining(e -> {
                    String text = clean(e.getValue().asText(null), MAX_SUGGESTION, redactor);
                    if (pointers.contains(e.getKey()) && text != null) {
                        out.put(e.getKey(), text);
                    }
                });
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(out));
        });
    }

    /** Category must be a known {@link ErrorCategories} key; severity one of {@link Prompts#SEVERITIES}. */
    public static Function<LlmReply, Optional<ErrorAnswer>> error(Redactor redactor) {
        return reply -> object(reply).flatMap(o -> {
            String category = o.path("category").asText("").trim().toLowerCase(Locale.ROOT);
            String severity = o.path("severity").asText("").trim().toLowerCase(Locale.ROOT);
            Optional<Double> confidence = unit(o.get("confidence"));
            if (!ErrorCategories.STATUS.containsKey(category) || !Prompts.SEVERITIES.contains(severity)
                    || confidence.isEmpty()) {
                return Optional.empty();
            }
            String cause = clean(o.path("probableCause").asText(null), MAX_CAUSE, redactor);
            List<String> actions = new ArrayList<>();
            for (JsonNode a : o.path("suggestedActions")) {
                String text = clean(a.asText(null), MAX_ACTION, redactor);
                if (text != null && actions.size() < MAX_ACTIONS) {
                    actions.add(text);
                }
            }
            return Optional.of(new ErrorAnswer(category, severity, cause, List.copyOf(actions), confidence.get()));
        });
    }

    /** The alert text: capped and redacted. */
    public static Function<LlmReply, Optional<String>> alert(Redactor redactor) {
        return reply -> object(reply).map(o -> clean(o.path("text").asText(null), MAX_ALERT, redactor));
    }

    /** The reply's JSON object, wherever the model put it. */
    public static Optional<ObjectNode> object(LlmReply reply) {
        return reply == null ? Optional.empty() : LenientJson.extractObject(reply.text());
    }

    /** A number in [0,1] (a numeric string is accepted too). */
    static Optional<Double> unit(JsonNode n) {
        if (n == null || !(n.isNumber() || n.isTextual())) {
            return Optional.empty();
        }
        double d;
        try {
            d = n.isNumber() ? n.doubleValue() : Double.parseDouble(n.textValue().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return d >= 0 && d <= 1 ? Optional.of(d) : Optional.empty();
    }

    /** Trimmed, control characters (but newlines) removed, redacted, capped; null when blank. */
    static String clean(String s, int max, Redactor redactor) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("[\\p{Cntrl}&&[^\n]]", " ").trim();
        if (t.isEmpty()) {
            return null;
        }
        t = redactor.redactText(t);
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
