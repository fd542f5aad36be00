package io.github.aifilters.core.exchange;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A request body parsed as JSON, once per request ({@link AiExchange#json}).
 *
 * @param tree the parsed document, or null when the body is empty (whitespace only) or malformed
 * @param error why it could not be parsed, or null; its message never holds the body's text
 */
public record JsonBody(JsonNode tree, IOException error) {

    /** Whether the body failed to parse. */
    public boolean malformed() {
        return error != null;
    }

    /** Whether the body held no JSON value at all. */
    public boolean empty() {
        return error == null && (tree == null || tree.isMissingNode());
    }

    /** Line of the parse error (1-based), or -1. */
    public int errorLine() {
        JsonLocation loc = error instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        return loc == null ? -1 : loc.getLineNr();
    }

    /** Column of the parse error (1-based), or -1. */
    public int errorColumn() {
        JsonLocation loc = error instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        return loc == null ? -1 : loc.getColumnNr();
    }
}
