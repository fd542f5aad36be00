package io.github.aifilters.filters.intent.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of an intents file: the intents with their examples, and the gazetteers (entity lists).
 *
 * @param intents at least two intents, unique names, in file order (the order is part of the deterministic training)
 * @param entities gazetteers by entity type name (e.g. {@code product}), in file order
 */
@JsonIgnoreProperties({"version"})
public record IntentsDefinition(List<IntentDefinition> intents, Map<String, List<GazetteerEntry>> entities) {

    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public IntentsDefinition {
        if (intents == null || intents.size() < 2) {
            throw new IllegalArgumentException("an intents file needs at least two intents (found "
                    + (intents == null ? 0 : intents.size()) + "); out-of-scope requests are answered 'none' "
                    + "without an intent of their own");
        }
        Set<String> names = new HashSet<>();
        for (IntentDefinition i : intents) {
            if (!names.add(i.name())) {
                throw new IllegalArgumentException("intent '" + i.name() + "' is defined twice");
            }
        }
        intents = List.copyOf(intents);
        Map<String, List<GazetteerEntry>> copy = new LinkedHashMap<>();
        if (entities != null) {
            entities.forEach((k, v) -> {
                if (!ENTITY_NAME.matcher(k).matches()) {
                    throw new IllegalArgumentException("entity list name '" + k
                            + "' must be letters, digits, '.', '_' or '-'");
                }
                copy.put(k, List.copyOf(v == null ? List.of() : v));
            });
        }
        entities = java.util.Collections.unmodifiableMap(copy);
    }

    @JsonCreator
    static IntentsDefinition fromJson(@JsonProperty("intents") @JsonAlias("nlu") List<IntentDefinition> intents,
                                      @JsonProperty("entities") @JsonAlias("gazetteers")
                                      Map<String, List<GazetteerEntry>> entities) {
        return new IntentsDefinition(intents, entities);
    }

    public Set<String> names() {
        Set<String> s = new java.util.LinkedHashSet<>();
        intents.forEach(i -> s.add(i.name()));
        return s;
    }
}
