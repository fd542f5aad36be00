package io.github.aifilters.errors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Early warning of rising error rates per route (the original design's "predictive issue detection"), kept simple:
 * per-minute buckets of requests and errors per route; minutes older than the recent window are folded into an EWMA
 * baseline of the per-minute error ratio; a warning fires when the recent window's rate exceeds
 * {@code max(factor x baseline, minRate)} with at least {@code minRequests} requests, at most once per window per
 * route. Bounded: at most {@code maxRoutes} routes are tracked (least recently used evicted).
 */
public final class ErrorRateMonitor {

    /** Smoothing of the baseline: each older minute moves it by 10%. */
    static final double ALPHA = 0.1;
    /** Minutes of baseline needed before warning (a new route has no baseline yet). */
    static final int WARMUP_MINUTES = 3;

    private final int windowMinutes;
    private final double factor;
    private final double minRate;
    private final int minRequests;
    private final Clock clock;
    private final Consumer<ErrorRateWarning> sink;
    private final Cache<String, RouteState> routes;

    public ErrorRateMonitor(Duration window, double factor, double minRate, int minRequests, int maxRoutes, Clock clock,
                            Consumer<ErrorRateWarning> sink) {
        this.windowMinutes = (int) Math.max(1, window.toMinutes());
        this.factor = factor;
        this.minRate = minRate;
        this.minRequests = minRequests;
        this.clock = clock;
        this.sink = sink;
        this.routes = Caffeine.newBuilder().maximumSize(maxRoutes).executor(Runnable::run).build();
    }

    /** Records one finished request of a route; {@code error} when the filter answered (or logged) an error. */
    public void record(String route, boolean error) {
        long minute = clock.millis() / 60_000;
        RouteState s = routes.getIfPresent(route); // the common case, without a lambda per request
        if (s == null) {
            s = routes.get(route, r -> new RouteState(windowMinutes, minute));
        }
        // No lock on the request path: every request of a route counts here, and a lock held by a descheduled
        // thread made the route's other requests wait for it. The minute moves under the state's lock (once a minute).
        s.advance(minute);
        int slot = s.slot(minute);
        s.requests.incrementAndGet(slot);
        ErrorRateWarning warning = null;
        if (error) {
            s.errors.incrementAndGet(slot);
            warning = s.check(route, minute);
        }
        if (warning != null) {
            sink.accept(warning);
        }
    }

    /**
     * One route's minutes. Counts are atomic and taken without a lock; moving to a new minute (folding the minutes
     * that leave the window into the baseline) and the warning check hold the state's lock. A request counted while
     * its minute's slot is being folded may land in the next minute: one request, once a minute.
     */
    private final class RouteState {
        final java.util.concurrent.atomic.AtomicLongArray requests;
        final java.util.concurrent.atomic.AtomicLongArray errors;
        volatile long current;
        double baseline;
        volatile int baselineMinutes;
        volatile long lastWarning = Long.MIN_VALUE / 2;

        RouteState(int window, long minute) {
            requests = new java.util.concurrent.atomic.AtomicLongArray(window);
            errors = new java.util.concurrent.atomic.AtomicLongArray(window);
            current = minute;
        }

        int slot(long minute) {
            return (int) Math.floorMod(minute, (long) requests.length());
        }

        /** Moves to {@code minute}: each new minute reuses the slot of the minute W earlier, which leaves the window. */
        void advance(long minute) {
            if (minute <= current) {
                return; // the request path: one volatile read
            }
            synchronized (this) {
                if (minute <= current) {
                    return;
                }
                long steps = Math.min(minute - current, requests.length());
                for (long m = minute - steps + 1; m <= minute; m++) {
                    fold(slot(m));
                }
                current = minute;
            }
        }

        /** Folds a minute leaving the window into the baseline (minutes without requests say nothing). */
        private void fold(int i) {
            long req = requests.getAndSet(i, 0);
            long err = errors.getAndSet(i, 0);
            if (req > 0) {
                double ratio = Math.min(1.0, (double) err / req); // an error counted between the two resets
                baseline = baselineMinutes == 0 ? ratio : baseline + ALPHA * (ratio - baseline);
                baselineMinutes++;
            }
        }

        ErrorRateWarning check(String route, long minute) {
            if (baselineMinutes < WARMUP_MINUTES || minute - lastWarning < requests.length()) {
                return null; // most errors: no lock
            }
            synchronized (this) {
                return checkLocked(route, minute);
            }
        }

        private ErrorRateWarning checkLocked(String route, long minute) {
            if (baselineMinutes < WARMUP_MINUTES || minute - lastWarning < requests.length()) {
                return null;
            }
            long req = 0;
            long err = 0;
            for (int i = 0; i < requests.length(); i++) {
                req += requests.get(i);
                err += errors.get(i);
            }
            if (req < minRequests) {
                return null;
            }
            double rate = (double) err / req;
            if (rate >= minRate && rate > factor * baseline) {
                lastWarning = minute;
                return new ErrorRateWarning(route, rate, baseline, req, err, clock.instant());
            }
            return null;
        }
    }
}
