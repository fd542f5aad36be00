package io.github.aifilters.core.llm;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per 1,000 tokens (US dollars), by model-name prefix. A model is priced by the longest configured prefix it
 * starts with, so {@code gpt-4-turbo-2024-04-09} uses the {@code gpt-4-turbo} price and a local model (no prefix
 * matches) costs 0.
 *
 * @param prices price by model prefix (lower case)
 */
public record PriceTable(Map<String, Price> prices) {

    /**
     * @param inputPer1k dollars per 1,000 prompt tokens
     * @param outputPer1k dollars per 1,000 completion tokens
     */
    public record Price(double inputPer1k, double outputPer1k) {
        public Price {
            if (inputPer1k < 0 || outputPer1k < 0 || Double.isNaN(inputPer1k) || Double.isNaN(outputPer1k)) {
                throw new IllegalArgumentException("prices must be >= 0");
            }
        }

        /** Parses {@code 0.01/0.03} (input/output per 1K tokens). */
        public static Price parse(String s) {
            String[] parts = s.trim().split("\\s*/\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("price must be 'input/output' per 1K tokens, e.g. 0.01/0.03, got '"
                        + s + "'");
            }
            return new Price(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        }
    }

    public PriceTable {
        Map<String, Price> copy = new LinkedHashMap<>();
        prices.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        prices = Map.copyOf(copy);
    }

    /** The table of the original design (per 1K tokens, input/output). */
    public static PriceTable defaults() {
        return new PriceTable(Map.of(
                "gpt-4-turbo", new Price(0.01, 0.03),
                "gpt-3.5-turbo", new Price(0.0005, 0.0015),
                "claude-3-opus", new Price(0.015, 0.075),
                "claude-3-sonnet", new Price(0.003, 0.015),
                "gemini-pro", new Price(0.00025, 0.0005)));
    }

    /** A copy with one more (or a replaced) price. */
    public PriceTable with(String modelPrefix, Price price) {
        Map<String, Price> copy = new LinkedHashMap<>(prices);
        copy.put(modelPrefix.toLowerCase(Locale.ROOT), price);
        return new PriceTable(copy);
    }

    /** The price of the longest prefix of {@code model}, if any. */
    public Optional<Price> lookup(String model) {
        return prefixOf(model).map(prices::get);
    }

    /**
     * The longest configured prefix {@code model} starts with, if any: a bounded name for a model (metric tags),
     * since the set of prefixes is configured while a reply's model name is whatever the endpoint says.
     */
    public Optional<String> prefixOf(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String m = model.toLowerCase(Locale.ROOT);
        // Providers may prefix the family, e.g. "models/gemini-pro" or "openai/gpt-4-turbo": look at the last segment too.
        String last = m.substring(m.lastIndexOf('/') + 1);
        return prices.entrySet().stream()
                .filter(e -> m.startsWith(e.getKey()) || last.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getKey);
    }

    /** Estimated cost in dollars; 0 for an unknown model. */
    public double cost(String model, long inputTokens, long outputTokens) {
        return lookup(model).map(p -> inputTokens / 1000.0 * p.inputPer1k() + outputTokens / 1000.0 * p.outputPer1k())
                .orElse(0.0);
    }

    /** The prefixes, longest first (for docs and diagnostics). */
    public List<String> prefixes() {
        return prices.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
