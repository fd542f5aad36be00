package io.github.aifilters.filters.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.filters.intent.IntentFilterConfig.ReloadMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentsFileLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void loadsYamlFromTheClassPath() {
        IntentsDefinition d = new IntentsFileLoader("classpath:intent/shop-intents.yaml").load();
        assertThat(d.names()).containsExactly("search", "create_user", "update_profile", "generate_report",
                "analyze_data");
        assertThat(d.intents().get(0).route()).isEqualTo("/api/search");
        assertThat(d.entities().get("product")).extracting(GazetteerEntry::value)
                .containsExactly("iPhone", "Galaxy S24", "笔记本电脑");
    }

    @Test
    void loadsJsonAndRasaStyleExampleBlocks() throws IOException {
        Path json = write("intents.json", """
                {"intents": [{"name": "greet", "examples": ["hello", "hi there"]},
                             {"name": "bye", "action": "logout", "examples": ["goodbye"]}]}
                """);
        assertThat(new IntentsFileLoader(json.toString()).load().names()).containsExactly("greet", "bye");
        Path rasa = write("nlu.yml", """
                version: "3.1"
                nlu:
                  - intent: greet
                    examples: |
                      - hey
                      - hello there
                  - intent: goodbye
                    examples: |
                      - bye
                      - see you later
                """);
        IntentsDefinition d = new IntentsFileLoader("file:" + rasa.toAbsolutePath()).load();
        assertThat(d.intents().get(0).examples()).containsExactly("hey", "hello there");
        assertThat(d.intents().get(1).name()).isEqualTo("goodbye");
    }

    @Test
    void syntaxErrorNamesTheLine() throws IOException {
        Path broken = write("broken.yaml", """
                intents:
                  - name: greet
                    examples: [hello, "hi
                  - name: bye
                """);
        assertThatThrownBy(() -> new IntentsFileLoader(broken.toString()).load())
                .isInstanceOf(IntentsFileException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageMatching("(?s).*line [345].*");
    }

    @Test
    void validationErrorNamesTheLineAndTheProblem() throws IOException {
        Path noExamples = write("empty.yaml", """
                intents:
                  - name: greet
                    examples: [hello]
                  - name: bye
                    examples: []
                """);
        assertThatThrownBy(() -> new IntentsFileLoader(noExamples.toString()).load())
                .isInstanceOf(IntentsFileException.class)
                .hasMessageContaining("line 4") // where the intent starts
                .hasMessageContaining("intent 'bye' has no examples");
        Path badName = write("name.yaml", """
                intents:
                  - name: "greet me"
                    examples: [hello]
                """);
        assertThatThrownBy(() -> new IntentsFileLoader(badName.toString()).load())
                .hasMessageContaining("line 2")
                .hasMessageContaining("'greet me'");
        Path typo = write("typo.yaml", """
                intents:
                  - name: greet
                    exmaples: [hello]
                """);
        assertThatThrownBy(() -> new IntentsFileLoader(typo.toString()).load())
                .hasMessageContaining("line 3")
                .hasMessageContaining("exmaples");
    }

    @Test
    void missingFileIsClear() {
        assertThatThrownBy(() -> new IntentsFileLoader("classpath:nope.yaml").load())
                .hasMessageContaining("nope.yaml").hasMessageContaining("not found");
        assertThatThrownBy(() -> new IntentsFileLoader(dir.resolve("nope.yaml").toString()).load())
                .hasMessageContaining("not found");
    }

    @Test
    void holderReloadsAChangedFileAndKeepsTheOldModelOnABrokenOne() throws IOException {
        Path file = write("live.yaml", """
                intents:
                  - name: greet
                    examples: [hello, hi there, good morning]
                  - name: bye
                    examples: [goodbye, see you later, bye bye]
                """);
        try (IntentModelHolder holder = new IntentModelHolder(new IntentsFileLoader(file.toString()),
                new IntentClassifierTrainer(), ReloadMode.NONE, Duration.ZERO)) {
            IntentClassifier first = holder.current();
            assertThat(first.labels()).containsExactly("greet", "bye");
            assertThat(holder.reloadIfChanged()).isFalse();

            Files.writeString(file, """
                    intents:
                      - name: greet
                        examples: [hello, hi there, good morning]
                      - name: bye
                        examples: [goodbye, see you later, bye bye]
                      - name: thanks
                        examples: [thank you, thanks a lot, much appreciated]
                    """);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() + 5_000));
            assertThat(holder.reloadIfChanged()).isTrue();
            assertThat(holder.current()).isNotSameAs(first);
            assertThat(holder.current().labels()).contains("thanks");
            assertThat(holder.reloads()).isEqualTo(1);

            IntentClassifier second = holder.current();
            Files.writeString(file, "intents: [");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() + 10_000));
            assertThatThrownBy(holder::reloadIfChanged).isInstanceOf(IntentsFileException.class);
            assertThat(holder.current()).isSameAs(second);
            assertThat(holder.failedReloads()).isEqualTo(1);
        }
    }

    @Test
    void scheduledModeWatchesTheFileInTheBackground() throws Exception {
        Path file = write("watched.yaml", """
                intents:
                  - name: greet
                    examples: [hello, hi there]
                  - name: bye
                    examples: [goodbye, see you later]
                """);
        try (IntentModelHolder holder = new IntentModelHolder(new IntentsFileLoader(file.toString()),
                new IntentClassifierTrainer(), ReloadMode.SCHEDULED, Duration.ofMillis(50))) {
            // One change, seen whole: written beside the file with its new mtime, then moved over it, so the watcher
            // cannot see an intermediate state (new content, old-looking mtime) and reload twice.
            Path next = file.resolveSibling("watched.yaml.next");
            Files.writeString(next, """
                    intents:
                      - name: greet
                        examples: [hello, hi there]
                      - name: bye
                        examples: [goodbye, see you later]
                      - name: thanks
                        examples: [thank you, thanks a lot]
                    """);
            Files.setLastModifiedTime(next, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() + 5_000));
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!holder.current().labels().contains("thanks") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(holder.current().labels()).contains("thanks");
            assertThat(holder.reloads()).isEqualTo(1);
            // nothing changed since: no further reload
            Thread.sleep(200);
            assertThat(holder.reloads()).isEqualTo(1);
        }
    }
}
