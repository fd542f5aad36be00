package io.github.aifilters.openai;

import io.github.aifilters.core.config.InitParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the OpenAI-compatible engine ({@link LlmClients#openAi}): the endpoints in failover order, and how
 * endpoint health is judged.
 *
 * <p>Read by {@link #fromSettings}: every key is looked up in the flat settings map (context-params under
 * {@code aifilters.llm.}, prefix removed), then in the system property {@code aifilters.llm.<key>}, then in the
 * environment variable {@code AI_FILTERS_LLM_<KEY>} ({@code baseUrl} → {@code AI_FILTERS_LLM_BASE_URL},
 * {@code apiKey} → {@code AI_FILTERS_LLM_API_KEY}, {@code model} → {@code AI_FILTERS_LLM_MODEL}, …).
 *
 * @param endpoints endpoints in configuration order (the failover order after the weighted first pick)
 * @param failureThreshold consecutive failures after which an endpoint is skipped
 * @param coolDown how long a failing endpoint is skipped before it is tried again
 * @param slowCall a call slower than this counts as a failure for the endpoint's health (the answer is still used)
 * @param warmUpRequest whether the background warm-up sends one {@code GET /models} per endpoint (free: no tokens)
 */
public record OpenAiEngineConfig(List<EndpointConfig> endpoints, int failureThreshold, Duration coolDown,
                                 Duration slowCall, boolean warmUpRequest) {

    /** Key: base URL of the single endpoint, e.g. {@code https://api.openai.com/v1}. Required (or endpoints.N). */
    public static final String BASE_URL = "baseUrl";
    /** Key: API key, plain or {@code enc:...}. Required (any value for local servers, e.g. {@code ollama}). */
    public static final String API_KEY = "apiKey";
    /** Key: file holding the API key (plain or {@code enc:...}), used when {@code apiKey} is absent. */
    public static final String API_KEY_FILE = "apiKeyFile";
    /** Key: default model. Default {@code gpt-4o-mini}. */
    public static final String MODEL = "model";
    /** Key prefix: model for one operation, e.g. {@code model.intent}, {@code model.error}. */
    public static final String MODEL_PREFIX = "model.";
    /** Key: SDK timeout per HTTP attempt. Default {@code 2s}. */
    public static final String TIMEOUT = "timeout";
    /** Key: SDK retries (429, 5xx, I/O). Default {@code 1}. */
    public static final String MAX_RETRIES = "maxRetries";
    /** Key: send {@code response_format: json_schema}. Default {@code true}. */
    public static final String STRUCTURED_OUTPUT = "structuredOutput";
    /** Key: tokens per UTC day per key, 0 = unlimited. Default {@code 0}. */
    public static final String DAILY_TOKEN_QUOTA = "dailyTokenQuota";
    /** Key: share of first attempts; 0 = standby. Default {@code 1}. */
    public static final String WEIGHT = "weight";
    /** Key: sampling temperature. Default: not sent. */
    public static final String TEMPERATURE = "temperature";
    /** Key: endpoint name. Default {@code endpoint-N} (or {@code default}). */
    public static final String NAME = "name";
    /** Key prefix of several endpoints: {@code endpoints.0.baseUrl}, {@code endpoints.1.weight}, … */
    public static final String ENDPOINTS_PREFIX = "endpoints.";
    /** Key: consecutive failures before an endpoint is skipped. Default {@code 3}. */
    public static final String FAILURE_THRESHOLD = "failover.failureThreshold";
    /** Key: how long a failing endpoint is skipped. Default {@code 30s}. */
    public static final String COOL_DOWN = "failover.coolDown";
    /** Key: calls slower than this count against an endpoint's health. Default {@code 1500ms}. */
    public static final String SLOW_CALL = "failover.slowCall";
    /** Key: send one free {@code GET /models} per endpoint during the background warm-up. Default {@code true}. */
    public static final String WARM_UP_REQUEST = "warmUpRequest";
    /** Default model. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    private static final Pattern ENDPOINT_KEY = Pattern.compile("^endpoints\\.(\\d+)\\.(.+)$");

    public OpenAiEngineConfig {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(slowCall, "slowCall");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException(FAILURE_THRESHOLD + " must be >= 1");
        }
    }

    /** One endpoint, default health settings. */
    public static OpenAiEngineConfig of(EndpointConfig... endpoints) {
        return new OpenAiEngineConfig(List.of(endpoints), 3, Duration.ofSeconds(30), Duration.ofMillis(1500), true);
    }

    public OpenAiEngineConfig withHealth(int threshold, Duration coolDownFor, Duration slow) {
        return new OpenAiEngineConfig(endpoints, threshold, coolDownFor, slow, warmUpRequest);
    }

    public OpenAiEngineConfig withWarmUpRequest(boolean send) {
        return new OpenAiEngineConfig(endpoints, failureThreshold, coolDown, slowCall, send);
    }

    /**
     * @param settings flat settings (context-params under {@code aifilters.llm.}, prefix removed)
     * @param env environment lookup (e.g. {@code System::getenv})
     * @param sysprops system property lookup (e.g. {@code System::getProperty})
     * @return the config, or empty when no endpoint is configured (no base URL or no key): embedded engine only
     * @throws IllegalArgumentException for a malformed value (names the key, never prints a key's value)
     */
    public static Optional<OpenAiEngineConfig> fromSettings(Map<String, String> settings, UnaryOperator<String> env,
                                                            UnaryOperator<String> sysprops) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String key : List.of(BASE_URL, API_KEY, API_KEY_FILE, MODEL, TIMEOUT, MAX_RETRIES, STRUCTURED_OUTPUT,
                DAILY_TOKEN_QUOTA, WEIGHT, TEMPERATURE, NAME, FAILURE_THRESHOLD, COOL_DOWN, SLOW_CALL, WARM_UP_REQUEST)) {
            String v = sysprops.apply("aifilters.llm." + key);
            if (v == null || v.isBlank()) {
                v = env.apply(envName(key));
            }
            if (v != null && !v.isBlank()) {
                merged.put(key, v);
            }
        }
        settings.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                merged.put(k, v);
            }
        });
        InitParams top = InitParams.of("aifilters.llm", merged);
        UnaryOperator<String> decrypt = value -> ApiKeyCipher.isEncrypted(value)
                ? ApiKeyCipher.fromBase64(env.apply(ApiKeyCipher.MASTER_KEY_ENV)).decrypt(value) : value;

        TreeSet<Integer> indexes = new TreeSet<>();
        for (String k : merged.keySet()) {
            Matcher m = ENDPOINT_KEY.matcher(k);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        if (indexes.isEmpty()) {
            endpoint(top, top, "default", decrypt).ifPresent(endpoints::add);
        } else {
            for (int i : indexes) {
                Map<String, String> own = new LinkedHashMap<>();
                String prefix = ENDPOINTS_PREFIX + i + ".";
                merged.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        own.put(k.substring(prefix.length()), v);
                    }
                });
                endpoint(InitParams.of("aifilters.llm." + prefix, own), top, "endpoint-" + i, decrypt)
                        .ifPresent(endpoints::add);
            }
        }
        if (endpoints.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OpenAiEngineConfig(endpoints, top.integer(FAILURE_THRESHOLD, 3),
                top.duration(COOL_DOWN, Duration.ofSeconds(30)), top.duration(SLOW_CALL, Duration.ofMillis(1500)),
                top.bool(WARM_UP_REQUEST, true)));
    }

    /** An endpoint from its own keys, falling back to the top-level ones (except the base URL and the name). */
    private static Optional<EndpointConfig> endpoint(InitParams own, InitParams top, String defaultName,
                                                     UnaryOperator<String> decrypt) {
        Optional<String> baseUrl = own.string(BASE_URL);
        if (baseUrl.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = own.string(API_KEY).or(() -> own.string(API_KEY_FILE).map(OpenAiEngineConfig::readKeyFile));
        if (own != top) {
            key = key.or(() -> top.string(API_KEY)).or(() -> top.string(API_KEY_FILE).map(OpenAiEngineConfig::readKeyFile));
        }
        if (key.isEmpty() || key.get().isBlank()) {
            return Optional.empty();
        }
        String apiKey = decrypt.apply(key.get().trim());
        String model = own.string(MODEL).orElse(top.string(MODEL, DEFAULT_MODEL));
        Map<String, String> models = new LinkedHashMap<>();
        for (InitParams p : List.of(top, own)) {
            p.asMap().forEach((k, v) -> {
                if (k.startsWith(MODEL_PREFIX) && v != null && !v.isBlank()) {
                    models.put(k.substring(MODEL_PREFIX.length()), v.trim());
                }
            });
        }
        String temperature = own.string(TEMPERATURE).orElse(top.string(TEMPERATURE).orElse(null));
        Double temp;
        try {
            temp = temperature == null ? null : Double.valueOf(temperature);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("aifilters.llm: '" + TEMPERATURE + "' must be a number, got '"
                    + temperature + "'");
        }
        return Optional.of(new EndpointConfig(
                own.string(NAME, own == top ? top.string(NAME, defaultName) : defaultName),
                stripSlash(baseUrl.get()), apiKey, model, models,
                own.integer(WEIGHT, top.integer(WEIGHT, 1)),
                own.duration(TIMEOUT, top.duration(TIMEOUT, Duration.ofSeconds(2))),
                own.integer(MAX_RETRIES, top.integer(MAX_RETRIES, 1)),
                own.bool(STRUCTURED_OUTPUT, top.bool(STRUCTURED_OUTPUT, true)),
                own.longValue(DAILY_TOKEN_QUOTA, top.longValue(DAILY_TOKEN_QUOTA, 0)),
                temp));
    }

    private static String readKeyFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            // The path may be logged; the content never is.
            throw new IllegalArgumentException("aifilters.llm: cannot read " + API_KEY_FILE + " '" + file + "' ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String stripSlash(String url) {
        String u = url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** {@code baseUrl} → {@code AI_FILTERS_LLM_BASE_URL}; {@code failover.coolDown} → {@code AI_FILTERS_LLM_FAILOVER_COOL_DOWN}. */
    static String envName(String key) {
        return "AI_FILTERS_LLM_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }
}
