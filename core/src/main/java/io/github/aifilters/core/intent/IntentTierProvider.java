package io.github.aifilters.core.intent;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;

/**
 * Service-provider interface of an optional intent tier (the {@code ai-filters-semantic} module registers one in
 * {@code META-INF/services/io.github.aifilters.core.intent.IntentTierProvider}). Core and the filters never depend on
 * an implementation: the intent filter looks one up with {@link #find(ClassLoader)} and runs without when none is on
 * the class path.
 */
public interface IntentTierProvider {

    /** Short name, used as the answer's tier in logs (e.g. {@code semantic}). */
    String name();

    /**
     * Starts training a tier on {@code examples} on {@code executor} and returns at once: the tier is not
     * {@link IntentTier#ready()} until the training finishes. Must not block on the model load either (a start-up
     * must serve within seconds).
     */
    IntentTier create(List<LabelledExample> examples, Executor executor);

    /** The first provider found with {@code loader}, or empty (no optional tier on the class path). */
    static Optional<IntentTierProvider> find(ClassLoader loader) {
        try {
            return ServiceLoader.load(IntentTierProvider.class, loader).findFirst();
        } catch (java.util.ServiceConfigurationError e) {
            // a broken provider jar must not fail the filter: it then runs with the lexical tier alone
            return Optional.empty();
        }
    }
}
