package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.ValidationLevel;

import java.util.Map;

/**
 * Level per violation key, hierarchical: the most specific configured prefix wins, so {@code validation.body=warn}
 * with {@code validation.body.required=error} warns on everything in the body except a missing property.
 * Unconfigured keys are {@link ValidationLevel#ERROR}.
 */
public record LevelPolicy(Map<String, ValidationLevel> levels) {

    public static final LevelPolicy DEFAULT = new LevelPolicy(Map.of());

    public LevelPolicy {
        levels = Map.copyOf(levels);
    }

    public ValidationLevel levelOf(String key) {
        String k = key;
        while (true) {
            ValidationLevel l = levels.get(k);
            if (l != null) {
                return l;
            }
            int dot = k.lastIndexOf('.');
            if (dot < 0) {
                return ValidationLevel.ERROR;
            }
            k = k.substring(0, dot);
        }
    }
}
