package io.github.aifilters.errors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads exception-description JSONL files (the format of shared/data/errors/dev-cases.jsonl). */
final class ErrorCaseFiles {

    record Case(int index, ErrorDescription description, String expected) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorCaseFiles() {
    }

    static List<Case> parse(String text) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = MAPPER.readTree(line);
            List<ErrorDescription.Cause> causes = new ArrayList<>();
            n.path("causes").forEach(c -> causes.add(new ErrorDescription.Cause(c.path("exception").asText(null),
                    c.path("message").isNull() ? null : c.path("message").asText(null))));
            List<String> frames = new ArrayList<>();
            n.path("frames").forEach(f -> frames.add(f.asText()));
            Integer declared = n.hasNonNull("declaredStatus") ? n.get("declaredStatus").asInt() : null;
            String message = n.path("message").isNull() ? null : n.path("message").asText(null);
            out.add(new Case(out.size(), new ErrorDescription(n.path("exception").asText(), message, causes, frames,
                    declared), n.path("expected").asText(null)));
        }
        return out;
    }

    static List<Case> resource(String name) throws IOException {
        try (InputStream in = ErrorCaseFiles.class.getResourceAsStream(name)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The shared dev cases, found by walking up from the working directory; null when not present. */
    static Path sharedDevCases() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
            Path p = dir.resolve("shared/data/errors/dev-cases.jsonl");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
