package io.github.aifilters.filters.validation;

import java.util.List;

/**
 * Every change auto-correction made to one request's body, in the order applied; stored under
 * {@link ValidationAttributes#CORRECTIONS}.
 */
public record Corrections(List<Correction> changes) {
    public Corrections {
        changes = List.copyOf(changes);
    }
}
