package io.github.aifilters.filters.intent.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
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
@JsonDeserialize(using = IntentDefinition.Reader.class)
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
    static IntentDefinition fromJson(String name, JsonNode examples, String action, String route) {
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

    /**
     * Reads one intent field by field, so that an unknown field is reported at its own line and an invalid intent
     * (no examples, bad name) at the line where the intent starts.
     */
    static final class Reader extends StdDeserializer<IntentDefinition> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(IntentDefinition.class);
        }

        @Override
        public IntentDefinition deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new JsonMappingException(p, "an intent must be an object with 'name' and 'examples'",
                        p.currentTokenLocation());
            }
            JsonLocation start = p.currentTokenLocation();
            String name = null;
            JsonNode examples = null;
            String action = null;
            String route = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                switch (field) {
                    case "name", "intent" -> name = text(p, field, at);
                    case "action" -> action = text(p, field, at);
                    case "route" -> route = text(p, field, at);
                    case "examples" -> examples = ctx.readTree(p);
                    default -> throw new JsonMappingException(p, "unknown field '" + field
                            + "' (an intent has name, examples, action, route)", at);
                }
            }
            try {
                return fromJson(name, examples, action, route);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new JsonMappingException(p, e.getMessage(), start);
            }
        }

        private static String text(JsonParser p, String field, JsonLocation at) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (!p.currentToken().isScalarValue()) {
                throw new JsonMappingException(p, "'" + field + "' must be a string", at);
            }
            return p.getText();
        }
    }
}
