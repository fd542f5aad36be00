package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The cheap checks in front of the HTTP-status expression must never skip a message the expression matches: on every
 * message and cause message of the case files, and on crafted ones for each of its alternatives.
 */
class HttpStatusPrefilterTest {

    private static final List<String> CRAFTED = List.of(
            "HTTP 403 Forbidden", "http/1.1 503", "Status Code: 503; Error Code: SlowDown", "status=404",
            "statusCode=502", "[404 Not Found]", "  429: slow down", "[500] upstream", "404", "server returned 502",
            "response code 401 from idp", "got 503 service unavailable from api", "409 conflict on save",
            "HikariPool-1 - Connection is not available, request timed out after 30000ms at db.internal:5432",
            "value 4000 out of range", "order 500 not found", "retry in 450ms", "x 401unauthorized");

    @Test
    void theChecksAreNecessaryForAMatch() throws IOException {
        List<String> messages = new ArrayList<>(CRAFTED);
        for (String file : List.of("realistic-cases.jsonl", "realistic-cases-2.jsonl", "realistic-cases-3.jsonl",
                "realistic-cases-4.jsonl", "realistic-cases-5.jsonl", "realistic-cases-6.jsonl",
                "realistic-cases-7.jsonl", "realistic-cases-8.jsonl", "realistic-cases-9.jsonl")) {
            ErrorCaseFiles.resource("/errors/" + file).forEach(c -> add(messages, c.description()));
        }
        Path dev = ErrorCaseFiles.sharedDevCases();
        if (dev != null) {
            for (Path p : List.of(dev, dev.resolveSibling("real-cases.jsonl"))) {
                if (Files.isRegularFile(p)) {
                    ErrorCaseFiles.parse(Files.readString(p, StandardCharsets.UTF_8))
                            .forEach(c -> add(messages, c.description()));
                }
            }
        }
        int matched = 0;
        for (String message : messages) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (EvidenceScorer.HTTP_STATUS.matcher(lower).find()) {
                matched++;
                assertThat(EvidenceScorer.mayNameHttpStatus(lower)).as(message).isTrue();
            }
        }
        // the files do hold status codes for the expression to find: the check above is not vacuous
        assertThat(matched).isGreaterThan(15);
        assertThat(messages.size()).isGreaterThan(500);
    }

    @Test
    void aMessageWithOnlyPortsAndDurationsSkipsTheExpression() {
        assertThat(EvidenceScorer.mayNameHttpStatus(
                "hikaripool-1 - connection is not available, request timed out after 30000ms at db.internal:5432"))
                .isFalse();
        assertThat(EvidenceScorer.mayNameHttpStatus("  [503] upstream")).isTrue();
        assertThat(EvidenceScorer.mayNameHttpStatus("call failed with 502 bad gateway")).isTrue();
    }

    private static void add(List<String> messages, ErrorDescription d) {
        if (d.message() != null) {
            messages.add(d.message());
        }
        for (ErrorDescription.Cause c : d.causes()) {
            if (c.message() != null) {
                messages.add(c.message());
            }
        }
    }
}
