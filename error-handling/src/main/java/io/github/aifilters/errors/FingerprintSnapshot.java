package io.github.aifilters.errors;

import java.time.Instant;
import java.util.List;

/**
 * What the table knows about one fingerprint at a point in time (for the log line and the ops view).
 *
 * @param fingerprint the group's fingerprint
 * @param exception outermost exception type (or {@code sendError})
 * @param rootException root cause type
 * @param category category of the latest occurrence
 * @param status status answered for the latest occurrence
 * @param severity severity of the latest occurrence
 * @param count occurrences so far (since start, or since the entry was evicted and came back)
 * @param firstSeen first occurrence
 * @param lastSeen latest occurrence
 * @param lastErrorId errorId of the latest occurrence
 * @param routes route templates seen (bounded)
 * @param analysis the embedded analysis of the latest occurrence
 * @param llmAnalysis the LLM's analysis of the group, when one was made and accepted; else null
 */
public record FingerprintSnapshot(String fingerprint, String exception, String rootException, String category,
                                  int status, String severity, long count, Instant firstSeen, Instant lastSeen,
                                  String lastErrorId, List<String> routes, ErrorAnalysis analysis,
                                  ErrorAnalysis llmAnalysis) {
    public FingerprintSnapshot {
        routes = List.copyOf(routes);
    }
}
