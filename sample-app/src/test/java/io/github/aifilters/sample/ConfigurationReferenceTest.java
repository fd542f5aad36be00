package io.github.aifilters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.routes.RouteSuggestionConfig;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.monitoring.MonitoringConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/configuration.md lists every key of every filter: per filter, the keys of its section's table plus those of the
 * common section must be exactly its config's {@code KEYS}, so a key added in code and not documented (or documented
 * and unknown to the filter) fails the build, naming the keys.
 */
class ConfigurationReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    /** A section heading naming a config class: {@code ## Intent recognition (`IntentFilterConfig`)}. */
    private static final Pattern SECTION = Pattern.compile("^## .*\\(`(\\w+)`\\)\\s*$");
    /** A table row whose first cell is one key in backticks: {@code | `intentsFile` | ... |}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`([A-Za-z][A-Za-z0-9]*)`\\s*\\|");

    record Documented(String configClass, Set<String> keys) {
        @Override
        public String toString() {
            return configClass;
        }
    }

    static List<Documented> configs() {
        return List.of(
                new Documented(IntentFilterConfig.class.getSimpleName(), IntentFilterConfig.KEYS),
                new Documented(ValidationFilterConfig.class.getSimpleName(), ValidationFilterConfig.KEYS),
                new Documented(RouteSuggestionConfig.class.getSimpleName(), RouteSuggestionConfig.KEYS),
                new Documented(ErrorFilterConfig.class.getSimpleName(), ErrorFilterConfig.KEYS),
                new Documented(MonitoringConfig.class.getSimpleName(), MonitoringConfig.KEYS));
    }

    /** Section (config class simple name) to the keys listed in its tables. */
    private static Map<String, Set<String>> sections() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Set<String> current = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                Matcher m = SECTION.matcher(line);
                current = m.matches() ? out.computeIfAbsent(m.group(1), k -> new TreeSet<>()) : null;
                continue;
            }
            Matcher row = KEY_ROW.matcher(line);
            if (current != null && row.find()) {
                current.add(row.group(1));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyKeyIsDocumentedAndEveryDocumentedKeyExists(Documented config) throws IOException {
        Map<String, Set<String>> sections = sections();
        assertThat(sections).as("sections of %s", DOC).containsKeys(CommonSettings.class.getSimpleName(),
                config.configClass());
        Set<String> documented = new TreeSet<>(sections.get(CommonSettings.class.getSimpleName()));
        documented.addAll(sections.get(config.configClass()));

        Set<String> missing = new TreeSet<>(config.keys());
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(config.keys());
        assertThat(Map.of("missing from the doc", missing, "in the doc but not in KEYS", extra))
                .as("%s vs the %s section of %s", config.configClass(), config.configClass(), DOC)
                .allSatisfy((what, keys) -> assertThat(keys).as(what).isEmpty());
    }

    @Test
    void theCommonSectionListsExactlyTheCommonKeys() throws IOException {
        assertThat(sections().get(CommonSettings.class.getSimpleName())).as("common keys in %s", DOC)
                .containsExactlyInAnyOrderElementsOf(CommonSettings.KEYS);
    }
}
