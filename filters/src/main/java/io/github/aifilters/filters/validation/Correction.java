package io.github.aifilters.filters.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change auto-correction made to a body.
 *
 * @param pointer JSON pointer of the changed value; for a renamed property, the pointer of the name as sent
 * @param from the value (or property name) as sent
 * @param to the value (or property name) the app receives
 * @param rule which safe rule applied, see {@link Rules}
 */
public record Correction(String pointer, JsonNode from, JsonNode to, String rule) {

    /** Names of the correction rules. */
    public static final class Rules {
        public static final String TRIM = "trim-whitespace";
        public static final String ENUM_CASE = "enum-case";
        public static final String ENUM_SPELLING = "enum-spelling";
        public static final String NUMBER_STRING = "number-from-string";
        public static final String INTEGER_STRING = "integer-from-string";
        public static final String BOOLEAN_STRING = "boolean-from-string";
        public static final String PROPERTY_NAME = "property-name";
        public static final String SINGLE_TO_ARRAY = "single-value-to-array";

        private Rules() {
        }
    }
}
