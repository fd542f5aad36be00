package io.github.aifilters.openai.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.aifilters.core.internal.LenientJson;
import io.github.aifilters.core.internal.LogThrottle;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.openai.EndpointConfig;
import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.LlmException;
import io.github.aifilters.openai.OpenAiEngineConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LlmEngine} over openai-java's chat completions, for any OpenAI-compatible server. Several endpoints with
 * weights and automatic failover: the first attempt goes to a healthy endpoint picked by weight, then the others in
 * configuration order. Health comes from real calls: {@link OpenAiEngineConfig#failureThreshold()} consecutive failures
 * (or slow calls) skip an endpoint for {@link OpenAiEngineConfig#coolDown()}; when every endpoint is cooling down, the
 * one whose cool-down ends first is still tried, so the engine never goes dark on its own (the gateway's breaker
 * handles a total outage).
 *
 * <p>Clients are built and warmed (SDK classes loaded, JSON mappers primed) on a background thread at construction:
 * a request thread never pays for it. A call made before the warm-up finishes waits for it within the endpoint's
 * timeout (the gateway's deadline releases the caller anyway).
 *
 * <p>Nothing here logs a key, a prompt or an answer; failures are logged at debug level with the exception class and
 * HTTP status only.
 */
public final class OpenAiLlmEngine implements LlmEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiLlmEngine.class);

    private final OpenAiEngineConfig config;
    private final List<Endpoint> endpoints;
    private final Cache<String, DailyUsage> usageByKey;
    private final Clock clock;
    private final CompletableFuture<Void> warm = new CompletableFuture<>();

    public OpenAiLlmEngine(OpenAiEngineConfig config) {
        this(config, Clock.systemUTC());
    }

    OpenAiLlmEngine(OpenAiEngineConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = clock;
        // Bounded although keys come from configuration: one entry per distinct key.
        this.usageByKey = Caffeine.newBuilder().maximumSize(1_024).build();
        List<Endpoint> list = new ArrayList<>();
        for (EndpointConfig e : config.endpoints()) {
            list.add(new Endpoint(e, fingerprint(e.apiKey())));
        }
        this.endpoints = List.copyOf(list);
        Thread warm = new Thread(this::warmUp, "aifilters-openai-warmup");
        warm.setDaemon(true);
        warm.start();
    }

    /** Least time between two "failed N times in a row" warnings of one endpoint. */
    static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Override
    public java.util.Set<String> modelNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (EndpointConfig e : config.endpoints()) {
            names.add(e.model());
            names.addAll(e.models().values());
        }
        return java.util.Set.copyOf(names);
    }

    @Override
    public String name() {
        return "openai";
    }

    public OpenAiEngineConfig config() {
        return config;
    }

    /** Waits until the warm-up is over: every client built, every warm-up request answered or failed. */
    public boolean awaitWarm(long timeout, TimeUnit unit) {
        try {
            warm.get(timeout, unit);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void warmUp() {
        try {
            buildAndProbe();
        } finally {
            warm.complete(null);
        }
    }

    private void buildAndProbe() {
        for (Endpoint e : endpoints) {
            try {
                OpenAIClient client = OpenAIOkHttpClient.builder()
                        .baseUrl(e.config.baseUrl())
                        .apiKey(e.config.apiKey())
                        .timeout(e.config.timeout())
                        .maxRetries(e.config.maxRetries())
                        .build();
                primeSdk(e.config);
                e.client.complete(client);
            } catch (Throwable t) {
                LOG.warn("LLM endpoint '{}' could not be set up ({}); it will be skipped", e.config.name(),
                        t.getClass().getName());
                e.client.completeExceptionally(t);
            }
        }
        // Then one free request per endpoint (GET /models: no tokens spent; OpenAI, Ollama, vLLM and llama.cpp all
        // serve it): loads the HTTP stack's classes and opens the connection (TLS included) before the first real
        // call. Its outcome is not health: some compatible servers do not serve /models.
        for (Endpoint e : endpoints) {
            if (!config.warmUpRequest() || e.client.isCompletedExceptionally()) {
                continue;
            }
            try {
                e.client.join().models().list();
            } catch (Throwable t) {
                LOG.debug("LLM endpoint '{}' warm-up request failed ({})", e.config.name(), t.getClass().getName());
            }
        }
    }

    /** Loads and initialises the SDK classes a call needs (params, serialisation, response parsing). */
    private static void primeSdk(EndpointConfig e) throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(e.model())
                .addSystemMessage("warm-up").addUserMessage("warm-up").maxTokens(1)
                .responseFormat(schemaFormat("warm_up", Map.of("type", "object"))).build();
        ObjectMappers.jsonMapper().writeValueAsString(params._body());
        String sample = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{}\"},\"finish_reason\":\"stop\","
                + "\"logprobs\":null}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
        ChatCompletion parsed = ObjectMappers.jsonMapper().readValue(sample, ChatCompletion.class);
        parsed.validate();
    }

    @Override
    public LlmReply complete(LlmPrompt prompt) throws LlmException {
        StringBuilder failures = new StringBuilder();
        for (Endpoint e : order()) {
            if (!withinQuota(e)) {
                note(failures, e, "daily token quota used up");
                continue;
            }
            OpenAIClient client;
            try {
                client = e.client(e.config.timeout().toNanos());
            } catch (LlmException ex) {
                // Not the endpoint's fault (still warming up, or set-up failed and was logged): no health penalty.
                note(failures, e, ex.getMessage());
                continue;
            }
            long start = System.nanoTime();
            try {
                LlmReply reply = call(e, client, prompt);
                e.recordResult(System.nanoTime() - start <= config.slowCall().toNanos(), config, System.nanoTime());
                account(e, reply.inputTokens() + reply.outputTokens());
                return reply;
            } catch (OpenAIServiceException ex) {
                e.recordResult(false, config, System.nanoTime());
                note(failures, e, "HTTP " + ex.statusCode());
            } catch (LlmException ex) {
                e.recordResult(false, config, System.nanoTime());
                note(failures, e, ex.getMessage());
            } catch (RuntimeException ex) {
                e.recordResult(false, config, System.nanoTime());
                note(failures, e, ex.getClass().getSimpleName());
            }
        }
        throw new LlmException(failures.length() == 0 ? "no endpoint available" : "no endpoint answered: " + failures);
    }

    private LlmReply call(Endpoint e, OpenAIClient client, LlmPrompt prompt) throws LlmException {
        String model = e.config.modelFor(prompt.operation());
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model);
        if (prompt.system() != null && !prompt.system().isBlank()) {
            params.addSystemMessage(prompt.system());
        }
        params.addUserMessage(prompt.user());
        if (prompt.maxOutputTokens() > 0) {
            // OpenAI's own API wants max_completion_tokens (reasoning models reject max_tokens); most compatible
            // servers (Ollama, vLLM, llama.cpp, older gateways) only know max_tokens.
            if (isOpenAi(e.config.baseUrl())) {
                params.maxCompletionTokens(prompt.maxOutputTokens());
            } else {
                params.maxTokens(prompt.maxOutputTokens());
            }
        }
        if (e.config.temperature() != null) {
            params.temperature(e.config.temperature());
        }
        boolean structured = e.config.structuredOutput() && e.schemaAccepted.get() && prompt.jsonSchema() != null;
        ChatCompletion completion;
        if (structured) {
            ChatCompletionCreateParams plain = params.build();
            params.responseFormat(schemaFormat(prompt.schemaName() == null ? "answer" : prompt.schemaName(),
                    prompt.jsonSchema()));
            try {
                completion = client.chat().completions().create(params.build());
            } catch (BadRequestException ex) {
                // Servers without json_schema support answer 400: remember it and ask again without the schema
                // (the lenient extraction below still finds the JSON).
                if (e.schemaAccepted.compareAndSet(true, false)) {
                    LOG.info("LLM endpoint '{}' rejected response_format json_schema (HTTP 400); asking without it",
                            e.config.name());
                }
                completion = client.chat().completions().create(plain);
            }
        } else {
            completion = client.chat().completions().create(params.build());
        }
        String content = completion.choices().stream().findFirst()
                .flatMap(c -> c.message().content()).orElse(null);
        if (content == null || content.isBlank()) {
            throw new LlmException("empty answer");
        }
        // Always lenient: a server may ignore response_format, or wrap the JSON in prose or a fence.
        String text = prompt.jsonSchema() != null ? LenientJson.extractObjectText(content).orElse(content) : content;
        long in = completion.usage().map(u -> u.promptTokens()).orElse(0L);
        long out = completion.usage().map(u -> u.completionTokens()).orElse(0L);
        String answeredBy = completion._model().asString().orElse(model);
        return new LlmReply(text, answeredBy, e.config.name(), in, out);
    }

    private static ResponseFormatJsonSchema schemaFormat(String name, Map<String, Object> schema) {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder s = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        schema.forEach((k, v) -> s.putAdditionalProperty(k, JsonValue.from(v)));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name(name).strict(true).schema(s.build())
                        .build())
                .build();
    }

    /** Healthy endpoints, the first picked by weight, then the rest in configuration order; else the best sick one. */
    List<Endpoint> order() {
        long now = System.nanoTime();
        List<Endpoint> healthy = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.healthy(now)) {
                healthy.add(e);
            }
        }
        if (healthy.isEmpty()) {
            Endpoint soonest = null;
            for (Endpoint e : endpoints) {
                if (soonest == null || e.coolDownUntil.get() - soonest.coolDownUntil.get() < 0) {
                    soonest = e;
                }
            }
            return List.of(soonest);
        }
        long total = healthy.stream().mapToLong(e -> e.config.weight()).sum();
        if (total > 0 && healthy.size() > 1) {
            long pick = ThreadLocalRandom.current().nextLong(total);
            for (int i = 0; i < healthy.size(); i++) {
                pick -= healthy.get(i).config.weight();
                if (pick < 0) {
                    Endpoint first = healthy.remove(i);
                    healthy.add(0, first);
                    break;
                }
            }
        }
        return healthy;
    }

    private boolean withinQuota(Endpoint e) {
        long quota = e.config.dailyTokenQuota();
        if (quota <= 0) {
            return true;
        }
        return usage(e).used(today()) < quota;
    }

    private void account(Endpoint e, long tokens) {
        if (e.config.dailyTokenQuota() > 0 && tokens > 0) {
            usage(e).add(today(), tokens);
        }
    }

    private DailyUsage usage(Endpoint e) {
        return usageByKey.get(e.keyFingerprint, k -> new DailyUsage());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Tokens used today by one key. */
    private static final class DailyUsage {
        private final AtomicReference<LocalDate> day = new AtomicReference<>(LocalDate.MIN);
        private final AtomicLong tokens = new AtomicLong();

        long used(LocalDate today) {
            return today.equals(day.get()) ? tokens.get() : 0;
        }

        synchronized void add(LocalDate today, long n) {
            if (!today.equals(day.get())) {
                day.set(today);
                tokens.set(0);
            }
            tokens.addAndGet(n);
        }
    }

    private static void note(StringBuilder failures, Endpoint e, String why) {
        if (failures.length() > 0) {
            failures.append("; ");
        }
        failures.append(e.config.name()).append(": ").append(why);
        LOG.debug("LLM endpoint '{}' failed: {}", e.config.name(), why);
    }

    private static boolean isOpenAi(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && (host.equals("api.openai.com") || host.endsWith(".openai.azure.com"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** First 16 hex chars of SHA-256: identifies a key for quota accounting without keeping it as a map key. */
    private static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            e.client.thenAccept(c -> {
                try {
                    c.close();
                } catch (RuntimeException ex) {
                    LOG.debug("closing LLM client '{}' failed: {}", e.config.name(), ex.getClass().getName());
                }
            });
        }
    }

    @Override
    public String toString() {
        return "OpenAiLlmEngine" + config.endpoints();
    }

    /** An endpoint, its client (built in the background) and its health. */
    static final class Endpoint {
        final EndpointConfig config;
        final String keyFingerprint;
        final CompletableFuture<OpenAIClient> client = new CompletableFuture<>();
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        /** False once the endpoint answered 400 to a json_schema response format. */
        final java.util.concurrent.atomic.AtomicBoolean schemaAccepted = new java.util.concurrent.atomic.AtomicBoolean(true);
        final AtomicLong coolDownUntil = new AtomicLong(System.nanoTime());
        final LogThrottle warnings = new LogThrottle(Duration.ofNanos(WARN_INTERVAL_NANOS));

        Endpoint(EndpointConfig config, String keyFingerprint) {
            this.config = config;
            this.keyFingerprint = keyFingerprint;
        }

        boolean healthy(long now) {
            return now - coolDownUntil.get() >= 0;
        }

        void recordResult(boolean ok, OpenAiEngineConfig engine, long now) {
            if (ok) {
                consecutiveFailures.set(0);
            } else if (consecutiveFailures.incrementAndGet() >= engine.failureThreshold()) {
                coolDownUntil.set(now + engine.coolDown().toNanos());
                consecutiveFailures.set(0);
                // An outage trips this every cool-down: log once a minute per endpoint, with how many were held back.
                long held = warnings.pass(now);
                if (held >= 0) {
                    LOG.warn("LLM endpoint '{}' failed {} times in a row; skipped for {}{}", config.name(),
                            engine.failureThreshold(), engine.coolDown(), LogThrottle.heldBack(held));
                }
            }
        }

        OpenAIClient client(long waitNanos) throws LlmException {
            try {
                return client.get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new LlmException("client still warming up");
            } catch (ExecutionException e) {
                throw new LlmException("client could not be set up");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException("interrupted");
            }
        }
    }
}
