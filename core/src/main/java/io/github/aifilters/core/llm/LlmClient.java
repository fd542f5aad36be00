package io.github.aifilters.core.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way a feature asks an LLM: a redacted prompt, a parser that checks the reply, a deadline. Implementations
 * (the {@code openai} module's) own the resilience — deadline, circuit breaker, bulkhead, rate limit, cache, metrics,
 * cost accounting — and never throw: any failure, timeout or failed check is an empty answer, and the caller keeps
 * its embedded answer.
 *
 * <p>The shared client of a web app is {@code AiFilterContext.llm(servletContext)}: the app's own, else one from the
 * first configured {@link LlmClientProvider}, else {@link #disabled()}.
 */
public interface LlmClient extends AutoCloseable {

    /**
     * Asks the model within the client's own deadline and limits.
     *
     * @param prompt a prompt whose request data is already redacted
     * @param parser checks the reply
     * @return the checked answer, or empty
     */
    <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> parser);

    /**
     * As {@link #call(LlmPrompt, ReplyParser)}, waiting at most {@code deadline} (or the client's own deadline,
     * whichever is shorter). Default: the client's own deadline only.
     */
    default <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> parser, Duration deadline) {
        return call(prompt, parser);
    }

    /** False for {@link #disabled()}: features skip building prompts altogether. */
    default boolean enabled() {
        return true;
    }

    /**
     * Tells {@code listener} about every call from now on (e.g. the monitoring filter's AI cost accounting).
     *
     * @return closing it removes the listener
     */
    default AutoCloseable addListener(LlmCallListener listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    /** Releases clients and threads. */
    /**
     * The client's health (breaker state, failures, timeouts, latency), when it keeps any; empty for clients that
     * do not (the disabled one, simple test clients).
     */
    default Optional<LlmStatus> status() {
        return Optional.empty();
    }

    /**
     * Calls {@code listener} whenever the status changes in a way ops must hear about (the breaker opens, closes or
     * half-opens), on the thread where it happened; the listener must be quick and must not throw. Returns a handle
     * that removes it. Clients without a status never call it.
     */
    default AutoCloseable onStatusChange(java.util.function.Consumer<LlmStatus> listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    @Override
    default void close() {
    }

    /** A client that never calls anything: every answer is empty. */
    static LlmClient disabled() {
        return Disabled.INSTANCE;
    }

    /** The {@link #disabled()} client. */
    enum Disabled implements LlmClient {
        INSTANCE;

        @Override
        public <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> parser) {
            return Optional.empty();
        }

        @Override
        public boolean enabled() {
            return false;
        }
    }
}
