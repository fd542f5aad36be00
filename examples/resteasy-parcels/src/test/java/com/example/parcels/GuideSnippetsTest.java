package com.example.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RESTEasy section of docs/jakarta-rest.md is this example: its Java lines are lines of the example's sources,
 * and its dependency snippet names the artifacts and the version of the example's pom, so the guide cannot drift
 * from what {@link ParcelApiTest} runs. (Its web.xml is run by {@link WebXmlGuideTest}.)
 */
class GuideSnippetsTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** The guide from its "## RESTEasy" heading to the next second-level heading or the end. */
    static String resteasySection() throws IOException {
        String guide = Files.readString(Path.of("../../docs/jakarta-rest.md"));
        int start = guide.indexOf("\n## RESTEasy\n");
        assertThat(start).as("the guide's RESTEasy section").isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    /** The fenced blocks of one language in the RESTEasy section. */
    static List<String> blocks(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(resteasySection());
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void everyJavaLineOfTheSectionIsInTheExample() throws IOException {
        Set<String> sourceLines;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sourceLines = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().map(String::strip);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
        List<String> lines = blocks("java").stream().flatMap(b -> b.lines().map(String::strip))
                .filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
        assertThat(lines).as("snippet lines").hasSizeGreaterThan(8);
        assertThat(sourceLines).containsAll(lines);
    }

    @Test
    void theDependencySnippetIsThePom() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String snippet = blocks("xml").stream().filter(b -> b.contains("<dependencies>")).findFirst().orElseThrow();
        Matcher version = Pattern.compile("<resteasy\\.version>(.*?)</resteasy\\.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(snippet).contains("<version>" + version.group(1) + "</version>");
        List<String> artifacts = Pattern.compile("<artifactId>(.*?)</artifactId>").matcher(snippet).results()
                .map(r -> r.group(1)).toList();
        assertThat(artifacts).contains("resteasy-bom", "resteasy-core", "resteasy-jackson2-provider");
        for (String artifact : artifacts) {
            assertThat(pom).as("the example's pom uses %s", artifact).contains("<artifactId>" + artifact + "</artifactId>");
        }
    }
}
