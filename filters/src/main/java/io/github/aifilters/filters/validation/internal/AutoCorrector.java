package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Correction;
import io.github.aifilters.filters.validation.ValidationLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans and applies one round of safe repairs to a mutable copy of a body, from the violations of that body. Only
 * repairs with exactly one sensible outcome are made:
 * <ul>
 *   <li>trimmed whitespace, where a string fails enum / format / pattern / maxLength / const / type;</li>
 *   <li>an enum (or const) value's case, separators or a near-miss spelling with one clear winner
 *       ({@link NameMatcher});</li>
 *   <li>a string that is exactly a JSON number / integer / boolean where that type is required;</li>
 *   <li>a single value where an array is required;</li>
 *   <li>a misspelled or wrongly-cased property name with one clear match among the declared properties, only
 *       when that property is absent, and never when two names would map onto the same property.</li>
 * </ul>
 * Values of fields the {@link io.github.aifilters.core.redact.Redactor} calls sensitive are never changed. Two
 * different repairs proposed for the same value cancel each other. The caller validates again and accepts the
 * result only when it is fully valid.
 */
public final class AutoCorrector {

    /** The changes made by one round (the root may be replaced: single value at the root to an array). */
    record Round(JsonNode root, List<Correction> changes) {
    }

    private record ValueRepair(JsonNode to, String rule) {
    }

    private AutoCorrector() {
    }

