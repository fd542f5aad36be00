package io.github.aifilters.filters.routes.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.aifilters.core.internal.RouteTemplater;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The route catalog of one filter: declared routes (init-param, builder, file, OpenAPI, servlet mappings) plus
 * routes learned from traffic, served as immutable {@link RouteMatcher} snapshots.
 *
 * <p>Copy-on-write: a change bumps a version; the next lookup that finds the snapshot stale rebuilds it (at most once
 * per rebuild interval, by one thread, the others keep using the old snapshot) and publishes it through a volatile
 * field, so lookups never lock. Learned routes live in a size-bounded Caffeine cache whose W-TinyLFU admission keeps
 * frequent routes and lets one-off paths go first.
 */
public final class RouteCatalog {

    private static final Pattern SAFE_STATIC = Pattern.compile("[A-Za-z0-9._~\\-]{1,64}");
    private static final int MAX_LEARNED_PATH = 512;
    private static final int MAX_LEARNED_SEGMENTS = 16;

    private final RouteMatcher.Options options;
    private final RouteTemplater templater;
    private final boolean learning;
    private final Cache<String, Route> learned;
    private final AtomicLong version = new AtomicLong();
    private final ReentrantLock rebuildLock = new ReentrantLock();
    private final long rebuildIntervalNanos;
    private final LongSupplier clock;
    private volatile List<Route> declared;
    private volatile RouteMatcher declaredOnly;
    private volatile RouteMatcher snapshot;
    private volatile long builtVersion;
    private volatile long builtAt;
    private volatile boolean declaredChanged;

    public RouteCatalog(Collection<Route> declared, boolean learning, int maxLearned, RouteMatcher.Options options,
                        RouteTemplater templater, long rebuildIntervalNanos) {
        this(declared, learning, maxLearned, options, templater, rebuildIntervalNanos, System::nanoTime);
    }

    RouteCatalog(Collection<Route> declared, boolean learning, int maxLearned, RouteMatcher.Options options,
                 RouteTemplater templater, long rebuildIntervalNanos, LongSupplier clock) {
        this.options = options;
        this.templater = templater;
        this.learning = learning;
        this.rebuildIntervalNanos = rebuildIntervalNanos;
        this.clock = clock;
        this.learned = Caffeine.newBuilder()
                .maximumSize(maxLearned)
                // evict on the caller's thread: the catalog changes deterministically and no pool is needed
                .executor(Runnable::run)
                .removalListener((String k, Route v, com.github.benmanes.caffeine.cache.RemovalCause c) ->
                        version.incrementAndGet())
                .build();
        this.declared = List.copyOf(declared);
        this.declaredOnly = new RouteMatcher(this.declared, options, templater);
        this.snapshot = declaredOnly;
        this.builtAt = clock.getAsLong();
    }

    /** Adds declared routes (servlet mappings read once the context is up). */
    public synchronized void declare(Collection<Route> more) {
        if (more.isEmpty()) {
            return;
        }
        List<Route> all = new ArrayList<>(declared);
        all.addAll(more);
        declared = List.copyOf(all);
        declaredOnly = new RouteMatcher(declared, options, templater);
        version.incrementAndGet();
        // declared routes are rare, deliberate changes: the next lookup sees them, whatever the interval
        declaredChanged = true;
    }

    /**
     * Learns a route from a request that was served successfully: id-like segments become {@code {id}}. Paths with
     * unusual characters, very long paths and HEAD/OPTIONS/TRACE requests are not learned.
     *
     * @return whether the route was new
     */
    public boolean learn(String method, String path) {
        if (!learning || path == null || path.length() > MAX_LEARNED_PATH) {
            return false;
        }
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (m.isEmpty() || "HEAD".equals(m) || "OPTIONS".equals(m) || "TRACE".equals(m)) {
            return false;
        }
        String template = Route.canonical(templater.template(RouteMatcher.stripQuery(path)));
        String key = m + " " + template;
        if (learned.getIfPresent(key) != null) {
            return false;
        }
        String[] segs = RouteMatcher.split(template);
        if (segs.length > MAX_LEARNED_SEGMENTS) {
            return false;
        }
        for (String s : segs) {
            if (!RouteTemplater.ID.equals(s) && !SAFE_STATIC.matcher(s).matches()) {
                return false;
            }
        }
        learned.put(key, new Route(m, template, RouteSource.LEARNED));
        version.incrementAndGet();
        return true;
    }

    /** The current snapshot, rebuilt first when stale and the rebuild interval has passed. */
    public RouteMatcher matcher() {
        long v = version.get();
        if (v != builtVersion && (declaredChanged || clock.getAsLong() - builtAt >= rebuildIntervalNanos)
                && rebuildLock.tryLock()) {
            try {
                declaredChanged = false;
                v = version.get();
                List<Route> all = new ArrayList<>(declared);
                RouteMatcher declaredIndex = declaredOnly;
                for (Route r : learned.asMap().values()) {
                    // a learned path a declared route already serves adds nothing but a duplicate suggestion
                    if (declaredIndex.exactMatch(r.method(), r.template()).isEmpty()) {
                        all.add(r);
                    }
                }
                snapshot = new RouteMatcher(all, options, templater);
                builtVersion = v;
                builtAt = clock.getAsLong();
            } finally {
                rebuildLock.unlock();
            }
        }
        return snapshot;
    }

    /** Learned routes currently kept (estimate). */
    public long learnedCount() {
        learned.cleanUp();
        return learned.estimatedSize();
    }

    public List<Route> declared() {
        return declared;
    }
}
