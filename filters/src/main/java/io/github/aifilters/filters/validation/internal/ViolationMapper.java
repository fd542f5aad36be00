package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.ValidationLevel;
import io.github.aifilters.filters.validation.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.github.aifilters.core.redact.Redactor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a networknt {@link ValidationMessage} into a client-facing {@link Violation}: JSON pointer, stable key,
 * a message that never echoes a value of the body, and an embedded suggestion where one is known.
 */
final class ViolationMapper {

    /** Key prefix of violations found in the body. */
    static final String BODY = "validation.body.";

    private static final Map<String, String> KEY_NAMES = Map.of(
            "additionalProperties", "additional",
            "unevaluatedProperties", "unevaluated",
            "dependentRequired", "required",
            "dependencies", "required");

    /** Examples for the formats a client is most likely to meet. */
    private static final Map<String, String> FORMAT_EXAMPLES = Map.ofEntries(
            Map.entry("email", "user@example.com"),
            Map.entry("idn-email", "user@example.com"),
            Map.entry("date", "2025-05-17"),
            Map.entry("date-time", "2025-05-17T13:45:00Z"),
            Map.entry("time", "13:45:00Z"),
            Map.entry("duration", "P3DT4H"),
            Map.entry("uri", "https://example.com/path"),
            Map.entry("uri-reference", "/path/to/resource"),
            Map.entry("iri", "https://example.com/path"),
            Map.entry("uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            Map.entry("ipv4", "192.0.2.1"),
            Map.entry("ipv6", "2001:db8::1"),
            Map.entry("hostname", "api.example.com"),
            Map.entry("regex", "^[a-z]+$"),
            Map.entry("json-pointer", "/items/0"));

    private static final int MAX_LISTED = 10;

    private final Redactor redactor;

    ViolationMapper(Redactor redactor) {
        this.redactor = redactor;
    }

    static String keyOf(String type) {
        return BODY + KEY_NAMES.getOrDefault(type, type);
    }

    Violation map(ValidationMessage m, CompiledSchema schema, ValidationLevel level) {
        String type = m.getType() == null ? "unknown" : m.getType();
        String at = Pointers.of(m.getInstanceLocation());
        String property = m.getProperty();
        String key = keyOf(type);
        JsonNode instance = m.getInstanceNode();
        JsonNode schemaNode = m.getSchemaNode();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String message;
        String suggestion = null;
        String pointer = at;
        switch (type) {
            case "required", "dependentRequired", "dependencies" -> {
                message = "required property '" + safeName(property) + "' is missing";
                suggestion = "add the property '" + safeName(property) + "'" + typeHint(schema, m, property);
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                pointer = property == null ? at : Pointers.child(at, property);
                message = "property '" + safeName(property) + "' is not allowed here";
                List<String> declared = declaredProperties(schema, m);
                suggestion = NameMatcher.suggestion(property, declared)
                        .map(n -> "did you mean '" + n + "'?")
                        .orElse(declared.isEmpty() ? "remove the property"
                                : "remove it; allowed properties: " + list(declared));
            }
            case "enum" -> {
                message = "value is not one of the allowed values";
                List<String> values = texts(schemaNode);
                String nearest = instance != null && instance.isTextual()
                        ? NameMatcher.suggestion(instance.asText(), values).orElse(null) : null;
                suggestion = nearest != null ? "did you mean '" + nearest + "'?" : "use one of: " + list(values);
            }
            case "const" -> {
                message = "value is not the one allowed value";
                suggestion = "send " + shortJson(schemaNode);
            }
            case "type" -> {
                String found = args.length > 0 ? String.valueOf(args[0]) : "other";
                String expected = args.length > 1 ? String.valueOf(args[1]) : String.valueOf(schemaNode);
                message = "expected " + expected + ", got " + found;
                suggestion = typeSuggestion(instance, found, expected);
            }
            case "format" -> {
                String format = schemaNode != null && schemaNode.isTextual() ? schemaNode.asText()
                        : args.length > 0 ? String.valueOf(args[0]) : "the required format";
                message = "value is not a valid " + format;
                String example = FORMAT_EXAMPLES.get(format);
                suggestion = "expected format " + format + (example == null ? "" : ", e.g. " + example);
            }
            case "minLength" -> {
                message = "must be at least " + num(schemaNode) + " characters long";
                suggestion = "send at least " + num(schemaNode) + " characters";
            }
            case "maxLength" -> {
                message = "must be at most " + num(schemaNode) + " characters long";
                suggestion = "send at most " + num(schemaNode) + " characters";
            }
            case "minimum" -> {
                message = "must be at least " + num(schemaNode);
                suggestion = "send a number >= " + num(schemaNode);
            }
            case "maximum" -> {
                message = "must be at most " + num(schemaNode);
                suggestion = "send a number <= " + num(schemaNode);
            }
            case "exclusiveMinimum" -> {
                message = "must be greater than " + num(schemaNode);
                suggestion = "send a number > " + num(schemaNode);
            }
            case "exclusiveMaximum" -> {
                message = "must be less than " + num(schemaNode);
                suggestion = "send a number < " + num(schemaNode);
            }
            case "multipleOf" -> {
                message = "must be a multiple of " + num(schemaNode);
                suggestion = "send a multiple of " + num(schemaNode);
            }
            case "pattern" -> {
                message = "value does not match the required pattern";
                suggestion = "match the pattern " + shortText(schemaNode == null ? "" : schemaNode.asText());
            }
            case "minItems" -> {
                message = "must have at least " + num(schemaNode) + " items";
                suggestion = "send at least " + num(schemaNode) + " items";
            }
            case "maxItems" -> {
                message = "must have at most " + num(schemaNode) + " items";
                suggestion = "send at most " + num(schemaNode) + " items";
            }
            case "uniqueItems" -> {
                message = "items must be unique";
                suggestion = "remove the duplicate items";
            }
            case "minProperties" -> message = "must have at least " + num(schemaNode) + " properties";
            case "maxProperties" -> message = "must have at most " + num(schemaNode) + " properties";
            default -> message = fallbackMessage(m, at);
        }
        return new Violation(pointer, key, message, suggestion, property, level);
    }

    private String fallbackMessage(ValidationMessage m, String at) {
        String msg = m.getMessage() == null ? "value is not valid" : m.getMessage();
        if (msg.startsWith(at + ": ")) {
            msg = msg.substring(at.length() + 2);
        }
        return shortText(redactor.redactText(msg));
    }

    private static String typeSuggestion(JsonNode instance, String found, String expected) {
        String text = instance != null && instance.isTextual() ? instance.asText().strip() : null;
        if ("string".equals(found) && text != null) {
            if (expected.contains("integer") && Coercions.integer(text) != null) {
                return "send an integer, not a string: drop the quotes";
            }
            if (expected.contains("number") && Coercions.number(text) != null) {
                return "send a number, not a string: drop the quotes";
            }
            if (expected.contains("boolean") && Coercions.bool(text) != null) {
                return "send true or false without quotes";
            }
        }
        if (expected.contains("array")) {
            return "send an array, e.g. [ value ]";
        }
        if (expected.contains("boolean")) {
            return "send true or false";
        }
        if (expected.contains("integer")) {
            return "send an integer";
        }
        if (expected.contains("number")) {
            return "send a number";
        }
        if (expected.contains("string")) {
            return "send a string (in quotes)";
        }
        if (expected.contains("object")) {
            return "send a JSON object";
        }
        return "send a " + expected + ", not a " + found;
    }

    private static String typeHint(CompiledSchema schema, ValidationMessage m, String property) {
        JsonNode enclosing = schema.enclosingSchema(m.getSchemaLocation());
        JsonNode prop = enclosing == null || property == null ? null : enclosing.path("properties").get(property);
        if (prop == null) {
            return "";
        }
        if (prop.has("enum")) {
            return " (one of: " + list(texts(prop.get("enum"))) + ")";
        }
        if (prop.path("type").isTextual()) {
            return " (a " + prop.get("type").asText() + ")";
        }
        return "";
    }

    static List<String> declaredProperties(CompiledSchema schema, ValidationMessage m) {
        JsonNode enclosing = schema.enclosingSchema(m.getSchemaLocation());
        List<String> names = new ArrayList<>();
        if (enclosing != null) {
            Iterator<String> it = enclosing.path("properties").fieldNames();
            while (it.hasNext()) {
                names.add(it.next());
            }
        }
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode v : array) {
                out.add(v.isTextual() ? v.asText() : v.toString());
            }
        }
        return out;
    }

    private static String list(List<String> values) {
        if (values.size() <= MAX_LISTED) {
            return String.join(", ", values);
        }
        return String.join(", ", values.subList(0, MAX_LISTED)) + ", ... (" + values.size() + " in all)";
    }

    private static String num(JsonNode n) {
        if (n == null) {
            return "?";
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return n.asText();
    }

    private static String shortJson(JsonNode n) {
        return n == null ? "the allowed value" : shortText(n.toString());
    }

    private static String shortText(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** A property name sent by the client, made safe for a message (bounded, no control characters). */
    private static String safeName(String name) {
        if (name == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char ch = name.charAt(i);
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return name.length() > 64 ? b + "..." : b.toString();
    }
}
