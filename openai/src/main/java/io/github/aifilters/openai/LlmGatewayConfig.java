package io.github.aifilters.openai;

import io.github.aifilters.core.llm.PriceTable;

import io.github.aifilters.core.config.InitParams;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of the gateway ({@link LlmClients#gateway}). Build with {@link #builder()} or read from the flat
 * LLM settings ({@link #fromSettings(Map)}: the context-params under {@code aifilters.llm.}, prefix removed).
 *
 * @param deadline how long a caller waits for an answer at most (enforced by the gateway itself)
 * @param breakerFailureRate failure rate (percent) over the window that opens the circuit breaker
 * @param breakerWindow number of recent calls the failure rate is computed over
 * @param breakerMinCalls calls needed in the window before the rate is computed
 * @param breakerOpenFor how long the breaker stays open before letting trial calls through
 * @param bulkheadMaxConcurrent calls in flight to the engine at once (also the worker thread count)
 * @param rateLimitPerSecond calls started per second at most (0 = unlimited)
 * @param cacheEnabled whether checked answers are cached by prompt
 * @param cacheMaxEntries bound of the answer cache
 * @param cacheTtl how long a cached answer is reused
 * @param prices the price table for the cost estimate
 */
public record LlmGatewayConfig(Duration deadline, float breakerFailureRate, int breakerWindow, int breakerMinCalls,
                               Duration breakerOpenFor, int bulkheadMaxConcurrent, int rateLimitPerSecond,
                               boolean cacheEnabled, long cacheMaxEntries, Duration cacheTtl, PriceTable prices) {

    /** Setting: caller deadline, e.g. {@code 2s} or {@code 800ms}. Default {@code 2s}. */
    public static final String DEADLINE = "deadline";
    /** Setting: failure rate in percent that opens the breaker. Default {@code 50}. */
    public static final String BREAKER_FAILURE_RATE = "breaker.failureRate";
    /** Setting: size of the breaker's count-based window. Default {@code 20}. */
    public static final String BREAKER_WINDOW = "breaker.window";
    /** Setting: calls before the breaker computes a rate. Default {@code 5}. */
    public static final String BREAKER_MIN_CALLS = "breaker.minCalls";
    /** Setting: how long the breaker stays open. Default {@code 30s}. */
    public static final String BREAKER_OPEN_FOR = "breaker.openFor";
    /** Setting: concurrent calls to the engine. Default {@code 8}. */
    public static final String BULKHEAD = "bulkhead.maxConcurrent";
    /** Setting: calls per second, 0 = unlimited. Default {@code 20}. */
    public static final String RATE_LIMIT = "rateLimit.perSecond";
    /** Setting: cache answers by prompt. Default {@code true}. */
    public static final String CACHE_ENABLED = "cache.enabled";
    /** Setting: cache bound. Default {@code 10000}. */
    public static final String CACHE_MAX_ENTRIES = "cache.maxEntries";
    /** Setting: cache entry lifetime. Default {@code 1h}. */
    public static final String CACHE_TTL = "cache.ttl";
    /** Setting prefix: {@code price.<model-prefix>=<input>/<output>} in dollars per 1K tokens, added to the defaults. */
    public static final String PRICE_PREFIX = "price.";

    public LlmGatewayConfig {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(prices, "prices");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be > 0");
        }
        if (breakerFailureRate <= 0 || breakerFailureRate > 100) {
            throw new IllegalArgumentException("breaker.failureRate must be in (0,100]");
        }
        if (breakerWindow < 1 || breakerMinCalls < 1 || bulkheadMaxConcurrent < 1 || rateLimitPerSecond < 0
                || cacheMaxEntries < 0) {
            throw new IllegalArgumentException("breaker.window, breaker.minCalls and bulkhead.maxConcurrent must be >= 1;"
                    + " rateLimit.perSecond and cache.maxEntries >= 0");
        }
    }

    public static LlmGatewayConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the settings above; absent keys keep their defaults; a malformed value fails fast naming the key. */
    public static LlmGatewayConfig fromSettings(Map<String, String> settings) {
        InitParams p = InitParams.of("aifilters.llm", settings);
        LlmGatewayConfig d = defaults();
        PriceTable prices = d.prices();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey().startsWith(PRICE_PREFIX) && e.getValue() != null && !e.getValue().isBlank()) {
                prices = prices.with(e.getKey().substring(PRICE_PREFIX.length()), PriceTable.Price.parse(e.getValue()));
            }
        }
        return new LlmGatewayConfig(
                p.duration(DEADLINE, d.deadline()),
                (float) p.decimal(BREAKER_FAILURE_RATE, d.breakerFailureRate()),
                p.integer(BREAKER_WINDOW, d.breakerWindow()),
                p.integer(BREAKER_MIN_CALLS, d.breakerMinCalls()),
                p.duration(BREAKER_OPEN_FOR, d.breakerOpenFor()),
                p.integer(BULKHEAD, d.bulkheadMaxConcurrent()),
                p.integer(RATE_LIMIT, d.rateLimitPerSecond()),
                p.bool(CACHE_ENABLED, d.cacheEnabled()),
                p.longValue(CACHE_MAX_ENTRIES, d.cacheMaxEntries()),
                p.duration(CACHE_TTL, d.cacheTtl()),
                prices);
    }

    /** Builder with the defaults documented on the setting constants. */
    public static final class Builder {
        private Duration deadline = Duration.ofSeconds(2);
        private float breakerFailureRate = 50f;
        private int breakerWindow = 20;
        private int breakerMinCalls = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private int bulkheadMaxConcurrent = 8;
        private int rateLimitPerSecond = 20;
        private boolean cacheEnabled = true;
        private long cacheMaxEntries = 10_000;
        private Duration cacheTtl = Duration.ofHours(1);
        private PriceTable prices = PriceTable.defaults();

        private Builder() {
        }

        public Builder deadline(Duration v) {
            deadline = v;
            return this;
        }

        public Builder breakerFailureRate(float v) {
            breakerFailureRate = v;
            return this;
        }

        public Builder breakerWindow(int v) {
            breakerWindow = v;
            return this;
        }

        public Builder breakerMinCalls(int v) {
            breakerMinCalls = v;
            return this;
        }

        public Builder breakerOpenFor(Duration v) {
            breakerOpenFor = v;
            return this;
        }

        public Builder bulkheadMaxConcurrent(int v) {
            bulkheadMaxConcurrent = v;
            return this;
        }

        public Builder rateLimitPerSecond(int v) {
            rateLimitPerSecond = v;
            return this;
        }

        public Builder cacheEnabled(boolean v) {
            cacheEnabled = v;
            return this;
        }

        public Builder cacheMaxEntries(long v) {
            cacheMaxEntries = v;
            return this;
        }

        public Builder cacheTtl(Duration v) {
            cacheTtl = v;
            return this;
        }

        public Builder prices(PriceTable v) {
            prices = v;
            return this;
        }

        public LlmGatewayConfig build() {
            return new LlmGatewayConfig(deadline, breakerFailureRate, breakerWindow, breakerMinCalls, breakerOpenFor,
                    bulkheadMaxConcurrent, rateLimitPerSecond, cacheEnabled, cacheMaxEntries, cacheTtl, prices);
        }
    }
}
