package io.github.aifilters.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LatencyReservoirTest {

    @Test
    void quantilesOfASampleThatHoldsEveryRequest() {
        LatencyReservoir r = new LatencyReservoir(1000);
        assertThat(r.quantileMillis(0.95)).isNaN();
        for (int ms = 1; ms <= 100; ms++) {
            r.record(ms * 1_000_000L, ms % 10 == 0);
        }
        assertThat(r.count()).isEqualTo(100);
        assertThat(r.errors()).isEqualTo(10);
        assertThat(r.quantileMillis(0.95)).isEqualTo(95.0);
        assertThat(r.quantileMillis(0.5)).isEqualTo(50.0);
        assertThat(r.quantileMillis(1.0)).isEqualTo(100.0);
    }

    @Test
    void aFullReservoirKeepsAUniformSampleOfBoundedSize() {
        LatencyReservoir r = new LatencyReservoir(200);
        for (int i = 0; i < 100_000; i++) {
            r.record((i % 100 + 1) * 1_000_000L, false);
        }
        assertThat(r.count()).isEqualTo(100_000);
        // 1..100 ms uniformly: the sample's p95 is near 95 ms
        assertThat(r.quantileMillis(0.95)).isBetween(85.0, 100.0);
    }

    @Test
    void concurrentRequestsAreAllCountedWithoutALock() throws Exception {
        LatencyReservoir r = new LatencyReservoir(64);
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    r.record(7_000_000L, i % 2 == 0);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(r.count()).isEqualTo((long) threads * perThread);
        assertThat(r.errors()).isEqualTo((long) threads * perThread / 2);
        assertThat(r.quantileMillis(0.95)).isEqualTo(7.0);
    }
}
