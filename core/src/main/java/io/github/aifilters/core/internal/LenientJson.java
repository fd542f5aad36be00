package io.github.aifilters.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The one place that finds a JSON object in a model's answer, whatever wraps it: plain JSON, a {@code ```json} fence,
 * leading prose ("Sure! Here is …"), trailing prose, trailing commas, single quotes. Any engine can use it; it never
 * throws, and its work is bounded (text length and number of attempts), so a hostile answer cannot make it slow.
 */
public final class LenientJson {

    /** Longest answer looked at; the rest is ignored. */
    public static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_ATTEMPTS = 16;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private LenientJson() {
    }

    /** The first JSON object found in {@code text}, looking inside a code fence first. */
    public static Optional<ObjectNode> extractObject(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        String fenced = fenceContent(s);
        if (fenced != null) {
            Optional<ObjectNode> inFence = scan(fenced);
            if (inFence.isPresent()) {
                return inFence;
            }
        }
        return scan(s);
    }

    /** Like {@link #extractObject}, as compact JSON text. */
    public static Optional<String> extractObjectText(String text) {
        return extractObject(text).map(JsonNode::toString);
    }

    private static String fenceContent(String s) {
        int open = s.indexOf("```");
        if (open < 0) {
            return null;
        }
        int lineEnd = s.indexOf('\n', open + 3);
        int bodyStart = lineEnd < 0 ? open + 3 : lineEnd + 1;
        int close = s.indexOf("```", bodyStart);
        return close < 0 ? s.substring(bodyStart) : s.substring(bodyStart, close);
    }

    private static Optional<ObjectNode> scan(String s) {
        int from = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int brace = s.indexOf('{', from);
            if (brace < 0) {
                return Optional.empty();
            }
            Optional<ObjectNode> parsed = parseFirstValue(s.substring(brace));
            if (parsed.isPresent()) {
                return parsed;
            }
            from = brace + 1;
        }
        return Optional.empty();
    }

    /** Parses the first JSON value and ignores whatever follows it (trailing prose). */
    private static Optional<ObjectNode> parseFirstValue(String s) {
        try (JsonParser p = MAPPER.createParser(s)) {
            JsonNode node = MAPPER.readTree(p);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
