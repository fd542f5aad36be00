package io.github.aifilters.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java TF-IDF + LinearSVC baseline learns a toy set; {@code intents evaluate} reports on a small intents file. */
class IntentEvaluateTest {

    @Test
    void baselineSeparatesTwoIntentsAndGeneralisesByWords() {
        TfidfSvmBaseline b = new TfidfSvmBaseline();
        b.train(List.of("track my order", "where is my parcel", "order status please", "reset my password",
                        "forgot password", "cannot log in"),
                List.of("track", "track", "track", "password", "password", "password"));
        assertThat(b.predict("where is my order")).isEqualTo("track");
        assertThat(b.predict("i forgot the password")).isEqualTo("password");
        assertThat(TfidfSvmBaseline.terms("Where is it?")).containsExactly("where", "is", "it", "where is", "is it");
    }

    @Test
    void evaluatePrintsPerIntentFiguresConfusionsAndAdvice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intents.yaml");
        Files.writeString(file, """
                intents:
                  - name: track
                    examples: [track my order, where is my parcel, order status please, has my package shipped,
                               when does my order arrive, where is my delivery]
                  - name: password
                    examples: [reset my password, forgot password, cannot log in, change my password,
                               my login does not work, locked out of my account]
                  - name: refund
                    examples: [i want my money back, refund please, how do i get a refund]
                """);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            new EvaluateCommand().run(new Args(new String[] {"--file", file.toString(), "--folds", "3"}, 0));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("precision").contains("Most confused").contains("Examples to add");
        String[] lines = out.strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.path("heldOut").asInt()).isEqualTo(15);
        assertThat(json.path("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.path("intents")).hasSize(3);
        // refund has 3 examples (< 10): always in the advice, whatever its recall
        assertThat(json.path("toAdd").findValuesAsText("intent")).contains("refund");
    }
}
