package io.github.aifilters.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redactor against the corpus in {@code src/test/resources/redaction/}: every secret shape in
 * {@code secrets.txt} is masked, every look-alike in {@code near-misses.txt} comes back exactly as it went in.
 */
class SecretCorpusTest {

    private static final DefaultRedactor REDACTOR = DefaultRedactor.defaults();

    /** Non-blank, non-comment lines of a corpus file; {@code \n} in a line stands for a line break. */
    static List<String> corpus(String file) {
        try (InputStream in = SecretCorpusTest.class.getResourceAsStream("/redaction/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.replace("\\n", "\n"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> secrets() {
        return corpus("secrets.txt").stream().map(line -> {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException("secrets.txt line without a TAB: " + line);
            }
            return Arguments.of(line.substring(0, tab), line.substring(tab + 1));
        });
    }

    static Stream<String> nearMisses() {
        return corpus("near-misses.txt").stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("secrets")
    void everySecretShapeIsMasked(String text, String secret) {
        assertThat(text).as("corpus line marks a part of its own text").contains(secret);
        String redacted = REDACTOR.redactText(text);
        assertThat(redacted).doesNotContain(secret).contains(Redactor.MASK);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("secrets")
    void anLlmAnswerQuotingTheSecretIsMaskedToo(String text, String secret) {
        String answer = "The failing request contained: " + text + "\nRotate it and retry.";
        assertThat(REDACTOR.redactText(answer)).doesNotContain(secret);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nearMisses")
    void everyNearMissStaysExactlyAsItWas(String text) {
        assertThat(REDACTOR.redactText(text)).isEqualTo(text);
    }

    @Test
    void theCorpusIsLargeAndHasNoDuplicates() {
        List<String> secrets = corpus("secrets.txt");
        List<String> nearMisses = corpus("near-misses.txt");
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
        assertThat(nearMisses).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
    }

    @Test
    void everyShapeHasAnExampleInTheCorpus() {
        List<String> texts = corpus("secrets.txt");
        for (SecretShapes.Shape shape : SecretShapes.SHAPES) {
            assertThat(texts).as("an example of shape " + shape.id())
                    .anyMatch(t -> shape.pattern().matcher(t).find());
        }
    }
}
