package io.github.aifilters.errors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence tables of the scorer: what a class name, a package, a simple-name fragment, a message phrase or a stack
 * frame says about each category, with a weight. The tables are data ({@value #DEFAULT_RESOURCE}), not code, so that
 * a library family is added by editing a list; they are read once, validated, and kept immutable. Each table holds
 * general signals of libraries and HTTP/SQL conventions, not individual cases; the scorer adds up everything that
 * fires, so no single entry decides alone.
 */
final class ErrorSignals {

    static final int VALIDATION = 0;
    static final int AUTHENTICATION = 1;
    static final int AUTHORIZATION = 2;
    static final int NOT_FOUND = 3;
    static final int RATE_LIMIT = 4;
    static final int EXTERNAL = 5;
    static final int DATABASE = 6;
    static final int INTERNAL = 7;
    static final int N = 8;

    static final String[] NAMES = {"validation", "authentication", "authorization", "not_found", "rate_limit",
        "external_service", "database", "internal"};

    /** The classpath resource holding the built-in tables. */
    static final String DEFAULT_RESOURCE = "/io/github/aifilters/errors/error-signals.yaml";

    /** One piece of evidence: category and weight, with a label for the ops explanation. */
    record Signal(String label, int category, double weight) {
    }

    /**
     * A message regular expression (found in the lower-cased message) and what it says; it runs only when its
     * trigger, a literal it needs, was found by the one-pass phrase scan (so a message costs no regex otherwise).
     */
    record PatternSignal(java.util.regex.Pattern pattern, String trigger, Signal signal) {
    }

    /** Exact class names (also matched against ancestors of live exceptions). */
    final Map<String, Signal> classes;
    /** Package prefixes; the longest matching prefix counts. */
    final Map<String, Signal> packages;
    /** Fragments of the lower-cased simple name (after the last dot, nested names included). All matches add. */
    final List<Signal> nameFragments;
    /** Phrases of the lower-cased message. All matches add. */
    final List<Signal> messagePhrases;
    /** Prefixes of stack frames ({@code package.Class.method}) of the outermost exception. */
    final List<Signal> framePrefixes;
    /** Fragments of the lower-cased method name of the throwing frame. */
    final List<Signal> frameMethods;
    /** Exceptions that only wrap another (exact names): their own name says little, the cause decides. */
    final Set<String> wrappers;
    /** Packages of HTTP/RPC clients: a status they carry is the called service's, evidence, not a declared status. */
    final List<String> clientPackages;
    /** SDKs of vendors reached with this service's own credentials: their 401/403 are configuration faults. */
    final List<String> vendorSdkPackages;
    /** Lower-case wording of a message that reports what a called service answered (our outgoing call). */
    final List<String> upstreamMessageMarkers;
    /** Regular expressions over the lower-cased message, for wording a phrase cannot pin. */
    final List<PatternSignal> messagePatterns;
    /** Families whose validation evidence needs request-binding context (else it is our mapping bug). */
    final List<String> bindingDependentPackages;
    /** Signs (in class names, frames or messages) that the request was being read or bound. */
    final List<String> requestBindingMarkers;
    /** Frame prefixes of work no caller asked for (schedulers, batch, tests, build plugins). */
    final List<String> backgroundFrames;
    /** Simple class-name endings of frames that mark the same (test classes, build-plugin goals). */
    final List<String> backgroundClassSuffixes;
    /** One-pass matchers over the fragment and phrase tables (the message one also finds the pattern triggers). */
    final PhraseMatcher nameMatcher;
    final PhraseMatcher messageMatcher;

    private ErrorSignals(Loader l) {
        this.classes = Collections.unmodifiableMap(l.classes);
        this.packages = Collections.unmodifiableMap(l.packages);
        this.nameFragments = List.copyOf(l.nameFragments);
        this.messagePhrases = List.copyOf(l.messagePhrases);
        this.framePrefixes = List.copyOf(l.framePrefixes);
        this.frameMethods = List.copyOf(l.frameMethods);
        this.wrappers = Set.copyOf(l.wrappers);
        this.clientPackages = List.copyOf(l.clientPackages);
        this.vendorSdkPackages = List.copyOf(l.vendorSdkPackages);
        this.upstreamMessageMarkers = List.copyOf(l.upstreamMessageMarkers);
        this.messagePatterns = List.copyOf(l.messagePatterns);
        this.bindingDependentPackages = List.copyOf(l.bindingDependentPackages);
        this.requestBindingMarkers = List.copyOf(l.requestBindingMarkers);
        this.backgroundFrames = List.copyOf(l.backgroundFrames);
        this.backgroundClassSuffixes = List.copyOf(l.backgroundClassSuffixes);
        this.nameMatcher = new PhraseMatcher(nameFragments.stream().map(Signal::label).toList());
        List<String> phrases = new ArrayList<>(messagePhrases.stream().map(Signal::label).toList());
        messagePatterns.forEach(p -> phrases.add(p.trigger()));
        this.messageMatcher = new PhraseMatcher(phrases);
    }

    /** The built-in tables, read and validated once per class loader (the first analyser built pays for it). */
    static ErrorSignals defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final ErrorSignals INSTANCE = load(DEFAULT_RESOURCE);
    }

    /**
     * Reads tables from a classpath resource.
     *
     * @throws IllegalStateException naming the resource (and the entry) when it is missing or malformed
     */
    static ErrorSignals load(String resource) {
        try (InputStream in = ErrorSignals.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("error signals resource not found: " + resource);
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read error signals " + resource, e);
        }
    }

    /**
     * Parses and validates tables (YAML). Fails fast: an unknown section, an unknown category, a weight that is not a
     * positive number, an empty or non-ASCII key, an upper-case phrase (messages are matched lower-cased, so it could
     * never fire) or a duplicate key is an {@link IllegalStateException} naming {@code source} and the entry.
     */
    static ErrorSignals parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(source + ": expected a mapping of tables at the top level");
        }
        Loader l = new Loader(source);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            l.section(e.getKey(), e.getValue());
        }
        return new ErrorSignals(l);
    }

    /** The index of a built-in category name, or -1. */
    static int categoryIndex(String name) {
        for (int i = 0; i < N; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Accumulates and validates the sections of one file. */
    private static final class Loader {
        private final String source;
        final Map<String, Signal> classes = new HashMap<>();
        final Map<String, Signal> packages = new HashMap<>();
        final List<Signal> nameFragments = new ArrayList<>();
        final List<Signal> messagePhrases = new ArrayList<>();
        final List<Signal> framePrefixes = new ArrayList<>();
        final List<Signal> frameMethods = new ArrayList<>();
        final Set<String> wrappers = new LinkedHashSet<>();
        final List<String> clientPackages = new ArrayList<>();
        final List<String> vendorSdkPackages = new ArrayList<>();
        final List<String> upstreamMessageMarkers = new ArrayList<>();
        final List<PatternSignal> messagePatterns = new ArrayList<>();
        final List<String> bindingDependentPackages = new ArrayList<>();
        final List<String> requestBindingMarkers = new ArrayList<>();
        final List<String> backgroundFrames = new ArrayList<>();
        final List<String> backgroundClassSuffixes = new ArrayList<>();

        Loader(String source) {
            this.source = source;
        }

        void section(String name, JsonNode value) {
            if (!value.isArray()) {
                throw fail(name, "must be a list");
            }
            switch (name) {
                case "wrappers" -> strings(name, value, wrappers);
                case "clientPackages" -> strings(name, value, clientPackages);
                case "vendorSdkPackages" -> strings(name, value, vendorSdkPackages);
                case "upstreamMessageMarkers" -> strings(name, value, upstreamMessageMarkers);
                case "classes" -> signals(name, value, false, (k, s) -> unique(name, classes, k, s));
                case "packages" -> signals(name, value, false, (k, s) -> unique(name, packages, k,
                        new Signal("package " + k, s.category(), s.weight())));
                case "nameFragments" -> signals(name, value, true, (k, s) -> nameFragments.add(s));
                case "messagePhrases" -> signals(name, value, true, (k, s) -> messagePhrases.add(s));
                case "framePrefixes" -> signals(name, value, false, (k, s) -> framePrefixes.add(s));
                case "frameMethods" -> signals(name, value, true, (k, s) -> frameMethods.add(s));
                case "messagePatterns" -> patterns(name, value);
                case "bindingDependentPackages" -> strings(name, value, bindingDependentPackages);
                case "requestBindingMarkers" -> strings(name, value, requestBindingMarkers);
                case "backgroundFrames" -> strings(name, value, backgroundFrames);
                case "backgroundClassSuffixes" -> strings(name, value, backgroundClassSuffixes);
                default -> throw fail(name, "unknown section (known: wrappers, clientPackages, vendorSdkPackages, "
                        + "upstreamMessageMarkers, classes, packages, nameFragments, messagePhrases, framePrefixes, frameMethods, "
                        + "messagePatterns, bindingDependentPackages, requestBindingMarkers, backgroundFrames, "
                        + "backgroundClassSuffixes)");
            }
        }

        private void strings(String section, JsonNode list, java.util.Collection<String> into) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode v = list.get(i);
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw fail(section + "[" + i + "]", "expected a non-empty string, got " + v);
                }
                into.add(v.asText());
            }
        }

        private void signals(String section, JsonNode list, boolean lowerCase,
                             java.util.function.BiConsumer<String, Signal> into) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String where = section + "[" + i + "] " + e;
                if (!e.isArray() || e.size() != 3 || !e.get(0).isTextual()) {
                    throw fail(where, "expected [what, category, weight]");
                }
                String key = e.get(0).asText();
                if (key.isEmpty() || !key.chars().allMatch(c -> c < 128)) {
                    throw fail(where, "the key must be non-empty ASCII");
                }
                if (lowerCase && !key.equals(key.toLowerCase(java.util.Locale.ROOT))) {
                    throw fail(where, "must be lower case (it is matched against lower-cased text)");
                }
                int category = categoryIndex(e.get(1).asText());
                if (!e.get(1).isTextual() || category < 0) {
                    throw fail(where, "unknown category '" + e.get(1).asText() + "' (known: "
                            + Arrays.toString(NAMES) + ")");
                }
                if (!e.get(2).isNumber() || !(e.get(2).asDouble() > 0) || Double.isInfinite(e.get(2).asDouble())) {
                    throw fail(where, "the weight must be a positive number");
                }
                into.accept(key, new Signal(key, category, e.get(2).asDouble()));
            }
        }

        /** Entries {@code [regex, category, weight, trigger]}: the trigger is a lower-case literal the regex needs. */
        private void patterns(String section, JsonNode list) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String where = section + "[" + i + "] " + e;
                if (!e.isArray() || e.size() != 4 || !e.get(3).isTextual() || e.get(3).asText().isEmpty()) {
                    throw fail(where, "expected [regex, category, weight, trigger]");
                }
                String trigger = e.get(3).asText();
                if (!trigger.equals(trigger.toLowerCase(java.util.Locale.ROOT))
                        || !trigger.chars().allMatch(c -> c < 128)) {
                    throw fail(where, "the trigger must be lower-case ASCII (it is matched against lower-cased text)");
                }
                com.fasterxml.jackson.databind.node.ArrayNode head = e.deepCopy();
                head.remove(3);
                List<Signal> one = new ArrayList<>();
                signals(section, new com.fasterxml.jackson.databind.node.ArrayNode(
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance).add(head), false,
                        (k, s) -> one.add(s));
                Signal s = one.get(0);
                try {
                    messagePatterns.add(new PatternSignal(java.util.regex.Pattern.compile(s.label()), trigger,
                            new Signal("/" + s.label() + "/", s.category(), s.weight())));
                } catch (java.util.regex.PatternSyntaxException x) {
                    throw fail(where, "not a valid regular expression: " + x.getDescription());
                }
            }
        }

        private void unique(String section, Map<String, Signal> map, String key, Signal s) {
            if (map.putIfAbsent(key, s) != null) {
                throw fail(section + " '" + key + "'", "duplicate key");
            }
        }

        private IllegalStateException fail(String where, String what) {
            return new IllegalStateException(source + ": " + where + ": " + what);
        }
    }
}
