package io.github.aifilters.openai;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One OpenAI-compatible endpoint (OpenAI, an Anthropic or Gemini compatibility endpoint, Ollama, vLLM, llama.cpp …).
 * {@link #toString()} masks the key: configs may be logged.
 *
 * @param name short name for logs, metrics and failover diagnostics
 * @param baseUrl e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param apiKey the (decrypted) key; local servers accept any non-empty value
 * @param model the default model
 * @param models model by operation ({@code intent}, {@code correction}, {@code error}, {@code alert}), overriding
 *               {@code model}
 * @param weight share of first attempts among healthy endpoints; 0 = standby, used only on failover
 * @param timeout the SDK's timeout per HTTP attempt
 * @param maxRetries the SDK's retries (429, 5xx, connection errors)
 * @param structuredOutput send {@code response_format: json_schema} when the prompt has a schema
 * @param dailyTokenQuota tokens per UTC day for this key (shared by endpoints with the same key); 0 = unlimited
 * @param temperature sampling temperature, or null to let the server decide (reasoning models reject it)
 */
public record EndpointConfig(String name, String baseUrl, String apiKey, String model, Map<String, String> models,
                             int weight, Duration timeout, int maxRetries, boolean structuredOutput,
                             long dailyTokenQuota, Double temperature) {

    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        models = models == null ? Map.of() : Map.copyOf(models);
        if (weight < 0 || maxRetries < 0 || dailyTokenQuota < 0) {
            throw new IllegalArgumentException("endpoint '" + name + "': weight, maxRetries and dailyTokenQuota must be >= 0");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("endpoint '" + name + "': timeout must be > 0");
        }
    }

    /** A local-server style endpoint with defaults (1 weight, 2 s timeout, 1 retry, structured output). */
    public static EndpointConfig of(String name, String baseUrl, String apiKey, String model) {
        return new EndpointConfig(name, baseUrl, apiKey, model, Map.of(), 1, Duration.ofSeconds(2), 1, true, 0, null);
    }

    /** The model for an operation. */
    public String modelFor(String operation) {
        return operation == null ? model : models.getOrDefault(operation, model);
    }

    public EndpointConfig withWeight(int w) {
        return new EndpointConfig(name, baseUrl, apiKey, model, models, w, timeout, maxRetries, structuredOutput,
                dailyTokenQuota, temperature);
    }

    public EndpointConfig withTimeout(Duration t) {
        return new EndpointConfig(name, baseUrl, apiKey, model, models, weight, t, maxRetries, structuredOutput,
                dailyTokenQuota, temperature);
    }

    public EndpointConfig withMaxRetries(int r) {
        return new EndpointConfig(name, baseUrl, apiKey, model, models, weight, timeout, r, structuredOutput,
                dailyTokenQuota, temperature);
    }

    public EndpointConfig withStructuredOutput(boolean s) {
        return new EndpointConfig(name, baseUrl, apiKey, model, models, weight, timeout, maxRetries, s,
                dailyTokenQuota, temperature);
    }

    public EndpointConfig withDailyTokenQuota(long q) {
        return new EndpointConfig(name, baseUrl, apiKey, model, models, weight, timeout, maxRetries, structuredOutput,
                q, temperature);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=" + mask(apiKey) + ", model=" + model
                + ", models=" + models + ", weight=" + weight + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", structuredOutput=" + structuredOutput + ", dailyTokenQuota=" + dailyTokenQuota
                + ", temperature=" + temperature + "]";
    }

    static String mask(String key) {
        return key == null || key.isEmpty() ? "(none)" : "****(" + key.length() + " chars)";
    }
}
