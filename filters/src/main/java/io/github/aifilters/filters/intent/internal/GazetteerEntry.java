package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.exchange.Entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One value of a gazetteer (a user-defined entity list): the canonical value and the other ways to write it.
 * In a file either a plain string or {@code {value: ..., synonyms: [...]}}.
 *
 * @param value the normalised value reported in {@code Entity.value}
 * @param synonyms other surface forms matched (case-insensitively) as this value
 */
public record GazetteerEntry(String value, List<String> synonyms) {

    public GazetteerEntry {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a gazetteer value is blank");
        }
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
    }

    public static GazetteerEntry of(String value) {
        return new GazetteerEntry(value, List.of());
    }

    /** Every surface form: the value itself, then the synonyms. */
    public List<String> forms() {
        List<String> all = new ArrayList<>();
        all.add(value);
        all.addAll(synonyms);
        return all;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static GazetteerEntry fromJson(JsonNode node) {
        if (node.isTextual() || node.isNumber()) {
            return of(node.asText());
        }
        if (node.isObject() && node.hasNonNull("value")) {
            List<String> syn = new ArrayList<>();
            JsonNode s = node.path("synonyms");
            if (s.isArray()) {
                s.forEach(e -> syn.add(e.asText()));
            } else if (!s.isMissingNode() && !s.isNull()) {
                throw new IllegalArgumentException("gazetteer 'synonyms' must be a list of strings");
            }
            return new GazetteerEntry(node.get("value").asText(), syn);
        }
        throw new IllegalArgumentException("a gazetteer entry must be a string or {value, synonyms}");
    }
}
