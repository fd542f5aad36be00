package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.filters.intent.IntentFilterConfig.ReloadMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link IntentClassifier} trained from an intents file and replaces it when the file changes,
 * without a restart. The model is immutable; a reload trains a new one off the request threads and swaps the
 * reference atomically, so a request sees either the old model or the new one, never a mix. A file that became invalid
 * is logged and the old model kept.
 *
 * <p>Reload modes: {@link ReloadMode#NONE}; {@link ReloadMode#SCHEDULED}, a daemon thread checking the file's
 * modification time every interval; {@link ReloadMode#ON_REQUEST}, where {@link #maybeReload()} (called by the filter
 * on each request; one clock read when nothing is due) checks the file at most once per interval and trains in the
 * background. A class-path resource inside a jar has no modification time and is never reloaded.
 */
public final class IntentModelHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntentModelHolder.class);

    private final IntentsFileLoader loader;
    private final IntentClassifierTrainer trainer;
    private final ReloadMode mode;
    private final long intervalNanos;
    private final AtomicReference<IntentClassifier> current = new AtomicReference<>();
    private final AtomicReference<String> version = new AtomicReference<>();
    private final AtomicReference<IntentsDefinition> definition = new AtomicReference<>();
    private final AtomicLong nextCheck;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ExecutorService background;

    /**
     * Loads and trains synchronously: a missing or invalid file throws {@link IntentsFileException} (fail start-up).
     */
    public IntentModelHolder(IntentsFileLoader loader, IntentClassifierTrainer trainer, ReloadMode mode,
                             Duration interval) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("reload interval must not be negative");
        }
        this.intervalNanos = interval.toNanos();
        this.version.set(loader.version().orElse(null));
        IntentsDefinition first = loader.load();
        this.current.set(trainer.train(first));
        this.definition.set(first);
        this.nextCheck = new AtomicLong(System.nanoTime() + intervalNanos);
        boolean watchable = loader.path().isPresent();
        if (mode == ReloadMode.SCHEDULED && watchable) {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("intent-model-watch"));
            long millis = Math.max(1, interval.toMillis());
            s.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
            background = s;
        } else if (mode == ReloadMode.ON_REQUEST && watchable) {
            // one thread, a queue of one: a second trigger while training is dropped (reloading flag) anyway
            background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1),
                    daemon("intent-model-reload"), new ThreadPoolExecutor.DiscardPolicy());
        } else {
            background = null;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The model to use now. */
    public IntentClassifier current() {
        return current.get();
    }

    /**
     * The intents file content the current model was trained on (what an optional second tier trains on too). Set
     * just before the model on a reload, so it may for a moment be newer than {@link #current()}, never older.
     */
    public IntentsDefinition definition() {
        return definition.get();
    }

    public ReloadMode mode() {
        return mode;
    }

    public long reloads() {
        return reloads.get();
    }

    public long failedReloads() {
        return failures.get();
    }

    /** On-request mode: checks the file when the interval has passed; training happens in the background. */
    public void maybeReload() {
        if (mode != ReloadMode.ON_REQUEST || background == null) {
            return;
        }
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + intervalNanos)) {
            return;
        }
        background.execute(this::checkQuietly);
    }

    private void checkQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // logged in reloadIfChanged; never let the watcher thread die
        }
    }

    /**
     * Reloads now if the file changed since the model was trained (synchronously, on the caller's thread).
     *
     * @return true when a new model was swapped in
     * @throws IntentsFileException when the changed file is invalid (the old model stays)
     */
    public boolean reloadIfChanged() {
        Optional<String> v = loader.version();
        if (v.isEmpty() || v.get().equals(version.get())) {
            return false;
        }
        return reload(v.get());
    }

    /**
     * Reloads now, changed or not.
     *
     * @throws IntentsFileException when the file is invalid (the old model stays)
     */
    public boolean reloadNow() {
        return reload(loader.version().orElse(null));
    }

    private boolean reload(String newVersion) {
        if (!reloading.compareAndSet(false, true)) {
            return false;
        }
        try {
            IntentsDefinition loaded = loader.load();
            IntentClassifier next = trainer.train(loaded);
            definition.set(loaded); // before the model: whoever sees the new model finds its definition
            current.set(next);
            version.set(newVersion);
            reloads.incrementAndGet();
            LOG.info("intents file '{}' reloaded: {}", loader.location(), next);
            return true;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            version.set(newVersion); // do not retrain the same broken file on every check
            LOG.warn("intents file '{}' changed but was not reloaded, the previous model stays: {}",
                    loader.location(), e.getMessage());
            throw e;
        } finally {
            reloading.set(false);
        }
    }

    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }
}
