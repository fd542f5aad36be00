package io.github.aifilters.semantic.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.aifilters.semantic.EncoderOptions;
import io.github.aifilters.semantic.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RawEncoder} behind a semaphore (at most {@code maxConcurrency} encodings at once, whoever calls) and a
 * bounded Caffeine cache; vectors are L2-normalised here so the classifier can rely on it whatever the model does.
 */
public final class CachingBoundedEncoder implements SentenceEncoder {

    private final RawEncoder raw;
    private final Semaphore slots;
    private final Cache<String, float[]> cache;
    private final ExecutorService batchPool;
    private final int maxConcurrency;

    public CachingBoundedEncoder(RawEncoder raw, EncoderOptions options) {
        this.raw = raw;
        this.maxConcurrency = options.maxConcurrency();
        this.slots = new Semaphore(options.maxConcurrency(), true);
        this.cache = options.cacheSize() == 0 ? null : Caffeine.newBuilder().maximumSize(options.cacheSize()).build();
        AtomicInteger n = new AtomicInteger();
        // daemon threads: a forgotten close() must not keep the JVM alive
        this.batchPool = Executors.newFixedThreadPool(options.maxConcurrency(), r -> {
            Thread t = new Thread(r, "semantic-encoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public float[] embed(String text) {
        String key = text == null ? "" : text;
        if (key.isBlank()) {
            // the model refuses blank text; a zero vector is similar to nothing, so it classifies as out of scope
            return new float[raw.dimension()];
        }
        if (cache == null) {
            return compute(key);
        }
        float[] v = cache.getIfPresent(key);
        if (v == null) {
            // not cache.get(key, fn): a slow model call must not block other keys' loads inside Caffeine's map
            v = compute(key);
            cache.put(key, v);
        }
        return v;
    }

    private float[] compute(String text) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an encoder slot", e);
        }
        try {
            return normalise(raw.encode(text));
        } finally {
            slots.release();
        }
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        // one strided share per slot: more would only queue on the semaphore
        int parts = Math.max(1, Math.min(maxConcurrency, texts.size()));
        float[][] out = new float[texts.size()][];
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            int total = parts;
            futures.add(CompletableFuture.runAsync(() -> {
                for (int i = part; i < texts.size(); i += total) {
                    out[i] = embed(texts.get(i));
                }
            }, batchPool));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // the caller should see the model's own exception, as from embed()
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return List.of(out);
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float[] out = v.clone();
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < out.length; i++) {
                out[i] *= inv;
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return raw.dimension();
    }

    @Override
    public String modelName() {
        return raw.name();
    }

    @Override
    public void close() {
        batchPool.shutdownNow();
        raw.close();
    }
}
