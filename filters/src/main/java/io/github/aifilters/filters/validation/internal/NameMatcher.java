package io.github.aifilters.filters.validation.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the one candidate a misspelled name or value most likely meant, or nothing when there is no clear winner.
 *
 * <p>Matching goes in tiers, and the first tier with any match decides: exact after trimming; case-insensitive;
 * equal after normalisation (case and the separators {@code - _ . space} removed, so {@code first_name} meets
 * {@code firstName}); then Damerau-Levenshtein distance (optimal string alignment) of the normalised forms. A tier
 * with two or more matches is ambiguous and stops the search: a wrong guess is worse than none. In the distance tier
 * the best candidate must be within {@link #maxDistance(int)} and every other candidate must be at least
 * {@code best + 2} away.
 */
final class NameMatcher {

    private NameMatcher() {
    }

    /** How the winner was found (used to name correction rules). */
    enum Tier { EXACT, CASE, NORMALISED, SPELLING }

    /** A clear winner and how it was found. */
    record Match(String value, Tier tier) {
    }

    /** The clear winner for {@code input} among {@code candidates}, if there is one. */
    static Optional<Match> clearWinner(String input, Collection<String> candidates) {
        if (input == null || candidates.isEmpty() || input.length() > 256) {
            return Optional.empty();
        }
        String trimmed = input.strip();
        Optional<Match> m = unique(candidates, c -> c.equals(trimmed), Tier.EXACT);
        if (m != null) {
            return m;
        }
        m = unique(candidates, c -> c.equalsIgnoreCase(trimmed), Tier.CASE);
        if (m != null) {
            return m;
        }
        String norm = normalise(trimmed);
        if (norm.isEmpty()) {
            return Optional.empty();
        }
        m = unique(candidates, c -> normalise(c).equals(norm), Tier.NORMALISED);
        if (m != null) {
            return m;
        }
        return nearest(norm, candidates, true).map(c -> new Match(c, Tier.SPELLING));
    }

    /**
     * The nearest candidate for a suggestion text: looser than {@link #clearWinner} (a suggestion is only advice),
     * but still unique and within twice the correction distance.
     */
    static Optional<String> suggestion(String input, Collection<String> candidates) {
        if (input == null || candidates.isEmpty() || input.length() > 256) {
            return Optional.empty();
        }
        Optional<Match> clear = clearWinner(input, candidates);
        if (clear.isPresent()) {
            return clear.map(Match::value);
        }
        return nearest(normalise(input.strip()), candidates, false);
    }

    private static Optional<String> nearest(String norm, Collection<String> candidates, boolean strict) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        int secondD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(norm, normalise(c));
            if (d < bestD) {
                secondD = bestD;
                bestD = d;
                best = c;
            } else if (d < secondD) {
                secondD = d;
            }
        }
        int limit = maxDistance(norm.length()) * (strict ? 1 : 2);
        int margin = strict ? 2 : 1;
        if (best == null || bestD > limit || secondD - bestD < margin) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /**
     * Edits allowed for a correction: 1 up to 8 characters, 2 above. Short words are close to each other by
     * chance ({@code low}/{@code new}), so their budget stays at one edit.
     */
    static int maxDistance(int length) {
        if (length <= 2) {
            return 0;
        }
        return length <= 8 ? 1 : 2;
    }

    /** Lower-case with separators removed. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '-' && ch != '_' && ch != '.' && ch != ' ') {
                b.append(Character.toLowerCase(ch));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Damerau-Levenshtein distance (optimal string alignment variant: adjacent transpositions count 1). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > 3) {
            return Math.abs(n - m);
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }

    /** null: no match in this tier (go on); empty: ambiguous (stop); present: the unique match. */
    private static Optional<Match> unique(Collection<String> candidates, java.util.function.Predicate<String> test,
                                          Tier tier) {
        String found = null;
        for (String c : candidates) {
            if (test.test(c)) {
                if (found != null && !found.equals(c)) {
                    return Optional.empty();
                }
                found = c;
            }
        }
        return found == null ? null : Optional.of(new Match(found, tier));
    }
}
