package io.github.aifilters.core.engine.llm;

import java.util.Optional;
import java.util.function.Function;

/**
 * Every LLM call goes through here: deadline, circuit breaker, bulkhead, rate limiter, cache keyed on the redacted
 * prompt, metrics, and the check that turns a reply into a usable answer (or nothing).
 * (Foundation placeholder: calls the engine directly; the resilient implementation replaces it.)
 */
public class LlmGateway implements AutoCloseable {

    private final LlmEngine engine;

    public LlmGateway(LlmEngine engine) {
        this.engine = engine;
    }

    /**
     * @param prompt a redacted prompt
     * @param check turns a reply into an answer, or empty when the reply fails the checks
     * @return the checked answer, or empty on any failure, timeout, open breaker or failed check
     */
    public <T> Optional<T> call(LlmPrompt prompt, Function<LlmReply, Optional<T>> check) {
        try {
            return check.apply(engine.complete(prompt));
        } catch (LlmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
