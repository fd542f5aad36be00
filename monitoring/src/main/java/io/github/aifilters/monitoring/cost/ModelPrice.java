package io.github.aifilters.monitoring.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Price of a model in US dollars per 1,000 tokens.
 *
 * @param inputPer1k price of 1K input (prompt) tokens
 * @param outputPer1k price of 1K output (completion) tokens
 */
public record ModelPrice(double inputPer1k, double outputPer1k) {

    public ModelPrice {
        if (!(inputPer1k >= 0) || !(outputPer1k >= 0)) {
            throw new IllegalArgumentException("prices must be >= 0");
        }
    }

    public double cost(long inputTokens, long outputTokens) {
        return inputTokens / 1000.0 * inputPer1k + outputTokens / 1000.0 * outputPer1k;
    }

    /** The original design's price table. */
    public static Map<String, ModelPrice> defaults() {
        Map<String, ModelPrice> m = new LinkedHashMap<>();
        m.put("gpt-4-turbo", new ModelPrice(0.01, 0.03));
        m.put("gpt-3.5-turbo", new ModelPrice(0.0005, 0.0015));
        m.put("claude-3-opus", new ModelPrice(0.015, 0.075));
        m.put("claude-3-sonnet", new ModelPrice(0.003, 0.015));
        m.put("gemini-pro", new ModelPrice(0.00025, 0.0005));
        return Map.copyOf(m);
    }

    /**
     * Parses {@code model=in/out} entries separated by {@code ;} or newlines, e.g.
     * {@code gpt-4o=0.005/0.015; my-model=0/0}. Entries override and extend {@code base}.
     */
    public static Map<String, ModelPrice> parse(String spec, Map<String, ModelPrice> base) {
        Map<String, ModelPrice> m = new LinkedHashMap<>(base);
        for (String entry : spec.split("[;\\n]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            int slash = e.indexOf('/', Math.max(eq, 0));
            if (eq <= 0 || slash < 0) {
                throw new IllegalArgumentException("price entry must be model=input/output, got '" + e + "'");
            }
            try {
                m.put(e.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT),
                        new ModelPrice(Double.parseDouble(e.substring(eq + 1, slash).trim()),
                                Double.parseDouble(e.substring(slash + 1).trim())));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("price entry must be model=input/output, got '" + e + "'");
            }
        }
        return Map.copyOf(m);
    }
}
