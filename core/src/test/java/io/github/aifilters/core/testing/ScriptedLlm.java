package io.github.aifilters.core.testing;

import io.github.aifilters.core.llm.LlmCallEvent;
import io.github.aifilters.core.llm.LlmCallListener;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmOutcome;
import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;
import io.github.aifilters.core.llm.ReplyParser;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-process {@link LlmClient} for filter tests: answers each prompt with a scripted reply text, which then goes
 * through the feature's real reply parser. Records the prompts it saw. For the HTTP side of an LLM, tests use
 * {@link FakeOpenAiServer} with the openai module's client.
 */
public final class ScriptedLlm implements LlmClient {

    private final Function<LlmPrompt, String> script;
    private final List<LlmPrompt> prompts = new CopyOnWriteArrayList<>();
    private final List<LlmCallListener> listeners = new CopyOnWriteArrayList<>();

    private ScriptedLlm(Function<LlmPrompt, String> script) {
        this.script = script;
    }

    /** Answers every prompt with {@code script.apply(prompt)} (which may throw, as a broken client would). */
    public static ScriptedLlm answering(Function<LlmPrompt, String> script) {
        return new ScriptedLlm(Objects.requireNonNull(script, "script"));
    }

    @Override
    public <T> Optional<T> call(LlmPrompt prompt, ReplyParser<T> parser) {
        prompts.add(prompt);
        LlmReply reply = new LlmReply(script.apply(prompt), "test-model", "test", 10, 5);
        Optional<T> answer = parser.parse(reply);
        LlmCallEvent event = new LlmCallEvent(prompt.operation(), "scripted", reply.model(), reply.endpoint(),
                reply.inputTokens(), reply.outputTokens(), 0, answer.isPresent() ? LlmOutcome.SUCCESS
                : LlmOutcome.INVALID, Duration.ZERO);
        listeners.forEach(l -> LlmCallListener.notifySafely(l, event));
        return answer;
    }

    @Override
    public AutoCloseable addListener(LlmCallListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The prompts asked so far, oldest first. */
    public List<LlmPrompt> prompts() {
        return List.copyOf(prompts);
    }

    /** How many calls were made. */
    public int calls() {
        return prompts.size();
    }
}
