package io.github.aifilters.errors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.aifilters.errors.ErrorDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Categories that ops corrected, from a small YAML file, applied before any evidence: by fingerprint (this exact
 * error) or by exception class (any link of the cause chain, exact name).
 *
 * <pre>
 * fingerprints:
 *   70ccd5e44e3b57d5: database
 * classes:
 *   com.acme.billing.CardDeclinedException: validation
 * </pre>
 *
 * <p>The file is re-read at run time when its modification time or size changed, checked at most once per
 * {@code recheck} (one stat per period, on the calling thread; no watcher thread), so a correction applies to the
 * next error of that kind without a restart. A file that is malformed at start-up fails fast, naming the file and
 * the entry; a file broken later is reported once and the previous overrides stay in force (fail-open). A missing
 * file means no overrides until it appears.
 */
public final class CategoryOverrides {

    private static final Logger LOG = LoggerFactory.getLogger(CategoryOverrides.class);

    /** The overrides of one version of the file. */
    record Table(Map<String, String> fingerprints, Map<String, String> classes) {
        static final Table EMPTY = new Table(Map.of(), Map.of());
    }

    private final Path file;
    private final long recheckNanos;
    private final Set<String> categories;
    private final LongSupplier nanoTime;
    private final AtomicLong lastCheck;
    private volatile Table table;
    private volatile FileTime loadedTime;
    private volatile long loadedSize = -1;

    /**
     * @param file the overrides file (YAML)
     * @param recheck how often at most the file's modification time is checked
     * @param categories the categories an override may name (built-in and user-added)
     * @param nanoTime the clock ({@code System::nanoTime}; a fake one in tests)
     * @throws IllegalStateException naming the file and the entry when the file exists and is malformed
     */
    public CategoryOverrides(Path file, Duration recheck, Set<String> categories, LongSupplier nanoTime) {
        this.file = Objects.requireNonNull(file, "file");
        this.recheckNanos = Math.max(0, recheck.toNanos());
        this.categories = Set.copyOf(categories);
        this.nanoTime = nanoTime;
        this.lastCheck = new AtomicLong(nanoTime.getAsLong());
        this.table = Table.EMPTY;
        reload(true);
    }

    /** The ops category for this error, or null: the fingerprint's first, else the first class of the chain. */
    public String categoryFor(String fingerprint, ErrorDescription d) {
        maybeReload();
        Table t = table;
        if (fingerprint != null) {
            String c = t.fingerprints().get(fingerprint);
            if (c != null) {
                return c;
            }
        }
        if (t.classes().isEmpty() || d == null) {
            return null;
        }
        String c = d.exception() == null ? null : t.classes().get(d.exception());
        for (int i = 0; c == null && i < d.causes().size(); i++) {
            String name = d.causes().get(i).exception();
            c = name == null ? null : t.classes().get(name);
        }
        return c;
    }

    /** How many overrides are in force (fingerprints + classes). */
    public int size() {
        Table t = table;
        return t.fingerprints().size() + t.classes().size();
    }

    private void maybeReload() {
        long now = nanoTime.getAsLong();
        long last = lastCheck.get();
        // One caller per period does the stat; the others go on with the table they have.
        if (now - last < recheckNanos || !lastCheck.compareAndSet(last, now)) {
            return;
        }
        reload(false);
    }

    private void reload(boolean startUp) {
        FileTime time;
        long size;
        try {
            time = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            table = Table.EMPTY;
            loadedTime = null;
            loadedSize = -1;
            return;
        } catch (IOException e) {
            LOG.warn("cannot stat category overrides {}: {}", file, e.toString());
            return;
        }
        if (time.equals(loadedTime) && size == loadedSize) {
            return;
        }
        try {
            table = parse(Files.readAllBytes(file), file.toString(), categories);
            if (!startUp) {
                LOG.info("category overrides reloaded from {}: {} fingerprints, {} classes", file,
                        table.fingerprints().size(), table.classes().size());
            }
        } catch (IOException | IllegalStateException e) {
            if (startUp) {
                throw e instanceof IllegalStateException ise ? ise
                        : new IllegalStateException("cannot read category overrides " + file + ": " + e, e);
            }
            // Fail-open at run time: a half-saved or mistyped file must not take the corrections away.
            LOG.warn("category overrides {} not reloaded, the previous ones stay in force: {}", file, e.getMessage());
        }
        loadedTime = time;
        loadedSize = size;
    }

    /**
     * Parses an overrides file.
     *
     * @throws IllegalStateException naming {@code source} and the entry: an unknown section or category, a
     *     non-text value, a fingerprint that is not hex
     */
    static Table parse(byte[] yaml, String source, Set<String> categories) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Table.EMPTY;
        }
        if (!root.isObject()) {
            throw new IllegalStateException(source + ": expected 'fingerprints:' and/or 'classes:' mappings");
        }
        Map<String, String> fingerprints = new HashMap<>();
        Map<String, String> classes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            Map<String, String> into = switch (section.getKey()) {
                case "fingerprints" -> fingerprints;
                case "classes" -> classes;
                default -> throw new IllegalStateException(source + ": " + section.getKey()
                        + ": unknown section (known: fingerprints, classes)");
            };
            if (section.getValue().isNull()) {
                continue;
            }
            if (!section.getValue().isObject()) {
                throw new IllegalStateException(source + ": " + section.getKey() + ": must map keys to categories");
            }
            for (Iterator<Map.Entry<String, JsonNode>> e = section.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = e.next();
                String where = source + ": " + section.getKey() + "." + entry.getKey();
                if (!entry.getValue().isTextual()) {
                    throw new IllegalStateException(where + ": the category must be a name, got " + entry.getValue());
                }
                String category = entry.getValue().asText().trim();
                if (!categories.contains(category)) {
                    throw new IllegalStateException(where + ": unknown category '" + category + "' (known: "
                            + new java.util.TreeSet<>(categories) + ")");
                }
                if (into == fingerprints && !entry.getKey().matches("[0-9a-f]{8,64}")) {
                    throw new IllegalStateException(where + ": a fingerprint is lower-case hex (as logged)");
                }
                into.put(entry.getKey(), category);
            }
        }
        return new Table(Map.copyOf(fingerprints), Map.copyOf(classes));
    }
}
