package io.github.aifilters.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a filter's init-params against the keys its config knows: a misspelt key is silently ignored by a servlet
 * container, so every unknown key is reported at start-up with the nearest valid key — a warning by default, a failed
 * start-up when the app opts into strict configuration ({@link CommonSettings#STRICT_CONFIG} init-param or the
 * {@value #STRICT_CONTEXT_PARAM} context-param).
 */
public final class ConfigKeys {

    /** Context-param: {@code true} makes every AI filter of the app fail start-up on an unknown init-param. */
    public static final String STRICT_CONTEXT_PARAM = "aifilters.strictConfig";

    /** Farther than this (edits, case-insensitive) and no key is suggested. */
    private static final int MAX_SUGGESTION_DISTANCE = 4;

    private ConfigKeys() {
    }

    /** A config's key set: its own keys and every {@link CommonSettings#KEYS common} one. */
    public static Set<String> withCommon(String... own) {
        Set<String> all = new TreeSet<>(CommonSettings.KEYS);
        for (String key : own) {
            if (!all.add(key)) {
                throw new IllegalArgumentException("duplicate config key '" + key + "'");
            }
        }
        return Set.copyOf(all);
    }

    /** The keys of {@code params} that {@code known} does not hold, sorted. */
    public static List<String> unknown(InitParams params, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(params.asMap().keySet())) {
            if (!known.contains(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** One sentence per unknown key, naming the nearest known key when one is close. */
    public static List<String> problems(InitParams params, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String key : unknown(params, known)) {
            out.add(nearest(key, known).map(n -> "unknown init-param '" + key + "' (did you mean '" + n + "'?)")
                    .orElse("unknown init-param '" + key + "'"));
        }
        return out;
    }

    /** The known key closest to {@code key} (case-insensitive edit distance), if any is close enough. */
    public static Optional<String> nearest(String key, Collection<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int d = distance(k, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, key.length() / 3));
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
