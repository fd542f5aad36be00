package io.github.aifilters.core.engine.embedded.intent;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.engine.IntentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One intent of an intents file.
 *
 * @param name the intent name: letters, digits, {@code . _ -} (it travels in a response header), not {@code none}
 * @param examples example utterances, in any language; at least one
 * @param action the suggested action for the app (e.g. {@code search}), or null
 * @param route the route the route-suggestion filter proposes (e.g. {@code /api/search}), or null
 */
public record IntentDefinition(String name, List<String> examples, String action, String route) {

    /** The alphabet of intent names: they are sent in {@code X-AI-Intent} unchanged. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public IntentDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("intent name '" + name
                    + "' must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
        if (IntentModel.NONE.equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("intent name 'none' is reserved for out-of-scope requests");
        }
        List<String> cleaned = new ArrayList<>();
        for (String e : examples == null ? List.<String>of() : examples) {
            if (e != null && !e.isBlank()) {
                cleaned.add(e.strip());
            }
        }
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("intent '" + name + "' has no examples");
        }
        examples = List.copyOf(cleaned);
        action = action == null || action.isBlank() ? null : action.strip();
        route = route == null || route.isBlank() ? null : route.strip();
    }

    /**
     * Jackson entry point. {@code examples} is a list of strings, or (as in Rasa's training data) one block of
     * lines each starting with {@code "- "}; {@code intent} is accepted for {@code name}.
     */
    @JsonCreator
    static IntentDefinition fromJson(@JsonProperty("name") @JsonAlias("intent") String name,
                                     @JsonProperty("examples") JsonNode examples,
                                     @JsonProperty("action") String action,
                                     @JsonProperty("route") String route) {
        if (name == null) {
            throw new IllegalArgumentException("an intent has no 'name'");
        }
        List<String> list = new ArrayList<>();
        if (examples == null || examples.isNull() || examples.isMissingNode()) {
            // validated by the constructor
        } else if (examples.isTextual()) {
            for (String line : examples.asText().split("\\R")) {
                String l = line.strip();
                if (l.startsWith("- ") || l.equals("-")) {
                    l = l.substring(1).strip();
                }
                list.add(l);
            }
        } else if (examples.isArray()) {
            for (JsonNode e : examples) {
                if (!e.isValueNode()) {
                    throw new IllegalArgumentException("intent '" + name + "': every example must be a string");
                }
                list.add(e.asText());
            }
        } else {
            throw new IllegalArgumentException("intent '" + name + "': 'examples' must be a list of strings");
        }
        return new IntentDefinition(name, list, action, route);
    }
}
