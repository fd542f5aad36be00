package io.github.aifilters.filters.intent.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an intents file (YAML, or JSON when the name ends in {@code .json}) from the class path
 * ({@code classpath:intents.yaml}) or the file system (a path, or {@code file:/...}). A file that cannot be read or is
 * invalid throws an {@link IntentsFileException} whose message names the source, the line and column, and the problem,
 * so that start-up fails with something a person can fix.
 */
public final class IntentsFileLoader {

    /** Prefix of class-path locations. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private final String location;
    private final ClassLoader classLoader;

    public IntentsFileLoader(String location) {
        this(location, Thread.currentThread().getContextClassLoader());
    }

    public IntentsFileLoader(String location, ClassLoader classLoader) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no intents file configured");
        }
        this.location = location.strip();
        this.classLoader = classLoader == null ? IntentsFileLoader.class.getClassLoader() : classLoader;
    }

    public String location() {
        return location;
    }

    /** Loads and validates the file. */
    public IntentsDefinition load() {
        boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (InputStream in = open()) {
            IntentsDefinition d = mapper.readValue(in, IntentsDefinition.class);
            if (d == null) {
                throw new IntentsFileException("intents file '" + location + "' is empty");
            }
            return d;
        } catch (JsonProcessingException e) {
            throw new IntentsFileException(describe(e), e);
        } catch (IOException e) {
            throw new IntentsFileException("intents file '" + location + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String problem = e.getOriginalMessage();
        // a validation failure inside a record constructor: its own message is the clear one
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                problem = cause.getMessage();
                break;
            }
            cause = cause.getCause();
        }
        StringBuilder sb = new StringBuilder("intents file '").append(location).append("' is invalid");
        if (where != null && where.getLineNr() > 0) {
            sb.append(" at line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr());
        }
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : null;
        if (path != null && !path.isBlank()) {
            sb.append(" (").append(shortPath(path)).append(')');
        }
        return sb.append(": ").append(firstLine(problem)).toString();
    }

    private static String shortPath(String ref) {
        // "io.github...IntentsDefinition["intents"]->java.util.ArrayList[2]->..." to "intents[2]..."
        return ref.replaceAll("[\\w.$]+\\[\"", ".").replaceAll("\"\\]", "").replaceAll("->[\\w.$]+\\[(\\d+)\\]", "[$1]")
                .replaceAll("->", "").replaceFirst("^\\.", "");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed content";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private InputStream open() throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String name = location.substring(CLASSPATH_PREFIX.length());
            name = name.startsWith("/") ? name.substring(1) : name;
            InputStream in = classLoader.getResourceAsStream(name);
            if (in == null) {
                throw new IntentsFileException("intents file '" + location + "' not found on the class path");
            }
            return in;
        }
        Path p = path().orElseThrow();
        if (!Files.isRegularFile(p)) {
            throw new IntentsFileException("intents file '" + location + "' not found (" + p.toAbsolutePath() + ")");
        }
        return Files.newInputStream(p);
    }

    /**
     * The file behind the location, when there is one on the file system (a path, a {@code file:} URL, or a class-path
     * resource in a directory): what a reload watches. Empty for a resource inside a jar.
     */
    public Optional<Path> path() {
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String name = location.substring(CLASSPATH_PREFIX.length());
                URL url = classLoader.getResource(name.startsWith("/") ? name.substring(1) : name);
                return url != null && "file".equals(url.getProtocol()) ? Optional.of(Path.of(url.toURI()))
                        : Optional.empty();
            }
            if (location.startsWith("file:")) {
                return Optional.of(Path.of(new java.net.URI(location)));
            }
            return Optional.of(Path.of(location));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The file's modification time (and size, folded in), or empty when it cannot be watched. */
    public Optional<String> version() {
        Optional<Path> p = path();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            FileTime t = Files.getLastModifiedTime(p.get());
            return Optional.of(t.toMillis() + ":" + Files.size(p.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
