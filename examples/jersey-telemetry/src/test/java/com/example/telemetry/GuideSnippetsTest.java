package com.example.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of docs/jakarta-rest.md before its RESTEasy section are the example's code: every line of them
 * must be a line of the example's sources, so the guide cannot drift from what {@link TelemetryApiTest} runs. (The
 * RESTEasy section is checked by examples/resteasy-parcels.)
 */
class GuideSnippetsTest {

    private static final Path GUIDE = Path.of("../../docs/jakarta-rest.md");
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyJavaSnippetLineIsInTheExample() throws IOException {
        List<String> sourceLines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.readAllLines(f).forEach(l -> sourceLines.add(l.strip()));
            }
        }
        String guide = Files.readString(GUIDE);
        int resteasy = guide.indexOf("\n## RESTEasy\n");
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(resteasy < 0 ? guide : guide.substring(0, resteasy));
        int checked = 0;
        while (blocks.find()) {
            for (String line : blocks.group(1).split("\\n")) {
                String l = line.strip();
                // Comments in a snippet are the guide's own words.
                if (!l.isEmpty() && !l.startsWith("//")) {
                    assertThat(sourceLines).as("guide line %s", l).contains(l);
                    checked++;
                }
            }
        }
        assertThat(checked).as("snippet lines checked").isGreaterThan(20);
    }
}
