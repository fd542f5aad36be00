package io.github.aifilters.openai.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.aifilters.core.internal.LogThrottle;
import io.github.aifilters.core.llm.LlmCallEvent;
import io.github.aifilters.core.llm.LlmCallListener;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmOutcome;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.core.llm.ReplyParser;
import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.LlmException;
import io.github.aifilters.openai.LlmGatewayConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every LLM call goes through here: result cache keyed on the (already redacted) prompt, circuit breaker, rate
 * limiter, bulkhead, a deadline enforced by this class, metrics, cost accounting, and the check that turns a reply
 * into a usable answer (or nothing). The fallback is always an empty {@link Optional}: callers keep their embedded
 * answer.
 *
 * <p>Why our own deadline: an SDK timeout only bounds the HTTP exchange; the first call of an SDK can block for
 * seconds on class loading and client set-up, and retries multiply the timeout. The engine runs on a bounded worker
 * pool and the caller waits at most {@link LlmGatewayConfig#deadline()}; a call that outlives it finishes in the
 * background (bounded by the engine's own timeout) while holding its bulkhead permit, so a hung provider cannot pile
 * up threads.
 *
 * <p>Metrics (Micrometer): {@code aifilters.llm.calls} (operation, engine, outcome), {@code aifilters.llm.latency}
 * (operation, engine, outcome), {@code aifilters.llm.cache.hits} (operation), {@code aifilters.llm.tokens} (model,
 * kind = input|output), {@code aifilters.llm.cost} (model; US dollars, estimated from the {@link PriceTable}),
 * {@code aifilters.llm.breaker.state} (engine; 0 closed, 1 open, 2 half-open, 3 other).
 */
public class LlmGateway implements LlmClient {

    private static final Logger LOG = LoggerFactory.getLogger(LlmGateway.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_TAG_LENGTH = 64;

    private final LlmEngine engine;
    private final String engineName;
    private final LlmGatewayConfig config;
    private final MeterRegistry registry;
    private final CircuitBreaker breaker;
    private final java.util.Set<String> modelNames;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final Cache<LlmPrompt, LlmReply> cache;
    private final ThreadPoolExecutor workers;
    private final List<LlmCallListener> listeners = new CopyOnWriteArrayList<>();
    // Health since start, for status() (ops views, alerts); the meters hold the same per tag, these in one place.
    private final java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder successes = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder timeouts = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder rejected = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder engineCalls = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder engineNanos = new java.util.concurrent.atomic.LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong openings = new AtomicLong();
    private volatile java.time.Instant lastFailureAt;
    private final List<java.util.function.Consumer<io.github.aifilters.core.llm.LlmStatus>> statusListeners =
            new CopyOnWriteArrayList<>();
    private final LogThrottle warnings = new LogThrottle(Duration.ofNanos(LOG_INTERVAL_NANOS));

    /** A gateway with default settings and a private meter registry (tests, quick starts). */
    public LlmGateway(LlmEngine engine) {
        this(engine, LlmGatewayConfig.defaults(), new SimpleMeterRegistry());
    }

    public LlmGateway(LlmEngine engine, LlmGatewayConfig config, MeterRegistry registry) {
        this(engine, config, registry, LlmCallListener.none());
    }

    public LlmGateway(LlmEngine engine, LlmGatewayConfig config, MeterRegistry registry, LlmCallListener listener) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engineName = tag(engine.name());
        listeners.add(Objects.requireNonNull(listener, "listener"));
        java.util.Set<String> configured;
        try {
            configured = java.util.Set.copyOf(engine.modelNames());
        } catch (RuntimeException e) {
            configured = java.util.Set.of();
        }
        this.modelNames = configured;
        this.breaker = CircuitBreaker.of("aifilters-llm-" + engineName, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.breakerWindow())
                .minimumNumberOfCalls(Math.min(config.breakerMinCalls(), config.breakerWindow()))
                .failureRateThreshold(config.breakerFailureRate())
                .waitDurationInOpenState(config.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        this.bulkhead = Bulkhead.of("aifilters-llm-" + engineName, BulkheadConfig.custom()
                .maxConcurrentCalls(config.bulkheadMaxConcurrent())
                .maxWaitDuration(Duration.ZERO) // never queue a request thread behind a slow provider
                .build());
        this.rateLimiter = config.rateLimitPerSecond() == 0 ? null
                : RateLimiter.of("aifilters-llm-" + engineName, RateLimiterConfig.custom()
                        .limitForPeriod(config.rateLimitPerSecond())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build());
        this.cache = config.cacheEnabled() && config.cacheMaxEntries() > 0
                ? Caffeine.newBuilder().maximumSize(config.cacheMaxEntries()).expireAfterWrite(config.cacheTtl()).build()
                : null;
        int n = config.bulkheadMaxConcurrent();
        AtomicInteger threadNo = new AtomicInteger();
        // The bulkhead bounds tasks in flight to n; the queue only absorbs the instant between a task releasing its
        // permit and its thread becoming idle again.
        this.workers = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(n), r -> {
            Thread t = new Thread(r, "aifilters-llm-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        Gauge.builder("aifilters.llm.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        }).tag("engine", engineName).description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                .register(registry);
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openings.incrementAndGet();
                registry.counter("aifilters.llm.breaker.openings", "engine", engineName).increment();
                LOG.warn("LLM circuit breaker of {} opened: calls are refused for {}, the embedded answers are used",
                        engineName, config.breakerOpenFor());
            } else if (event.getStateTransition().getFromState() == CircuitBreaker.State.OPEN
                    || event.getStateTransition().getFromState() == CircuitBreaker.State.HALF_OPEN) {
                LOG.info("LLM circuit breaker of {} is now {}", engineName,
                        event.getStateTransition().getToState());
            }
            io.github.aifilters.core.llm.LlmStatus now = currentStatus(event.getStateTransition().getToState().name());
            for (var l : statusListeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not disturb the call that moved the breaker
                }
            }
        });
    }

    @Override
    public Optional<io.github.aifilters.core.llm.LlmStatus> status() {
        return Optional.of(currentStatus(breaker.getState().name()));
    }

    private io.github.aifilters.core.llm.LlmStatus currentStatus(String state) {
        long n = engineCalls.sum();
        return new io.github.aifilters.core.llm.LlmStatus(engineName, state, calls.sum(), successes.sum(),
                failures.sum(), timeouts.sum(), rejected.sum(), n == 0 ? 0 : engineNanos.sum() / 1e6 / n,
                maxNanos.get() / 1e6, openings.get(), lastFailureAt);
    }

    @Override
    public AutoCloseable onStatusChange(java.util.function.Consumer<io.github.aifilters.core.llm.LlmStatus> listener) {
        Objects.requireNonNull(listener, "listener");
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /**
     * Asks the engine, within the deadline and the resilience limits.
     *
     * @param prompt a redacted prompt
     * @param check turns a reply into an answer, or empty when the reply fails the checks; must not throw (an
     *              exception counts as a failed check)
     * @return the checked answer, or empty on any failure, timeout, rejection, open breaker or failed check
     */
    @Override
    public <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> check) {
        return call(prompt, check, config.deadline());
    }

    /** As {@link #call(LlmPrompt, ReplyParser)}, waiting at most the shorter of {@code deadline} and the config's. */
    @Override
    public <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> check, Duration deadline) {
        long start = System.nanoTime();
        long deadlineNanos = deadline == null ? config.deadline().toNanos()
                : Math.min(deadline.toNanos(), config.deadline().toNanos());
        String operation = tag(prompt.operation());
        if (cache != null) {
            LlmReply cached = cache.getIfPresent(prompt);
            if (cached != null) {
                Optional<T> answer = safeCheck(check, cached);
                if (answer.isPresent()) {
                    registry.counter("aifilters.llm.cache.hits", "operation", operation).increment();
                    finish(operation, null, LlmOutcome.CACHE_HIT, start, null);
                    return answer;
                }
                cache.invalidate(prompt);
            }
        }
        if (!breaker.tryAcquirePermission()) {
            finish(operation, null, LlmOutcome.CIRCUIT_OPEN, start, null);
            return Optional.empty();
        }
        if (rateLimiter != null && !rateLimiter.acquirePermission()) {
            breaker.releasePermission();
            finish(operation, null, LlmOutcome.REJECTED, start, null);
            return Optional.empty();
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            finish(operation, null, LlmOutcome.REJECTED, start, null);
            return Optional.empty();
        }
        CompletableFuture<LlmReply> future = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    future.complete(engine.complete(prompt));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                } finally {
                    bulkhead.onComplete();
                }
            });
        } catch (RejectedExecutionException e) {
            bulkhead.onComplete();
            breaker.releasePermission();
            finish(operation, null, LlmOutcome.REJECTED, start, e);
            return Optional.empty();
        }
        LlmReply reply;
        try {
            long remaining = deadlineNanos - (System.nanoTime() - start);
            reply = future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            finish(operation, null, LlmOutcome.TIMEOUT, start, e);
            // The call goes on in the background (bounded by the engine's own timeout). If it answers, its tokens
            // were paid for: account them, and keep a valid answer for the next identical prompt.
            future.thenAccept(late -> lateReply(operation, prompt, late, check, start));
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
            finish(operation, null, LlmOutcome.FAILURE, start, cause);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            finish(operation, null, LlmOutcome.FAILURE, start, e);
            return Optional.empty();
        }
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (reply == null) {
            finish(operation, null, LlmOutcome.FAILURE, start, null);
            return Optional.empty();
        }
        Optional<T> answer = safeCheck(check, reply);
        if (answer.isPresent() && cache != null) {
            cache.put(prompt, reply);
        }
        finish(operation, reply, answer.isPresent() ? LlmOutcome.SUCCESS : LlmOutcome.INVALID, start, null);
        return answer;
    }

    private <T> void lateReply(String operation, LlmPrompt prompt, LlmReply late,
                               ReplyParser<T> check, long start) {
        if (late == null) {
            return;
        }
        if (cache != null && safeCheck(check, late).isPresent()) {
            cache.put(prompt, late);
        }
        LlmCallEvent event = account(operation, late, LlmOutcome.LATE, Duration.ofNanos(System.nanoTime() - start));
        for (LlmCallListener l : listeners) {
            LlmCallListener.notifySafely(l, event);
        }
    }

    /**
     * Adds a listener told about every call from now on (e.g. the monitoring module's cost accounting).
     *
     * @return closing it removes the listener
     */
    @Override
    public AutoCloseable addListener(LlmCallListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public LlmGatewayConfig config() {
        return config;
    }

    /** The engine's name, as used in metric tags. */
    public String engineName() {
        return engineName;
    }

    /** The breaker's state name ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} …), for health endpoints. */
    public String breakerState() {
        return breaker.getState().name();
    }

    private <T> Optional<T> safeCheck(ReplyParser<T> check, LlmReply reply) {
        try {
            Optional<T> r = check.parse(reply);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void finish(String operation, LlmReply reply, LlmOutcome outcome, long start, Throwable error) {
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        countForStatus(outcome, latency.toNanos());
        registry.counter("aifilters.llm.calls", "operation", operation, "engine", engineName, "outcome", outcome.tag())
                .increment();
        Timer.builder("aifilters.llm.latency").tags("operation", operation, "engine", engineName, "outcome",
                outcome.tag()).register(registry).record(latency);
        LlmCallEvent event = account(operation, reply, outcome, latency);
        if (outcome == LlmOutcome.FAILURE || outcome == LlmOutcome.TIMEOUT || outcome == LlmOutcome.CIRCUIT_OPEN) {
            warn(operation, outcome, error);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("LLM {} via {}: {} in {} ms", operation, engineName, outcome.tag(), latency.toMillis());
        }
        for (LlmCallListener l : listeners) {
            LlmCallListener.notifySafely(l, event);
        }
    }

    private void countForStatus(LlmOutcome outcome, long nanos) {
        calls.increment();
        switch (outcome) {
            case SUCCESS, CACHE_HIT -> successes.increment();
            case FAILURE, INVALID -> failures.increment();
            case TIMEOUT -> timeouts.increment();
            case REJECTED, CIRCUIT_OPEN -> rejected.increment();
            default -> { }
        }
        if (outcome == LlmOutcome.FAILURE || outcome == LlmOutcome.TIMEOUT) {
            lastFailureAt = java.time.Instant.now();
        }
        if (outcome != LlmOutcome.REJECTED && outcome != LlmOutcome.CIRCUIT_OPEN && outcome != LlmOutcome.CACHE_HIT) {
            engineCalls.increment();
            engineNanos.add(nanos);
            maxNanos.accumulateAndGet(nanos, Math::max);
        }
    }

    /** Counts the reply's tokens and cost (when there is a reply) and describes the call. */
    private LlmCallEvent account(String operation, LlmReply reply, LlmOutcome outcome, Duration latency) {
        String model = null;
        String endpoint = null;
        long in = 0;
        long out = 0;
        double cost = 0;
        if (reply != null) {
            model = modelTag(reply.model());
            endpoint = reply.endpoint();
            in = Math.max(0, reply.inputTokens());
            out = Math.max(0, reply.outputTokens());
            cost = config.prices().cost(reply.model(), in, out);
            registry.counter("aifilters.llm.tokens", "model", model, "kind", "input").increment(in);
            registry.counter("aifilters.llm.tokens", "model", model, "kind", "output").increment(out);
            Counter.builder("aifilters.llm.cost").baseUnit("usd").tag("model", model).register(registry).increment(cost);
        }
        return new LlmCallEvent(operation, engineName, model, endpoint, in, out, cost, outcome, latency);
    }

    /**
     * Rate-limited warning. Only our own {@link LlmException}'s message is logged (its contract forbids data in it);
     * of anything else, the class only: foreign messages may echo prompt or provider data.
     */
    private void warn(String operation, LlmOutcome outcome, Throwable error) {
        long held = warnings.pass(System.nanoTime());
        if (held >= 0) {
            LOG.warn("LLM {} via {} gave no answer ({}{}); the embedded answer is used{}", operation, engineName,
                    outcome.tag(), error == null ? "" : ", " + describe(error), LogThrottle.heldBack(held));
        }
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "deadline of " + config.deadline().toMillis() + " ms passed";
        }
        return error instanceof LlmException && error.getMessage() != null ? error.getMessage()
                : error.getClass().getName();
    }

    /**
     * A bounded model label: a configured model name, else the longest price-table prefix the name starts with,
     * else {@code other}. A hostile or buggy endpoint returning random model names must not mint meter ids (tokens
     * and cost are tagged with it) nor grow per-model tables downstream (the call event carries the same label).
     */
    String modelTag(String replyModel) {
        if (replyModel == null || replyModel.isBlank()) {
            return "unknown";
        }
        if (modelNames.contains(replyModel)) {
            return tag(replyModel);
        }
        return config.prices().prefixOf(replyModel).map(LlmGateway::tag).orElse("other");
    }

    private static String tag(String s) {
        if (s == null || s.isBlank()) {
            return "unknown";
        }
        return s.length() > MAX_TAG_LENGTH ? s.substring(0, MAX_TAG_LENGTH) : s;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        engine.close();
    }
}
