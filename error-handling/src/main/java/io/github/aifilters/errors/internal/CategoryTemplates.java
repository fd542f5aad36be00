package io.github.aifilters.errors.internal;

import io.github.aifilters.errors.ErrorCategories;
import java.util.List;
import java.util.Locale;

/**
 * Ops-facing texts per category (never shown to clients), refined by a few well-known situations recognised in the
 * class names and messages (pool exhaustion, deadlock, expired token, open circuit, out of memory...).
 */
final class CategoryTemplates {

    record Text(String probableCause, List<String> actions) {
    }

    /** A situation recognised by a fragment of the lower-cased class names and messages. */
    private record Hint(String fragment, String cause, String action) {
    }

    private static final List<Hint> HINTS = List.of(
            new Hint("deadlock", "Two transactions deadlocked.",
                    "Access rows in a consistent order and keep transactions short; retry deadlock victims."),
            new Hint("lock wait timeout", "A transaction waited too long for a row lock.",
                    "Find the long-running transaction holding the lock."),
            new Hint("hikaripool", "The JDBC connection pool is exhausted (no connection within the timeout).",
                    "Check pool size vs. load, slow queries and leaked connections (leakDetectionThreshold)."),
            new Hint("could not get a resource from the pool", "The connection pool is exhausted.",
                    "Check pool size, slow commands and connections not returned to the pool."),
            new Hint("too many connections", "The database refuses new connections (max connections reached).",
                    "Lower pool sizes across instances or raise the server's connection limit."),
            new Hint("duplicate key", "A unique constraint was violated (duplicate key).",
                    "Check for the existing row before insert or map the violation to a 409 in the app."),
            new Hint("duplicate entry", "A unique constraint was violated (duplicate entry).",
                    "Check for the existing row before insert or map the violation to a 409 in the app."),
            new Hint("foreign key", "A foreign-key constraint was violated.",
                    "Check the referenced row exists and the order of inserts/deletes."),
            new Hint("syntax error", "The database rejected a statement's syntax.",
                    "Check recent changes to queries and migrations."),
            new Hint("expired", "A credential or token has expired.",
                    "Check token lifetimes, clock skew between services, and refresh logic."),
            new Hint("circuitbreaker", "A circuit breaker is open after repeated downstream failures.",
                    "Check the health of the protected downstream service."),
            new Hint("connection refused", "The remote endpoint refused the connection (down or wrong port).",
                    "Check the target service is running and its host/port configuration."),
            new Hint("unknownhost", "A host name could not be resolved.",
                    "Check DNS and the configured host name of the dependency."),
            new Hint("name or service not known", "A host name could not be resolved.",
                    "Check DNS and the configured host name of the dependency."),
            new Hint("timed out", "A call timed out.",
                    "Check the latency of the dependency and the configured timeouts."),
            new Hint("timeout", "A call timed out.",
                    "Check the latency of the dependency and the configured timeouts."),
            new Hint("outofmemory", "The JVM ran out of memory.",
                    "Take a heap dump, check memory limits and recent changes in data volumes."),
            new Hint("stackoverflow", "Unbounded recursion overflowed the stack.",
                    "Look for recursion without a base case (e.g. cyclic object graphs in serialisation)."),
            new Hint("nullpointer", "A null value was dereferenced.",
                    "Look at the top application frame of the stack trace for the null variable."),
            new Hint("lazyinitialization", "A lazy JPA association was read outside its session.",
                    "Fetch the association in the query (join fetch / entity graph) or map to a DTO inside the "
                            + "transaction."));

    private CategoryTemplates() {
    }

    static Text textFor(String category, String evidenceText, String topSignal) {
        Text base = switch (category) {
            case ErrorCategories.VALIDATION -> new Text("The client sent a request the application could not accept.",
                    List.of("No action needed unless the rate is unusual; check the API documentation and client "
                            + "versions if it persists."));
            case ErrorCategories.AUTHENTICATION -> new Text("The request's credentials were missing, invalid or expired.",
                    List.of("Check the identity provider and token lifetimes if many clients fail at once.",
                            "Look for clock skew between services validating tokens."));
            case ErrorCategories.AUTHORIZATION -> new Text("An authenticated caller was denied access.",
                    List.of("Check role/permission assignments and recent security configuration changes."));
            case ErrorCategories.NOT_FOUND -> new Text("The requested resource does not exist.",
                    List.of("Check for stale links or clients using deleted ids; no action if occasional."));
            case ErrorCategories.RATE_LIMIT -> new Text("A rate limit or quota was exceeded.",
                    List.of("Check which client exceeds the limit and whether the limit fits the expected load.",
                            "If an upstream quota is exhausted, cache or batch calls to it."));
            case ErrorCategories.EXTERNAL_SERVICE -> new Text("A call to an external service failed or timed out.",
                    List.of("Check the health and latency of the dependency.",
                            "Check timeouts, retries and circuit-breaker settings for it."));
            case ErrorCategories.DATABASE -> new Text("The database (or data store) failed or was unavailable.",
                    List.of("Check database health, connections and pool saturation.",
                            "Check slow queries and recent migrations."));
            case ErrorCategories.INTERNAL -> new Text("A bug or unexpected state in the application.",
                    List.of("Look at the stack trace and the top application frame.",
                            "Check recent deploys touching that code."));
            default -> new Text("Error of category '" + category + "'.",
                    List.of("See the rule that maps this exception to '" + category + "'."));
        };
        for (Hint h : HINTS) {
            if (evidenceText.contains(h.fragment())) {
                java.util.ArrayList<String> actions = new java.util.ArrayList<>(base.actions().size() + 1);
                actions.add(h.action());
                actions.addAll(base.actions());
                return new Text(h.cause() + " " + base.probableCause() + signalNote(topSignal), actions);
            }
        }
        return new Text(base.probableCause() + signalNote(topSignal), base.actions());
    }

    private static String signalNote(String topSignal) {
        return topSignal == null ? "" : " (strongest evidence: " + topSignal + ")";
    }

    /** Severity from category and status: server-side failures are high, infrastructure loss critical. */
    static String severity(String category, int status, String evidenceText) {
        if (evidenceText.contains("outofmemory") || evidenceText.contains("stackoverflow")
                || evidenceText.contains("heap space")) {
            return "critical";
        }
        if (ErrorCategories.DATABASE.equals(category)) {
            String t = evidenceText.toLowerCase(Locale.ROOT);
            return t.contains("connect") || t.contains("pool") || t.contains("refused") || t.contains("too many")
                    ? "critical" : "high";
        }
        if (status >= 500) {
            return "high";
        }
        return switch (category) {
            case ErrorCategories.AUTHENTICATION, ErrorCategories.AUTHORIZATION, ErrorCategories.RATE_LIMIT -> "medium";
            default -> "low";
        };
    }
}
