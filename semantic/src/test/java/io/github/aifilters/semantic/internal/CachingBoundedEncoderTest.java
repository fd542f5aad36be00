package io.github.aifilters.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.semantic.EncoderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounds and the cache, with a counting fake in place of the model. */
class CachingBoundedEncoderTest {

    /** Records how many calls run at once; each call sleeps a little so that callers overlap. */
    static final class CountingEncoder implements RawEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public float[] encode(String text) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            calls.incrementAndGet();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new float[] {text.length(), 3, 4};
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void neverRunsMoreEncodingsThanTheBoundAndCachesResults() throws Exception {
        CountingEncoder raw = new CountingEncoder();
        try (CachingBoundedEncoder enc = new CachingBoundedEncoder(raw, new EncoderOptions(2, 1, 1000))) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 20; i++) {
                        enc.embed("thread " + id + " text " + i);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add("batch " + i);
            }
            enc.embedAll(batch);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(raw.maxRunning.get()).isLessThanOrEqualTo(2);
            int calls = raw.calls.get();
            assertThat(calls).isEqualTo(6 * 20 + 50);
            enc.embedAll(batch);
            assertThat(raw.calls.get()).isEqualTo(calls);
        }
    }

    @Test
    void vectorsAreNormalised() {
        try (CachingBoundedEncoder enc = new CachingBoundedEncoder(new CountingEncoder(), new EncoderOptions(1, 1,
                0))) {
            float[] v = enc.embed("xyz");
            // the fake answers [3, 3, 4]: norm sqrt(34)
            float n = (float) Math.sqrt(34);
            assertThat(v).containsExactly(new float[] {3 / n, 3 / n, 4 / n}, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
