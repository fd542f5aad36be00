package io.github.aifilters.filters.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes numbers beyond the 64-bit range compare as numbers in the schema validator, whatever their notation.
 *
 * <p>Why: the parser keeps numbers exact ({@code 1e64} is a {@code BigDecimal}), but networknt's
 * {@code minimum}/{@code maximum} validators compare an {@code integer} instance against an integral bound through
 * {@code JsonNode.asLong()}, and {@code BigDecimal.longValue()} keeps only the low 64 bits: {@code 1e64} became 0 and
 * passed {@code maximum: 150}, {@code 1e400} too. The validator's other path compares the text as {@code BigDecimal}
 * and is exact. So, for validation only, such a number is swapped for a node whose text (hence the exact path) is
 * unchanged and whose {@code long} value saturates at {@code Long.MIN_VALUE}/{@code MAX_VALUE}, which orders
 * correctly against every {@code long} bound. The body the app gets is untouched.
 */
final class ExactNumbers {

    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private static final BigDecimal BEYOND = new BigDecimal("1E+100000");

    private ExactNumbers() {
    }

    /** {@code tree} itself when no number is out of range (the common case, no copy), else a copy for validation. */
    static JsonNode forValidation(JsonNode tree) {
        return tree == null || !hasHuge(tree) ? tree : replace(tree.deepCopy());
    }

    private static boolean hasHuge(JsonNode node) {
        if (node.isNumber()) {
            return huge(node);
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasHuge(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean huge(JsonNode n) {
        if (n.isBigInteger() || n.isBigDecimal()) {
            BigDecimal v = n.decimalValue();
            return v.compareTo(MIN_LONG) < 0 || v.compareTo(MAX_LONG) > 0;
        }
        return n.isDouble() || n.isFloat() ? !n.canConvertToLong() : false;
    }

    private static JsonNode replace(JsonNode node) {
        if (node.isNumber()) {
            return huge(node) ? new Saturating(exact(node)) : node;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(replace(e.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i)));
            }
        }
        return node;
    }

    private static BigDecimal exact(JsonNode n) {
        if (n.isBigInteger()) {
            return new BigDecimal(n.bigIntegerValue());
        }
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            // an infinite double cannot be exact any more: saturate it far beyond any bound a schema could state
            return Double.isFinite(d) ? new BigDecimal(d) : (d > 0 ? BEYOND : BEYOND.negate());
        }
        return n.decimalValue();
    }

    /** Exact text and decimal value; a {@code long}/{@code int} view that saturates instead of wrapping. */
    static final class Saturating extends DecimalNode {
        Saturating(BigDecimal value) {
            super(value);
        }

        @Override
        public long longValue() {
            return _value.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }

        @Override
        public int intValue() {
            return _value.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }

        @Override
        public BigInteger bigIntegerValue() {
            return _value.toBigInteger();
        }
    }
}
