package io.github.aifilters.filters.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Strict string-to-scalar conversions for auto-correction: only strings that are exactly a JSON literal (after
 * trimming) convert, so {@code "42"} becomes 42 but {@code "007"}, {@code "1e3 "}-with-junk, {@code "NaN"},
 * {@code "yes"} or {@code "1,5"} stay strings (and the request is rejected).
 */
final class Coercions {

    private static final Pattern JSON_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,30})");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Coercions() {
    }

    /** The integer node for a string holding exactly a JSON integer, else null. */
    static JsonNode integer(String s) {
        if (s == null || !JSON_INTEGER.matcher(s).matches()) {
            return null;
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() < 32) {
            return NODES.numberNode(v.intValue());
        }
        return v.bitLength() < 64 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
    }

    /** The number node for a string holding exactly a JSON number, else null. Integers stay integers. */
    static JsonNode number(String s) {
        if (s == null || !JSON_NUMBER.matcher(s).matches()) {
            return null;
        }
        JsonNode asInt = integer(s);
        return asInt != null ? asInt : NODES.numberNode(new BigDecimal(s));
    }

    /** true/false for a string that is exactly {@code true} or {@code false} in any case, else null. */
    static JsonNode bool(String s) {
        if (s == null) {
            return null;
        }
        if (s.equalsIgnoreCase("true")) {
            return BooleanNode.TRUE;
        }
        return s.equalsIgnoreCase("false") ? BooleanNode.FALSE : null;
    }
}
