package io.github.aifilters.openai;

import io.github.aifilters.core.llm.LlmPrompt;
import io.github.aifilters.core.llm.LlmReply;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process {@link LlmEngine} (the engine SPI, not an HTTP layer) whose answer is scripted: records every prompt
 * and answers with the current behaviour.
 */
public final class ScriptedEngine implements LlmEngine {

    @FunctionalInterface
    public interface Behaviour {
        LlmReply answer(LlmPrompt prompt) throws Exception;
    }

    private final List<LlmPrompt> prompts = new CopyOnWriteArrayList<>();
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>();
    private volatile boolean closed;

    public ScriptedEngine(Behaviour behaviour) {
        this.behaviour.set(behaviour);
    }

    public static ScriptedEngine replying(String text) {
        return new ScriptedEngine(p -> new LlmReply(text, "gpt-4-turbo", "test", 1000, 1000));
    }

    public void set(Behaviour b) {
        behaviour.set(b);
    }

    public List<LlmPrompt> prompts() {
        return List.copyOf(prompts);
    }

    public int calls() {
        return prompts.size();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public LlmReply complete(LlmPrompt prompt) throws LlmException {
        prompts.add(prompt);
        try {
            return behaviour.get().answer(prompt);
        } catch (LlmException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LlmException("scripted failure", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
