package io.github.aifilters.monitoring.cost;

import java.time.Instant;
import java.util.Map;

/**
 * The AI cost the monitoring filter keeps ({@code MonitoringFilter.cost()}): tokens and estimated US dollars per model,
 * per endpoint (route template) and per hashed user key, with the monthly budget and the weekly spike rule. Real LLM
 * calls through the shared client are recorded by the filter itself; {@link #record} is for calls it cannot see.
 * Thread-safe; never blocks on alerts (they go to the filter's scheduler thread).
 */
public interface LlmCost {

    /** The bucket of keys beyond a map's cap ({@code costMaxKeys}). */
    String OTHER = "OTHER";
    /** The key of calls without an endpoint or user. */
    String UNKNOWN = "UNKNOWN";

    /**
     * Records one LLM call.
     *
     * @param model the model name as billed (priced by its longest priced prefix)
     * @param endpoint the route template of the request that made the call, or null
     * @param userKey the raw user key (hashed, never stored), or null
     * @param at when the call was made; null for now
     * @return the estimated cost in US dollars (0 for a model without a price)
     */
    double record(String model, String endpoint, String userKey, long inputTokens, long outputTokens, Instant at);

    /** Spend of the current calendar month (UTC) in US dollars. */
    double monthSpend();

    /** Totals per model (lower case), sorted by name. */
    Map<String, Totals> byModel();

    /** Totals per endpoint (route template), sorted by name. */
    Map<String, Totals> byEndpoint();

    /** Totals per hashed user key ({@code u_} + 16 hex digits), sorted by name. */
    Map<String, Totals> byUser();

    /** A snapshot of one key's totals. */
    record Totals(long calls, long inputTokens, long outputTokens, double costUsd) {
    }
}
