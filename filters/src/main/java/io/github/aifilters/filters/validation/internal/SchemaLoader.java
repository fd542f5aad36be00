package io.github.aifilters.filters.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads JSON Schema documents ({@code classpath:} or file locations, JSON or YAML), checks them against their
 * meta-schema and compiles them with networknt json-schema-validator. Draft 2020-12 unless the document's
 * {@code $schema} names 2019-09, draft-07, -06 or -04. Any problem is an {@link IllegalArgumentException} that names
 * the location, so a broken schema fails start-up instead of the first request.
 *
 * <p>Not thread-safe; used once while a filter (or the benchmark) starts.
 */
public final class SchemaLoader {

    /** Shared by every compiled schema: format assertions on (the spec makes them opt-in), JSON pointer paths. */
    static final SchemaValidatorsConfig VALIDATORS_CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build();

    private final ClassLoader classLoader;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final ObjectMapper yaml = new YAMLMapper();
    private final Map<SpecVersion.VersionFlag, JsonSchemaFactory> factories = new EnumMap<>(SpecVersion.VersionFlag.class);
    private final Map<String, CompiledSchema> compiled = new LinkedHashMap<>();

    public SchemaLoader(ClassLoader classLoader) {
        this.classLoader = classLoader == null ? SchemaLoader.class.getClassLoader() : classLoader;
    }

    /** Resolves {@code location} against {@code base} (the mapping file's location) when it is relative. */
    static String resolve(String base, String location) {
        if (base == null || location.startsWith("classpath:") || location.startsWith("file:")
                || Path.of(location).isAbsolute()) {
            return location;
        }
        if (base.startsWith("classpath:")) {
            String b = base.substring("classpath:".length());
            int slash = b.lastIndexOf('/');
            return "classpath:" + (slash < 0 ? "" : b.substring(0, slash + 1)) + location;
        }
        Path basePath = Path.of(base.startsWith("file:") ? base.substring(5) : base).toAbsolutePath().getParent();
        return basePath == null ? location : basePath.resolve(location).toString();
    }

    /** Reads a JSON or YAML document from {@code classpath:...}, {@code file:...} or a plain file path. */
    public JsonNode readDocument(String location) {
        try (InputStream in = open(location)) {
            ObjectMapper mapper = isYaml(location) ? yaml : json;
            JsonNode node = mapper.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("'" + location + "' is empty");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + location + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.endsWith(".yaml") || l.endsWith(".yml");
    }

    private InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            name = name.startsWith("/") ? name.substring(1) : name;
            InputStream in = classLoader.getResourceAsStream(name);
            if (in == null) {
                throw new IOException("not found on the classpath");
            }
            return in;
        }
        return Files.newInputStream(filePath(location));
    }

    private static Path filePath(String location) {
        return location.startsWith("file:") ? Path.of(java.net.URI.create(location.startsWith("file:/")
                ? location : "file:" + Path.of(location.substring(5)).toAbsolutePath())) : Path.of(location);
    }

    private String iriOf(String location) {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            return "classpath:" + (name.startsWith("/") ? name.substring(1) : name);
        }
        return filePath(location).toAbsolutePath().normalize().toUri().toString();
    }

    /** Loads, checks and compiles the schema at {@code location}; the same location is compiled once. */
    public CompiledSchema compile(String location) {
        CompiledSchema done = compiled.get(location);
        if (done != null) {
            return done;
        }
        JsonNode document;
        try {
            document = readDocument(location);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JSON Schema " + e.getMessage(), e);
        }
        CompiledSchema schema = compile(location, iriOf(location), document);
        compiled.put(location, schema);
        return schema;
    }

    /** Checks and compiles an in-memory schema document; {@code name} is used in messages. */
    public CompiledSchema compile(String name, String iri, JsonNode document) {
        if (!document.isObject() && !document.isBoolean()) {
            throw new IllegalArgumentException("JSON Schema '" + name + "' must be an object");
        }
        try {
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(document, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            JsonSchemaFactory factory = factories.computeIfAbsent(version, JsonSchemaFactory::getInstance);
            checkAgainstMetaSchema(name, document, version, factory);
            JsonSchema schema = factory.getSchema(SchemaLocation.of(iri), document, VALIDATORS_CONFIG);
            schema.initializeValidators();
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            documents.put(schema.getSchemaLocation().getAbsoluteIri().toString(), document);
            documents.put(iri, document);
            return new CompiledSchema(name, schema, documents, referencedDocuments(factory));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JSON Schema '" + name + "' cannot be compiled: " + e.getMessage(), e);
        }
    }

    /**
     * Documents reached through {@code $ref}, from the factory's own cache (it loaded them while compiling). Only
     * IRIs of schema locations reach this, a finite set per schema; the map is still bounded as a guard.
     */
    private static java.util.function.Function<String, JsonNode> referencedDocuments(JsonSchemaFactory factory) {
        Map<String, JsonNode> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return iri -> {
            JsonNode cached = cache.get(iri);
            if (cached != null) {
                return cached;
            }
            try {
                JsonNode node = factory.getSchema(SchemaLocation.of(iri), VALIDATORS_CONFIG).getSchemaNode();
                if (node != null && cache.size() < 256) {
                    cache.put(iri, node);
                }
                return node;
            } catch (RuntimeException e) {
                return null;
            }
        };
    }

    private void checkAgainstMetaSchema(String name, JsonNode document, SpecVersion.VersionFlag version,
                                        JsonSchemaFactory factory) {
        JsonSchema meta = factory.getSchema(SchemaLocation.of(version.getId()), VALIDATORS_CONFIG);
        Set<ValidationMessage> problems = meta.validate(document);
        if (!problems.isEmpty()) {
            String list = problems.stream().limit(5).map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; "));
            throw new IllegalArgumentException("JSON Schema '" + name + "' is not a valid " + version.getId()
                    + " schema: " + list);
        }
    }
}
