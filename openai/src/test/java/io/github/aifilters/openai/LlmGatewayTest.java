package io.github.aifilters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.llm.LlmCallEvent;
import io.github.aifilters.core.llm.LlmOutcome;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.core.llm.ReplyParser;
import io.github.aifilters.openai.internal.LlmGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LlmGatewayTest {

    private static final ReplyParser<String> ANY = r -> Optional.of(r.text());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static LlmPrompt prompt(String user) {
        return new LlmPrompt("intent", "system", user, "s", Map.of("type", "object"), 50);
    }

    private static LlmGatewayConfig.Builder noCache() {
        return LlmGatewayConfig.builder().cacheEnabled(false).rateLimitPerSecond(0);
    }

    private double calls(String outcome) {
        var c = registry.find("aifilters.llm.calls").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void successCountsTokensCostAndTellsListeners() {
        List<LlmCallEvent> events = new CopyOnWriteArrayList<>();
        ScriptedEngine engine = ScriptedEngine.replying("{\"a\":1}");
        try (LlmGateway gw = new LlmGateway(engine, noCache().build(), registry, events::add)) {
            assertThat(gw.call(prompt("x"), ANY)).contains("{\"a\":1}");
        }
        assertThat(calls("success")).isEqualTo(1);
        assertThat(registry.find("aifilters.llm.tokens").tag("kind", "input").counter().count()).isEqualTo(1000);
        // gpt-4-turbo: 1K in at 0.01 + 1K out at 0.03
        assertThat(registry.find("aifilters.llm.cost").counter().count()).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(LlmOutcome.SUCCESS);
            assertThat(e.operation()).isEqualTo("intent");
            assertThat(e.model()).isEqualTo("gpt-4-turbo");
            assertThat(e.costUsd()).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(e.inputTokens()).isEqualTo(1000);
        });
        assertThat(engine.closed()).isTrue();
    }

    @Test
    void hangingEngineReleasesCallerAtTheDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedEngine engine = new ScriptedEngine(p -> {
            release.await(10, TimeUnit.SECONDS);
            return new LlmReply("{}", "m", "e", 0, 0);
        });
        try (LlmGateway gw = new LlmGateway(engine, noCache().deadline(Duration.ofMillis(300)).build(), registry)) {
            long start = System.nanoTime();
            assertThat(gw.call(prompt("x"), ANY)).isEmpty();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ms).isGreaterThanOrEqualTo(250).isLessThan(1500);
        } finally {
            release.countDown();
        }
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    void lateReplyIsAccountedAndCachedAfterTheCallerLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<LlmCallEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch late = new CountDownLatch(1);
        ScriptedEngine engine = new ScriptedEngine(p -> {
            release.await(10, TimeUnit.SECONDS);
            return new LlmReply("{\"late\":true}", "gpt-3.5-turbo", "e", 2000, 1000);
        });
        LlmGatewayConfig cfg = LlmGatewayConfig.builder().deadline(Duration.ofMillis(200)).build();
        try (LlmGateway gw = new LlmGateway(engine, cfg, registry, e -> {
            events.add(e);
            if (e.outcome() == LlmOutcome.LATE) {
                late.countDown();
            }
        })) {
            assertThat(gw.call(prompt("slow"), ANY)).isEmpty();
            release.countDown();
            assertThat(late.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).extracting(LlmCallEvent::outcome).containsExactly(LlmOutcome.TIMEOUT, LlmOutcome.LATE);
            // gpt-3.5-turbo: 2K in at 0.0005 + 1K out at 0.0015
            assertThat(events.get(1).costUsd()).isCloseTo(0.0025, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(gw.call(prompt("slow"), ANY)).contains("{\"late\":true}");
        }
        assertThat(engine.calls()).isEqualTo(1);
        assertThat(calls("cache_hit")).isEqualTo(1);
    }

    @Test
    void breakerOpensAfterFailuresAndStopsCallingTheEngine() {
        ScriptedEngine engine = new ScriptedEngine(p -> {
            throw new LlmException("down");
        });
        LlmGatewayConfig cfg = noCache().breakerWindow(4).breakerMinCalls(4).breakerOpenFor(Duration.ofMinutes(1)).build();
        try (LlmGateway gw = new LlmGateway(engine, cfg, registry)) {
            for (int i = 0; i < 10; i++) {
                assertThat(gw.call(prompt("x" + i), ANY)).isEmpty();
            }
            assertThat(gw.breakerState()).isEqualTo("OPEN");
        }
        assertThat(engine.calls()).isEqualTo(4);
        assertThat(calls("failure")).isEqualTo(4);
        assertThat(calls("circuit_open")).isEqualTo(6);
    }

    @Test
    void bulkheadRejectsWhenFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedEngine engine = new ScriptedEngine(p -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return new LlmReply("{}", "m", "e", 0, 0);
        });
        try (LlmGateway gw = new LlmGateway(engine, noCache().bulkheadMaxConcurrent(1)
                .deadline(Duration.ofSeconds(5)).build(), registry)) {
            CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> gw.call(prompt("a"), ANY));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(gw.call(prompt("b"), ANY)).isEmpty();
            assertThat(calls("rejected")).isEqualTo(1);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).contains("{}");
        }
        assertThat(engine.calls()).isEqualTo(1);
    }

    @Test
    void rateLimiterRejectsBeyondTheLimit() {
        ScriptedEngine engine = ScriptedEngine.replying("{}");
        try (LlmGateway gw = new LlmGateway(engine, noCache().rateLimitPerSecond(2).build(), registry)) {
            int answered = 0;
            for (int i = 0; i < 10; i++) {
                answered += gw.call(prompt("x" + i), ANY).isPresent() ? 1 : 0;
            }
            // 2 permits per second: unless the loop spans more than 4 s, some calls are refused without a call.
            assertThat(answered).isBetween(2, 9);
            assertThat(engine.calls()).isEqualTo(answered);
        }
        assertThat(calls("rejected")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cacheServesRepeatedPromptsButNotInvalidAnswers() {
        ScriptedEngine engine = ScriptedEngine.replying("{\"ok\":true}");
        try (LlmGateway gw = new LlmGateway(engine, LlmGatewayConfig.defaults(), registry)) {
            assertThat(gw.call(prompt("same"), ANY)).isPresent();
            assertThat(gw.call(prompt("same"), ANY)).isPresent();
            assertThat(engine.calls()).isEqualTo(1);
            assertThat(registry.find("aifilters.llm.cache.hits").counter().count()).isEqualTo(1);

            // An answer failing the check is not cached: the next call asks again.
            assertThat(gw.call(prompt("other"), r -> Optional.empty())).isEmpty();
            assertThat(gw.call(prompt("other"), r -> Optional.empty())).isEmpty();
            assertThat(engine.calls()).isEqualTo(3);
            assertThat(calls("invalid")).isEqualTo(2);
        }
    }

    @Test
    void throwingCheckOrListenerNeverEscapes() {
        ScriptedEngine engine = ScriptedEngine.replying("{}");
        try (LlmGateway gw = new LlmGateway(engine, noCache().build(), registry, e -> {
            throw new IllegalStateException("listener bug");
        })) {
            assertThat(gw.call(prompt("x"), r -> {
                throw new IllegalStateException("check bug");
            })).isEmpty();
        }
        assertThat(calls("invalid")).isEqualTo(1);
    }

    @Test
    void configFromSettings() {
        LlmGatewayConfig c = LlmGatewayConfig.fromSettings(Map.of("deadline", "750ms", "breaker.window", "10",
                "bulkhead.maxConcurrent", "3", "cache.ttl", "5m", "cache.maxEntries", "99",
                "price.gpt-4o-mini", "0.00015/0.0006", "unrelated", "x"));
        assertThat(c.deadline()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.breakerWindow()).isEqualTo(10);
        assertThat(c.bulkheadMaxConcurrent()).isEqualTo(3);
        assertThat(c.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.cacheMaxEntries()).isEqualTo(99);
        assertThat(c.prices().lookup("gpt-4o-mini-2024-07-18")).contains(new PriceTable.Price(0.00015, 0.0006));
        assertThat(c.prices().lookup("gpt-4-turbo")).isPresent();
        assertThat(LlmGatewayConfig.fromSettings(Map.of())).isEqualTo(LlmGatewayConfig.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LlmGatewayConfig.fromSettings(Map.of("deadline", "soon")))
                .hasMessageContaining("deadline");
    }

    @Test
    void priceTableUsesLongestPrefix() {
        PriceTable t = PriceTable.defaults().with("gpt-4", new PriceTable.Price(0.03, 0.06));
        assertThat(t.lookup("gpt-4-turbo-2024-04-09")).contains(new PriceTable.Price(0.01, 0.03));
        assertThat(t.lookup("gpt-4-0613")).contains(new PriceTable.Price(0.03, 0.06));
        assertThat(t.lookup("models/gemini-pro")).contains(new PriceTable.Price(0.00025, 0.0005));
        assertThat(t.lookup("llama3.2")).isEmpty();
        assertThat(t.cost("llama3.2", 1000, 1000)).isZero();
        assertThat(t.cost("claude-3-opus-20240229", 2000, 1000)).isCloseTo(0.105, org.assertj.core.data.Offset.offset(1e-9));
    }
}
