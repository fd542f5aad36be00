package io.github.aifilters.errors;

import io.github.aifilters.core.engine.AiEngine;
import io.github.aifilters.core.engine.AlertMessage;
import io.github.aifilters.core.engine.AlertQuery;
import io.github.aifilters.core.engine.CorrectionAdvice;
import io.github.aifilters.core.engine.CorrectionQuery;
import io.github.aifilters.core.engine.EngineSource;
import io.github.aifilters.core.engine.ErrorAnalysis;
import io.github.aifilters.core.engine.ErrorQuery;
import io.github.aifilters.core.engine.IntentQuery;
import io.github.aifilters.core.engine.IntentResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow "LLM" behind the engine SPI (the HybridEngine's LLM side is built elsewhere; at integration this becomes
 * the fake OpenAI server): escalated error analyses block until {@link #release()}, and every call is counted and its
 * query kept, so tests can prove the client never waits and that only redacted text is sent.
 */
final class FakeEngine implements AiEngine {

    final AtomicInteger escalated = new AtomicInteger();
    final AtomicInteger notEscalated = new AtomicInteger();
    final ConcurrentLinkedQueue<ErrorQuery> queries = new ConcurrentLinkedQueue<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch answered = new CountDownLatch(1);

    void release() {
        gate.countDown();
    }

    @Override
    public ErrorAnalysis analyseError(ErrorQuery query) {
        queries.add(query);
        if (!query.escalate()) {
            notEscalated.incrementAndGet();
        } else {
            escalated.incrementAndGet();
            try {
                gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return new ErrorAnalysis("database", 503, "critical", "LLM: the connection pool is exhausted by slow report "
                    + "queries.", List.of("Add an index on orders(created_at)."), List.of("https://example.org/hikari"),
                    0.9, EngineSource.LLM, Duration.ofMillis(5));
        } finally {
            answered.countDown();
        }
    }

    @Override
    public IntentResult classifyIntent(IntentQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CorrectionAdvice suggestCorrections(CorrectionQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AlertMessage writeAlertMessage(AlertQuery query) {
        throw new UnsupportedOperationException();
    }
}
