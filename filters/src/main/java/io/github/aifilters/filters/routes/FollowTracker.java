package io.github.aifilters.filters.routes;

import io.github.aifilters.filters.routes.internal.RouteMatcher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers the last suggestion made to each client for a short window, to count suggestions that were followed (a
 * later request from the same client that the suggested route serves). A client is its remote address plus a hash of
 * its User-Agent: no raw user data is kept, and the cache is bounded in size and time.
 */
final class FollowTracker {

    private final Cache<String, Route> pending;

    FollowTracker(Duration window, int maxClients) {
        this.pending = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterWrite(window)
                .executor(Runnable::run)
                .build();
    }

    static String clientKey(String remoteAddr, String userAgent) {
        return (remoteAddr == null ? "-" : remoteAddr) + "|"
                + Integer.toHexString(userAgent == null ? 0 : userAgent.hashCode());
    }

    void suggested(String client, Route route) {
        pending.put(client, route);
    }

    /** Whether this request follows the client's pending suggestion; a followed suggestion counts once. */
    boolean followed(String client, String method, String path) {
        if (pending.estimatedSize() == 0) {
            return false;
        }
        Route r = pending.getIfPresent(client);
        if (r != null && r.accepts(method) && RouteMatcher.fits(r.template(), path)) {
            pending.invalidate(client);
            return true;
        }
        return false;
    }

    boolean hasPending() {
        return pending.estimatedSize() > 0;
    }
}