    static Round repair(CompiledSchema schema, JsonNode root, List<Finding> findings,
                        java.util.function.Predicate<String> protectedField) {
        Map<String, ValueRepair> values = new LinkedHashMap<>();
        Set<String> conflicting = new HashSet<>();
        Map<String, Set<String>> unknownByObject = new LinkedHashMap<>();
        Map<String, Finding> unknownSource = new HashMap<>();
        Map<String, Set<String>> missingByObject = new LinkedHashMap<>();
        Map<String, Finding> missingSource = new HashMap<>();

        for (Finding f : findings) {
            if (f.violation().level() != ValidationLevel.ERROR) {
                continue;
            }
            String type = f.raw().getType();
            String at = Pointers.of(f.raw().getInstanceLocation());
            if (!at.isEmpty() && protectedField.test(Pointers.lastToken(at))) {
                // Never rewrite a secret (password, token, PIN ...): the client must see and fix it.
                continue;
            }
            JsonNode value = at.isEmpty() ? root : root.at(at);
            ValueRepair r = null;
            switch (type == null ? "" : type) {
                case "type" -> r = retype(value, f.raw().getSchemaNode());
                case "enum" -> r = enumValue(value, f.raw().getSchemaNode());
                case "const" -> r = constValue(value, f.raw().getSchemaNode());
                case "format", "pattern", "maxLength" -> r = trim(value);
                case "additionalProperties", "unevaluatedProperties" -> {
                    if (f.raw().getProperty() != null) {
                        unknownByObject.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(f.raw().getProperty());
                        unknownSource.putIfAbsent(at, f);
                    }
                }
                case "required" -> {
                    if (f.raw().getProperty() != null) {
                        missingByObject.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(f.raw().getProperty());
                        missingSource.putIfAbsent(at, f);
                    }
                }
                default -> {
                    // No safe repair for this keyword.
                }
            }
            if (r != null) {
                ValueRepair earlier = values.putIfAbsent(at, r);
                if (earlier != null && !earlier.to().equals(r.to())) {
                    conflicting.add(at);
                }
            }
        }
        conflicting.forEach(values::remove);

        List<Correction> changes = new ArrayList<>();
        JsonNode newRoot = root;
        for (Map.Entry<String, ValueRepair> e : values.entrySet()) {
            String ptr = e.getKey();
            JsonNode from = ptr.isEmpty() ? root : root.at(ptr);
            if (ptr.isEmpty()) {
                newRoot = e.getValue().to();
            } else if (!set(root, ptr, e.getValue().to())) {
                continue;
            }
            changes.add(new Correction(ptr, from.deepCopy(), e.getValue().to().deepCopy(), e.getValue().rule()));
        }

        // Renames last, deepest objects first, so pointers planned above stay valid.
        Map<String, Map<String, String>> renames = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : unknownByObject.entrySet()) {
            List<String> declared = ViolationMapper.declaredProperties(schema, unknownSource.get(e.getKey()).raw());
            JsonNode obj = e.getKey().isEmpty() ? newRoot : newRoot.at(e.getKey());
            renames.put(e.getKey(), planRenames(obj, e.getValue(), declared, null));
        }
        for (Map.Entry<String, Set<String>> e : missingByObject.entrySet()) {
            if (renames.containsKey(e.getKey())) {
                continue;
            }
            // Additional properties allowed: an undeclared property that clearly means a missing required one.
            List<String> declared = ViolationMapper.declaredProperties(schema, missingSource.get(e.getKey()).raw());
            JsonNode obj = e.getKey().isEmpty() ? newRoot : newRoot.at(e.getKey());
            if (!obj.isObject() || declared.isEmpty()) {
                continue;
            }
            Set<String> undeclared = new LinkedHashSet<>();
            obj.fieldNames().forEachRemaining(n -> {
                if (!declared.contains(n)) {
                    undeclared.add(n);
                }
            });
            renames.put(e.getKey(), planRenames(obj, undeclared, declared, e.getValue()));
        }
        List<String> objects = new ArrayList<>(renames.keySet());
        objects.sort(Comparator.comparingInt(Pointers::depth).reversed());
        for (String objPtr : objects) {
            Map<String, String> plan = renames.get(objPtr);
            JsonNode obj = objPtr.isEmpty() ? newRoot : newRoot.at(objPtr);
            if (plan.isEmpty() || !(obj instanceof ObjectNode o)) {
                continue;
            }
            rename(o, plan);
            plan.forEach((from, to) -> changes.add(new Correction(Pointers.child(objPtr, from), TextNode.valueOf(from),
                    TextNode.valueOf(to), Correction.Rules.PROPERTY_NAME)));
        }
        return new Round(newRoot, changes);
    }

    /**
     * Unknown name to declared name, for each unknown name whose clear winner among ALL declared properties is
     * absent from the object (and, when {@code mustBeOneOf} is given, is one of those); names claimed twice drop.
     */
    private static Map<String, String> planRenames(JsonNode obj, Set<String> unknown, List<String> declared,
                                                   Set<String> mustBeOneOf) {
        Map<String, String> plan = new LinkedHashMap<>();
        if (!obj.isObject() || declared.isEmpty()) {
            return plan;
        }
        Map<String, Integer> claims = new HashMap<>();
        for (String u : unknown) {
            NameMatcher.clearWinner(u, declared).ifPresent(m -> {
                String target = m.value();
                if (!obj.has(target) && !target.equals(u) && (mustBeOneOf == null || mustBeOneOf.contains(target))) {
                    plan.put(u, target);
                    claims.merge(target, 1, Integer::sum);
                }
            });
        }
        plan.values().removeIf(t -> claims.get(t) > 1);
        return plan;
    }

    private static void rename(ObjectNode o, Map<String, String> plan) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            fields.add(it.next());
        }
        o.removeAll();
        for (Map.Entry<String, JsonNode> f : fields) {
            o.set(plan.getOrDefault(f.getKey(), f.getKey()), f.getValue());
        }
    }

    private static boolean set(JsonNode root, String ptr, JsonNode value) {
        String parentPtr = Pointers.parent(ptr);
        JsonNode parent = parentPtr.isEmpty() ? root : root.at(parentPtr);
        String token = Pointers.lastToken(ptr);
        if (parent instanceof ObjectNode o && o.has(token)) {
            o.set(token, value);
            return true;
        }
        if (parent instanceof ArrayNode a) {
            try {
                int i = Integer.parseInt(token);
                if (i >= 0 && i < a.size()) {
                    a.set(i, value);
                    return true;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static ValueRepair retype(JsonNode value, JsonNode typeNode) {
        if (value == null || value.isMissingNode() || typeNode == null) {
            return null;
        }
        Set<String> types = new HashSet<>();
        if (typeNode.isTextual()) {
            types.add(typeNode.asText());
        } else if (typeNode.isArray()) {
            typeNode.forEach(t -> types.add(t.asText()));
        }
        if (value.isTextual()) {
            String s = value.asText().strip();
            JsonNode to;
            if (types.contains("integer") && (to = Coercions.integer(s)) != null) {
                return new ValueRepair(to, Correction.Rules.INTEGER_STRING);
            }
            if (types.contains("number") && (to = Coercions.number(s)) != null) {
                return new ValueRepair(to, Correction.Rules.NUMBER_STRING);
            }
            if (types.contains("boolean") && (to = Coercions.bool(s)) != null) {
                return new ValueRepair(to, Correction.Rules.BOOLEAN_STRING);
            }
        }
        if (types.contains("array") && !value.isArray() && !value.isNull()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            array.add(value.deepCopy());
            return new ValueRepair(array, Correction.Rules.SINGLE_TO_ARRAY);
        }
        return null;
    }

    private static ValueRepair enumValue(JsonNode value, JsonNode enumNode) {
        if (value == null || !value.isTextual() || enumNode == null || !enumNode.isArray()) {
            return null;
        }
        String sent = value.asText();
        String trimmed = sent.strip();
        List<String> strings = new ArrayList<>();
        JsonNode scalarMatch = null;
        int scalarMatches = 0;
        for (JsonNode v : enumNode) {
            if (v.isTextual()) {
                strings.add(v.asText());
            } else if (v.isValueNode() && !v.isNull() && v.asText().equals(trimmed)) {
                scalarMatch = v;
                scalarMatches++;
            }
        }
        if (scalarMatches == 1 && !strings.contains(trimmed)) {
            // "2" where the enum holds the number 2 (and not the string "2").
            return new ValueRepair(scalarMatch.deepCopy(), Correction.Rules.ENUM_CASE);
        }
        return NameMatcher.clearWinner(sent, strings).map(m -> new ValueRepair(TextNode.valueOf(m.value()),
                switch (m.tier()) {
                    case EXACT -> Correction.Rules.TRIM;
                    case CASE, NORMALISED -> Correction.Rules.ENUM_CASE;
                    case SPELLING -> Correction.Rules.ENUM_SPELLING;
                })).orElse(null);
    }

    private static ValueRepair constValue(JsonNode value, JsonNode constNode) {
        if (value == null || !value.isTextual() || constNode == null || !constNode.isTextual()) {
            return null;
        }
        String trimmed = value.asText().strip();
        if (trimmed.equals(constNode.asText())) {
            return new ValueRepair(constNode.deepCopy(), Correction.Rules.TRIM);
        }
        return trimmed.equalsIgnoreCase(constNode.asText())
                ? new ValueRepair(constNode.deepCopy(), Correction.Rules.ENUM_CASE) : null;
    }

    private static ValueRepair trim(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String s = value.asText();
        String t = s.strip();
        return t.equals(s) || t.isEmpty() ? null : new ValueRepair(TextNode.valueOf(t), Correction.Rules.TRIM);
    }
}
