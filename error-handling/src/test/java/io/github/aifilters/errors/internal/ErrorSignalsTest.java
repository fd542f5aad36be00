package io.github.aifilters.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The evidence tables are data: the built-in file loads, and a broken file fails fast naming the file and entry. */
class ErrorSignalsTest {

    private static ErrorSignals parse(String yaml) throws IOException {
        return ErrorSignals.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void builtInTablesLoad() {
        ErrorSignals s = ErrorSignals.defaults();
        assertThat(s.classes).hasSizeGreaterThan(150);
        assertThat(s.packages).hasSizeGreaterThan(150);
        assertThat(s.messagePhrases).hasSizeGreaterThan(200);
        assertThat(s.classes.get("java.lang.NullPointerException").category()).isEqualTo(ErrorSignals.INTERNAL);
        assertThat(s.packages.get("org.postgresql").label()).isEqualTo("package org.postgresql");
        assertThat(s.wrappers).contains("jakarta.servlet.ServletException");
        assertThat(ErrorSignals.defaults()).isSameAs(s);
    }

    @Test
    void validEntriesOfEveryKindParse() throws IOException {
        ErrorSignals s = parse("""
                wrappers: [a.B]
                classes:
                  - [com.acme.Boom, internal, 2.5]
                messagePhrases:
                  - ["connection refused", external_service, 3]
                """);
        assertThat(s.classes.get("com.acme.Boom").weight()).isEqualTo(2.5);
        assertThat(s.messageMatcher.find("Connection refused by peer", 100)).containsExactly(0);
    }

    @Test
    void messagePatternsRunOnlyBehindTheirTrigger() throws IOException {
        ErrorSignals s = parse("messagePatterns:\n  - ['column \"?\\w+\"? does not exist', internal, 5, \"does not exist\"]\n");
        assertThat(s.messagePatterns).hasSize(1);
        EvidenceScorer scorer = new EvidenceScorer(s);
        double[] score = new double[ErrorSignals.N];
        scorer.messageFeatures("ERROR: column \"nme\" does not exist", 1.0, score, new ErrorSignals.Signal[ErrorSignals.N]);
        assertThat(score[ErrorSignals.INTERNAL]).isEqualTo(5.0);
        assertThatThrownBy(() -> parse("messagePatterns:\n  - ['x+', internal, 5]\n"))
                .hasMessageContaining("messagePatterns[0]").hasMessageContaining("trigger");
        assertThatThrownBy(() -> parse("messagePatterns:\n  - ['x(', internal, 5, \"x\"]\n"))
                .hasMessageContaining("messagePatterns[0]").hasMessageContaining("regular expression");
    }

    @Test
    void unknownCategoryNamesFileAndEntry() {
        assertThatThrownBy(() -> parse("classes:\n  - [com.acme.Boom, internal, 2]\n  - [com.acme.Bad, kaput, 2]\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("classes[1]")
                .hasMessageContaining("com.acme.Bad")
                .hasMessageContaining("unknown category 'kaput'");
    }

    @Test
    void malformedEntriesFailFast() {
        assertThatThrownBy(() -> parse("classes:\n  - [com.acme.Boom, internal]\n"))
                .hasMessageContaining("test.yaml: classes[0]").hasMessageContaining("[what, category, weight]");
        assertThatThrownBy(() -> parse("packages:\n  - [com.acme, internal, -1]\n"))
                .hasMessageContaining("packages[0]").hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("messagePhrases:\n  - [Timed Out, external_service, 1]\n"))
                .hasMessageContaining("messagePhrases[0]").hasMessageContaining("lower case");
        assertThatThrownBy(() -> parse("classes:\n  - [a.B, internal, 1]\n  - [a.B, database, 1]\n"))
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> parse("clases:\n  - [a.B, internal, 1]\n"))
                .hasMessageContaining("test.yaml: clases: unknown section");
        assertThatThrownBy(() -> parse("classes: [a.B, internal, 1\n"))
                .hasMessageContaining("test.yaml: not valid YAML");
        assertThatThrownBy(() -> ErrorSignals.load("/no/such/signals.yaml"))
                .hasMessageContaining("/no/such/signals.yaml");
    }
}
