package io.github.aifilters.filters.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import java.util.Map;
import java.util.function.Function;

/**
 * A schema compiled once at start-up, with the documents it was loaded from (auto-correction and suggestions look up
 * the sub-schema around a failing keyword, e.g. the {@code properties} next to {@code additionalProperties}).
 *
 * @param location where it was loaded from, as configured (for messages)
 * @param schema the compiled validator (thread-safe)
 * @param documents the schema documents by absolute IRI (the root document and its {@code $id}, if any)
 * @param resolver finds other documents by IRI (those reached through {@code $ref}); may return null
 */
public record CompiledSchema(String location, JsonSchema schema, Map<String, JsonNode> documents,
                             Function<String, JsonNode> resolver) {

    public CompiledSchema {
        documents = Map.copyOf(documents);
        resolver = resolver == null ? iri -> null : resolver;
    }

    /**
     * The schema object that holds the keyword at {@code keywordLocation} (e.g. {@code #/properties/a/enum} gives
     * the object at {@code #/properties/a}), or null when its document is not one of ours (unresolvable {@code $ref}).
     */
    public JsonNode enclosingSchema(SchemaLocation keywordLocation) {
        if (keywordLocation == null) {
            return null;
        }
        String iri = keywordLocation.getAbsoluteIri() == null ? null : keywordLocation.getAbsoluteIri().toString();
        JsonNode node = iri == null ? null : documents.get(iri);
        if (node == null && iri != null) {
            node = resolver.apply(iri);
        }
        if (node == null) {
            return null;
        }
        JsonNodePath fragment = keywordLocation.getFragment();
        int count = fragment == null ? 0 : fragment.getNameCount();
        for (int i = 0; i < count - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node != null && node.isObject() ? node : null;
    }
}
