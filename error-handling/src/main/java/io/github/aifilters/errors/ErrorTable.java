package io.github.aifilters.errors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounded table of error groups, one entry per fingerprint (least recently seen entries are evicted beyond the
 * maximum). Shared by the filter (writes) and {@link ErrorOpsServlet} (reads) through the servlet-context attribute
 * {@value #ATTRIBUTE}. Thread-safe.
 */
public final class ErrorTable {

    /** Servlet-context attribute holding the table of the web application. */
    public static final String ATTRIBUTE = "io.github.aifilters.errors.table";

    private final Cache<String, Entry> entries;
    private final int maxRoutesPerFingerprint;

    public ErrorTable(int maxFingerprints, int maxRoutesPerFingerprint) {
        if (maxFingerprints < 1 || maxRoutesPerFingerprint < 1) {
            throw new IllegalArgumentException("error table bounds must be positive");
        }
        this.entries = Caffeine.newBuilder().maximumSize(maxFingerprints).executor(Runnable::run).build();
        this.maxRoutesPerFingerprint = maxRoutesPerFingerprint;
    }

    /** The table of this web application, created with these bounds by the first caller. */
    public static ErrorTable shared(ServletContext context, int maxFingerprints, int maxRoutesPerFingerprint) {
        synchronized (context) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof ErrorTable t) {
                return t;
            }
            ErrorTable created = new ErrorTable(maxFingerprints, maxRoutesPerFingerprint);
            context.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** Records one occurrence and returns the group as it is now (count includes this one). */
    public FingerprintSnapshot record(String fingerprint, ErrorDescription d, ErrorAnalysis analysis, String errorId,
                                      String route, Instant now) {
        Entry e = entries.getIfPresent(fingerprint); // a known group: no lambda, no compute
        if (e == null) {
            e = entries.get(fingerprint, fp -> new Entry(fp, d.exception(), d.rootException(), now));
        }
        synchronized (e) {
            e.count++;
            e.lastSeen = now;
            e.lastErrorId = errorId;
            e.analysis = analysis;
            if (route != null && (e.routes.contains(route) || e.routes.size() < maxRoutesPerFingerprint)) {
                e.routes.add(route);
            }
            return e.snapshot();
        }
    }

    /**
     * Claims the right to ask the LLM about a fingerprint: true when it was never asked, or asked longer than
     * {@code reaskAfter} ago. At most one claim succeeds per period, so at most one LLM call per fingerprint.
     */
    public boolean claimLlm(String fingerprint, Instant now, Duration reaskAfter) {
        Entry e = entries.getIfPresent(fingerprint);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            if (e.llmAskedAt != null && Duration.between(e.llmAskedAt, now).compareTo(reaskAfter) < 0) {
                return false;
            }
            e.previousLlmAskedAt = e.llmAskedAt;
            e.llmAskedAt = now;
            return true;
        }
    }

    /** Gives a claim back (the request was dropped before it was made), so a later occurrence may try again. */
    public void releaseLlmClaim(String fingerprint) {
        Entry e = entries.getIfPresent(fingerprint);
        if (e != null) {
            synchronized (e) {
                e.llmAskedAt = e.previousLlmAskedAt;
            }
        }
    }

    /** Attaches the LLM's analysis to the group: later log lines and the ops view show it. */
    public void attachLlmAnalysis(String fingerprint, ErrorAnalysis analysis) {
        Entry e = entries.getIfPresent(fingerprint);
        if (e != null) {
            synchronized (e) {
                e.llmAnalysis = analysis;
            }
        }
    }

    public FingerprintSnapshot get(String fingerprint) {
        Entry e = entries.getIfPresent(fingerprint);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            return e.snapshot();
        }
    }

    /** Groups, most recently seen first, at most {@code limit}. */
    public List<FingerprintSnapshot> newestFirst(int limit) {
        List<FingerprintSnapshot> all = new ArrayList<>();
        for (Entry e : entries.asMap().values()) {
            synchronized (e) {
                all.add(e.snapshot());
            }
        }
        all.sort(Comparator.comparing(FingerprintSnapshot::lastSeen).reversed()
                .thenComparing(FingerprintSnapshot::fingerprint));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /** Number of distinct fingerprints held. */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    private static final class Entry {
        final String fingerprint;
        final String exception;
        final String rootException;
        final Instant firstSeen;
        final Set<String> routes = new LinkedHashSet<>();
        long count;
        Instant lastSeen;
        String lastErrorId;
        ErrorAnalysis analysis;
        ErrorAnalysis llmAnalysis;
        Instant llmAskedAt;
        Instant previousLlmAskedAt;

        Entry(String fingerprint, String exception, String rootException, Instant firstSeen) {
            this.fingerprint = fingerprint;
            this.exception = exception;
            this.rootException = rootException;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        FingerprintSnapshot snapshot() {
            return new FingerprintSnapshot(fingerprint, exception, rootException, analysis == null ? null
                    : analysis.category(), analysis == null ? 0 : analysis.status(), analysis == null ? null
                    : analysis.severity(), count, firstSeen, lastSeen, lastErrorId, List.copyOf(routes), analysis,
                    llmAnalysis);
        }
    }
}
