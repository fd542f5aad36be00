package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.intent.IntentTier;
import io.github.aifilters.core.intent.IntentTierProvider;
import io.github.aifilters.core.intent.LabelledExample;
import io.github.aifilters.core.intent.TierAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the optional second intent tier for the intent filter: trains it in the background from the intents file's
 * examples (again after each reload of the file), and asks it under a time budget on a small bounded pool, so that a
 * request thread never waits longer than the budget and never piles work up behind a slow encoder.
 */
public final class SemanticTierRunner implements AutoCloseable {

    /** How an attempt to ask the tier ended (a metric tag). */
    public enum Outcome { ANSWERED, NOT_READY, TIMEOUT, BUSY, FAILED }

    /** The tier's answer, or why there is none. */
    public record Attempt(Outcome outcome, Optional<TierAnswer> answer) {
    }

    /** Callers at once; the encoder bounds its own concurrency too, this bounds the threads parked on it. */
    private static final int POOL = 2;
    /** Requests queued for the pool at most; more are answered by the lexical tier at once. */
    private static final int QUEUE = 16;

    private final IntentTierProvider provider;
    private final Duration budget;
    private final ExecutorService training;
    private final ThreadPoolExecutor pool;
    private volatile IntentTier tier;
    private volatile IntentsDefinition trainedOn;

    public SemanticTierRunner(IntentTierProvider provider, Duration budget) {
        this.provider = provider;
        this.budget = budget;
        // one low-priority thread: training must not starve the request threads on a small machine
        this.training = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> thread(r, "intent-tier-train", Thread.MIN_PRIORITY));
        this.pool = new ThreadPoolExecutor(POOL, POOL, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> thread(r, "intent-tier", Thread.NORM_PRIORITY), new ThreadPoolExecutor.AbortPolicy());
    }

    private static Thread thread(Runnable r, String name, int priority) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(priority);
        return t;
    }

    public String name() {
        return provider.name();
    }

    /**
     * Starts training on {@code definition} unless the tier already trains or serves it. The previous tier keeps
     * serving until the new one is ready (the filter drops any intent the current model does not know).
     */
    public void trainFor(IntentsDefinition definition) {
        if (definition == null || definition == trainedOn) {
            return; // every request calls this: the common case takes no lock
        }
        start(definition);
    }

    private synchronized void start(IntentsDefinition definition) {
        if (definition == trainedOn) {
            return;
        }
        trainedOn = definition;
        List<LabelledExample> examples = new ArrayList<>();
        for (IntentDefinition intent : definition.intents()) {
            for (String e : intent.examples()) {
                examples.add(new LabelledExample(e, intent.name()));
            }
        }
        IntentTier next = provider.create(examples, training);
        IntentTier previous = tier;
        if (previous == null) {
            tier = next;
            return;
        }
        // swap once the new one is ready; checked from the training thread, after its training task
        training.execute(() -> {
            if (next.ready()) {
                tier = next;
                previous.close();
            } else {
                next.close();
            }
        });
    }

    public boolean ready() {
        IntentTier t = tier;
        return t != null && t.ready();
    }

    /** Heap of the trained tier, in bytes (0 while not ready). */
    public long memoryBytes() {
        IntentTier t = tier;
        return t == null ? 0 : t.memoryBytes();
    }

    /** Asks the tier, waiting at most the budget; never throws. */
    public Attempt ask(String text) {
        IntentTier t = tier;
        if (t == null || !t.ready()) {
            return new Attempt(Outcome.NOT_READY, Optional.empty());
        }
        Future<Optional<TierAnswer>> f;
        try {
            f = pool.submit(() -> t.classify(text));
        } catch (RejectedExecutionException full) {
            return new Attempt(Outcome.BUSY, Optional.empty());
        }
        try {
            Optional<TierAnswer> a = f.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            return new Attempt(a.isPresent() ? Outcome.ANSWERED : Outcome.NOT_READY, a);
        } catch (TimeoutException slow) {
            f.cancel(false); // the encoding finishes on its own (and fills the cache); the request moves on
            return new Attempt(Outcome.TIMEOUT, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(Outcome.FAILED, Optional.empty());
        } catch (ExecutionException | RuntimeException e) {
            return new Attempt(Outcome.FAILED, Optional.empty());
        }
    }

    @Override
    public void close() {
        training.shutdownNow();
        pool.shutdownNow();
        IntentTier t = tier;
        if (t != null) {
            t.close();
        }
    }
}
