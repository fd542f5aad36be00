package io.github.aifilters.core.exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What Jackson's read limits measure of one JSON body, taken during its one parse: the deepest nesting, the longest
 * string value (characters) and the longest number (digits, as Jackson counts them: no sign, point or exponent
 * marker). With them, a body parsed under loose limits is judged against stricter ones without parsing it again, and
 * fails exactly where a parser with the stricter limits would have failed.
 */
record JsonExtents(int depth, int longestString, int longestNumber) {

    /** A body and its extents. */
    record Measured(JsonBody body, JsonExtents extents) {
    }

    /** Parses {@code body} with {@code mapper}, measuring as it goes; never throws. */
    static Measured parse(ObjectMapper mapper, byte[] body, Charset charset) {
        try (Measuring parser = new Measuring(charset == null || StandardCharsets.UTF_8.equals(charset)
                || StandardCharsets.US_ASCII.equals(charset)
                ? mapper.getFactory().createParser(body) : mapper.getFactory().createParser(new String(body, charset)))) {
            JsonNode tree = mapper.readTree(parser);
            return new Measured(new JsonBody(tree == null ? MissingNode.getInstance() : tree, null), parser.extents());
        } catch (IOException e) {
            return new Measured(new JsonBody(null, e), null);
        }
    }

    /** {@code body} if these extents are within {@code limits}, else the failure a parser with those limits gives. */
    JsonBody admit(JsonBody body, JsonBodies limits) {
        if (depth > limits.maxNestingDepth()) {
            return failed("Document nesting depth (" + (limits.maxNestingDepth() + 1) + ") exceeds the maximum allowed ("
                    + limits.maxNestingDepth() + ", from `StreamReadConstraints.getMaxNestingDepth()`)");
        }
        if (longestString > limits.maxStringLength()) {
            return failed("String value length (" + longestString + ") exceeds the maximum allowed ("
                    + limits.maxStringLength() + ", from `StreamReadConstraints.getMaxStringLength()`)");
        }
        if (longestNumber > limits.maxNumberLength()) {
            return failed("Number value length (" + longestNumber + ") exceeds the maximum allowed ("
                    + limits.maxNumberLength() + ", from `StreamReadConstraints.getMaxNumberLength()`)");
        }
        return body;
    }

    private static JsonBody failed(String message) {
        return new JsonBody(null, new StreamConstraintsException(message));
    }

    /**
     * Sees every token the tree reader asks for. The reader also advances with {@code nextFieldName}, which a plain
     * delegate would pass straight to the parser: those shortcuts are routed through {@link #nextToken()} here.
     */
    private static final class Measuring extends JsonParserDelegate {
        private int depth;
        private int maxDepth;
        private int longestString;
        private int longestNumber;

        Measuring(JsonParser parser) {
            super(parser);
        }

        JsonExtents extents() {
            return new JsonExtents(maxDepth, longestString, longestNumber);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> maxDepth = Math.max(maxDepth, ++depth);
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_STRING -> longestString = Math.max(longestString, getTextLength());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> longestNumber = Math.max(longestNumber, digits());
                    default -> {
                    }
                }
            }
            return t;
        }

        private int digits() throws IOException {
            char[] text = getTextCharacters();
            int from = getTextOffset();
            int to = from + getTextLength();
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = text[i];
                if (c >= '0' && c <= '9') {
                    n++;
                }
            }
            return n;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }
    }
}
