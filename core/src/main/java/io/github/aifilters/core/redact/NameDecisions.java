package io.github.aifilters.core.redact;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a decision about a name (a field or header name): bodies, headers and log lines repeat the same few names
 * request after request. Bounded: short names only, at most {@link #MAX_NAMES}; past that a decision is computed
 * every time instead of remembered.
 */
final class NameDecisions<V> {

    static final int MAX_NAMES = 2048;
    static final int MAX_NAME_LENGTH = 64;

    private final ConcurrentHashMap<String, V> decisions = new ConcurrentHashMap<>();
    private final Function<String, V> decide;

    NameDecisions(Function<String, V> decide) {
        this.decide = decide;
    }

    V get(String name) {
        V known = decisions.get(name);
        if (known != null) {
            return known;
        }
        V decided = decide.apply(name);
        if (name.length() <= MAX_NAME_LENGTH && decisions.size() < MAX_NAMES) {
            decisions.putIfAbsent(name, decided);
        }
        return decided;
    }
}
