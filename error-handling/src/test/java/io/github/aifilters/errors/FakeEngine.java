package io.github.aifilters.errors;

import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.llm.ReplyParser;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow in-process "LLM" (the HTTP side is {@code LlmAnalysisEndToEndTest}'s): every call blocks until
 * {@link #release()}, and is counted and its prompt kept, so tests can prove the client never waits and that only
 * redacted text is sent. Its answer goes through the feature's real reply parser.
 */
final class FakeEngine implements LlmClient {

    static final String ANSWER = "{\"category\":\"database\",\"severity\":\"critical\",\"probableCause\":\"LLM: the "
            + "connection pool is exhausted by slow report queries.\",\"suggestedActions\":[\"Add an index on "
            + "orders(created_at).\"],\"confidence\":0.9}";

    final AtomicInteger escalated = new AtomicInteger();
    final ConcurrentLinkedQueue<LlmPrompt> queries = new ConcurrentLinkedQueue<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch answered = new CountDownLatch(1);

    void release() {
        gate.countDown();
    }

    @Override
    public <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> parser) {
        queries.add(prompt);
        escalated.incrementAndGet();
        try {
            gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return parser.parse(new LlmReply(ANSWER, "test-model", "test", 10, 5));
        } finally {
            answered.countDown();
        }
    }
}
