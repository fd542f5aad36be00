package io.github.aifilters.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polling for what happens after the client has its answer (background LLM analyses, meters recorded on completion,
 * alerts published from a scheduler thread).
 */
public final class Await {

    /** How long {@link #until(BooleanSupplier, String)} waits. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls until the condition holds, {@link #DEFAULT} at most; an {@link AssertionError} naming {@code what}. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, what);
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
