package io.github.aifilters.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreCaseSearchTest {

    @Test
    void findsTheNeedleInAnyCaseWithinTheLimit() {
        assertThat(IgnoreCaseSearch.contains("ORA-01017 via SQL*Plus", "sql", 100)).isTrue();
        assertThat(IgnoreCaseSearch.contains("see HTTP", "http", 100)).isTrue();
        assertThat(IgnoreCaseSearch.contains("see HTTP", "http", 7)).isFalse();
        assertThat(IgnoreCaseSearch.contains("nothing here", "sql", 100)).isFalse();
        assertThat(IgnoreCaseSearch.contains("sq", "sql", 100)).isFalse();
    }

    @Test
    void agreesWithRegionMatchesOnNonAsciiLetters() {
        // the Kelvin sign folds to 'k', the long s to 's'
        for (String text : List.of("\u212Aey", "\u017Fql", "straße", "İstanbul")) {
            for (String needle : List.of("key", "sql", "sse", "istanbul")) {
                boolean expected = false;
                for (int i = 0; i + needle.length() <= text.length(); i++) {
                    expected |= text.regionMatches(true, i, needle, 0, needle.length());
                }
                assertThat(IgnoreCaseSearch.contains(text, needle, 100)).as(text + " / " + needle).isEqualTo(expected);
            }
        }
    }
}
