package io.github.aifilters.core.exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON parser configuration of the toolkit for request bodies: numbers kept exact (a validator must see
 * {@code 1e64} as the number it is, not a rounded double), trailing tokens and duplicate keys refused, parsing bounded
 * by Jackson's {@link StreamReadConstraints} (nesting depth, string and number length) so a hostile body costs little,
 * and no source text in parse errors (the body may hold secrets).
 *
 * @param maxNestingDepth deepest nesting of arrays/objects accepted
 * @param maxStringLength longest string value accepted (characters)
 * @param maxNumberLength longest number literal accepted (characters)
 */
public record JsonBodies(int maxNestingDepth, int maxStringLength, int maxNumberLength) {

    /** The limits every filter parses with unless one is configured otherwise. */
    public static final JsonBodies DEFAULT = new JsonBodies(64, 1_000_000, 100);

    /** Limits that admit whatever these or {@code other} admit: the larger of each. */
    public JsonBodies loosest(JsonBodies other) {
        return new JsonBodies(Math.max(maxNestingDepth, other.maxNestingDepth),
                Math.max(maxStringLength, other.maxStringLength), Math.max(maxNumberLength, other.maxNumberLength));
    }

    /** A mapper with this configuration (thread-safe; build once and keep it). */
    public ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build());
        mapper.getFactory().disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
        return mapper;
    }

    /** Parses {@code body} with {@code mapper}; never throws. */
    public static JsonBody parse(ObjectMapper mapper, byte[] body, Charset charset) {
        try {
            JsonNode tree = charset == null || StandardCharsets.UTF_8.equals(charset)
                    || StandardCharsets.US_ASCII.equals(charset)
                    ? mapper.readTree(body) : mapper.readTree(new String(body, charset));
            return new JsonBody(tree, null);
        } catch (IOException e) {
            return new JsonBody(null, e);
        }
    }
}
