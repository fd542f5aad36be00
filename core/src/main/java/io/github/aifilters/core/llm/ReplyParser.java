package io.github.aifilters.core.llm;

import java.util.Optional;

/**
 * Turns a model's reply into a checked answer, or nothing when the reply fails the feature's checks. Each feature owns
 * its parsers, beside its prompts. Must not throw (an exception counts as a failed check).
 */
@FunctionalInterface
public interface ReplyParser<T> {

    Optional<T> parse(LlmReply reply);
}
