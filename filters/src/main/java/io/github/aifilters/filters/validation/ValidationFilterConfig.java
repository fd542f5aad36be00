package io.github.aifilters.filters.validation;

import io.github.aifilters.core.config.CommonBuilder;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of {@link SmartValidationFilter}: from init-params ({@link #from}) or in code
 * ({@link #builder()}); a filter given a config in code applies its init-params over it ({@link CommonBuilder}).
 * The init-param keys are the constants below; the builder methods have the same names. Schema locations are
 * {@code classpath:...}, {@code file:...} or file paths; they are loaded and compiled when the filter starts.
 */
public final class ValidationFilterConfig {

    /**
     * Init-param: a YAML or JSON file ({@code classpath:} or path) with {@code routes:} and {@code intents:} maps.
     * Default: none.
     */
    public static final String MAPPING = "mapping";
    /**
     * Init-param: {@code "POST /api/users = classpath:user.json; PUT /api/users/{id} = user-update.json"}; replaces
     * the routes set in code. Default: none.
     */
    public static final String ROUTES = "routes";
    /** Init-param: {@code "create_user = classpath:user.json; ..."}: schema per recognised intent. Default: none. */
    public static final String INTENTS = "intents";
    /** Init-param: minimum intent confidence for an intent's schema to be used. Default {@code 0.7}. */
    public static final String INTENT_THRESHOLD = "intentThreshold";
    /** Init-param: apply safe auto-corrections. Default {@code false}. */
    public static final String AUTO_CORRECT = "autoCorrect";
    /**
     * Init-param: levels per key prefix, {@code "validation.body.additional=warn, validation.body.format=ignore"}.
     * Default: all error.
     */
    public static final String LEVELS = "levels";
    /** Init-param: {@code reject} (413) or {@code pass} (unvalidated) for a body over the cap. Default {@code reject}. */
    public static final String OVER_CAP = "overCap";
    /** Init-param: {@code reject} (400) or {@code pass} for an empty body on a route with a schema. Default {@code reject}. */
    public static final String EMPTY_BODY = "emptyBody";
    /** Init-param: deepest nesting of arrays/objects accepted. Default {@code 64}. */
    public static final String MAX_NESTING_DEPTH = "maxNestingDepth";
    /** Init-param: longest string value accepted, in characters. Default {@code 1000000}. */
    public static final String MAX_STRING_LENGTH = "maxStringLength";
    /** Init-param: longest number literal accepted, in characters. Default {@code 100}. */
    public static final String MAX_NUMBER_LENGTH = "maxNumberLength";
    /** Init-param: most violations listed in one report. Default {@code 100}. */
    public static final String MAX_VIOLATIONS = "maxViolations";
    /** Init-param: response header listing corrected pointers. Default {@code X-AI-Corrected}. */
    public static final String CORRECTED_HEADER = "correctedHeader";
    /** Init-param: response header listing warn-level violations. Default {@code X-AI-Validation-Warnings}. */
    public static final String WARNINGS_HEADER = "warningsHeader";
    /** Init-param: cap on those header values, in characters. Default {@code 256}. */
    public static final String MAX_HEADER_LENGTH = "maxHeaderLength";
    /** Init-param: ask the shared engine for suggestions the embedded rules lack. Default {@code true}. */
    public static final String ENGINE_SUGGESTIONS = "engineSuggestions";
    /** Init-param: let the engine escalate those to the LLM (when one is configured). Default {@code false}. */
    public static final String LLM_ESCALATE = "llmEscalate";

    /** Every init-param of the filter, the common ones included. */
    public static final Set<String> KEYS = ConfigKeys.withCommon(MAPPING, ROUTES, INTENTS, INTENT_THRESHOLD,
            AUTO_CORRECT, LEVELS, OVER_CAP, EMPTY_BODY, MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_NUMBER_LENGTH,
            MAX_VIOLATIONS, CORRECTED_HEADER, WARNINGS_HEADER, MAX_HEADER_LENGTH, ENGINE_SUGGESTIONS, LLM_ESCALATE);

    public static final double DEFAULT_INTENT_THRESHOLD = 0.7;
    public static final String DEFAULT_CORRECTED_HEADER = "X-AI-Corrected";
    public static final String DEFAULT_WARNINGS_HEADER = "X-AI-Validation-Warnings";
    public static final int DEFAULT_MAX_HEADER_LENGTH = 256;

    /**
     * Jackson read limits of a body and the report bound.
     *
     * @param maxNestingDepth deepest nesting of arrays/objects accepted
     * @param maxStringLength longest string value accepted (characters)
     * @param maxNumberLength longest number literal accepted (characters)
     * @param maxViolations most violations reported for one body (the rest are counted, not listed)
     */
    public record Limits(int maxNestingDepth, int maxStringLength, int maxNumberLength, int maxViolations) {
        /** The toolkit's read limits ({@link JsonBodies#DEFAULT}) and at most 100 violations listed. */
        public static final Limits DEFAULT = new Limits(JsonBodies.DEFAULT.maxNestingDepth(),
                JsonBodies.DEFAULT.maxStringLength(), JsonBodies.DEFAULT.maxNumberLength(), 100);
    }

    private final CommonSettings common;
    private final String mappingFile;
    private final Map<String, String> routes;
    private final Map<String, String> intents;
    private final double intentThreshold;
    private final boolean autoCorrect;
    private final Map<String, ValidationLevel> levels;
    private final boolean rejectOverCap;
    private final boolean rejectEmptyBody;
    private final Limits limits;
    private final String correctedHeader;
    private final String warningsHeader;
    private final int maxHeaderLength;
    private final boolean engineSuggestions;
    private final boolean llmEscalate;
    private final ClassLoader classLoader;

    private ValidationFilterConfig(Builder b) {
        this.common = b.common();
        this.mappingFile = b.mappingFile;
        this.routes = Map.copyOf(b.routes);
        this.intents = Map.copyOf(b.intents);
        this.intentThreshold = b.intentThreshold;
        this.autoCorrect = b.autoCorrect;
        this.levels = Map.copyOf(b.levels);
        this.rejectOverCap = b.rejectOverCap;
        this.rejectEmptyBody = b.rejectEmptyBody;
        this.limits = Objects.requireNonNull(b.limits, "limits");
        this.correctedHeader = b.correctedHeader;
        this.warningsHeader = b.warningsHeader;
        this.maxHeaderLength = b.maxHeaderLength;
        this.engineSuggestions = b.engineSuggestions;
        this.llmEscalate = b.llmEscalate;
        this.classLoader = b.classLoader;
        if (intentThreshold < 0 || intentThreshold > 1) {
            throw new IllegalArgumentException(INTENT_THRESHOLD + " must be within [0,1]");
        }
        if (maxHeaderLength < 16) {
            throw new IllegalArgumentException(MAX_HEADER_LENGTH + " must be >= 16");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting at its documented default (no schema mapped: the filter then validates nothing). */
    public static ValidationFilterConfig ofDefaults() {
        return builder().build();
    }

    /** The documented defaults overridden by the keys present in {@code params}. */
    public static ValidationFilterConfig from(InitParams params) {
        return builder().apply(params).build();
    }

    /** A builder holding these settings, e.g. to apply init-params over them. */
    public Builder toBuilder() {
        Builder b = new Builder().common(common).mappingFile(mappingFile).intentThreshold(intentThreshold)
                .autoCorrect(autoCorrect).rejectOverCap(rejectOverCap).rejectEmptyBody(rejectEmptyBody)
                .limits(limits).correctedHeader(correctedHeader).warningsHeader(warningsHeader)
                .maxHeaderLength(maxHeaderLength).engineSuggestions(engineSuggestions).llmEscalate(llmEscalate)
                .classLoader(classLoader);
        b.routes.putAll(routes);
        b.intents.putAll(intents);
        b.levels.putAll(levels);
        return b;
    }

    /** Enabled, matcher and body cap (a body over the cap is handled per {@link #rejectOverCap()}). */
    public CommonSettings common() {
        return common;
    }

    /** A YAML/JSON file mapping routes and intents to schema locations, or null. */
    public String mappingFile() {
        return mappingFile;
    }

    /** Route ({@code "POST /api/users"}, {@code "PUT /api/users/{id}"}) to schema location. */
    public Map<String, String> routes() {
        return routes;
    }

    /** Intent name to schema location. */
    public Map<String, String> intents() {
        return intents;
    }

    /** Minimum intent confidence for an intent's schema to be used. */
    public double intentThreshold() {
        return intentThreshold;
    }

    /** Whether safe auto-corrections are applied (off by default). */
    public boolean autoCorrect() {
        return autoCorrect;
    }

    /** Levels per violation key prefix, as configured (a key no prefix covers is an error). */
    public Map<String, ValidationLevel> levels() {
        return levels;
    }

    /** 413 for a body over the cap (true) or pass it through unvalidated (false). */
    public boolean rejectOverCap() {
        return rejectOverCap;
    }

    /** 400 for an empty body on a route with a schema. */
    public boolean rejectEmptyBody() {
        return rejectEmptyBody;
    }

    /** Jackson read limits and the report bound. */
    public Limits limits() {
        return limits;
    }

    public String correctedHeader() {
        return correctedHeader;
    }

    public String warningsHeader() {
        return warningsHeader;
    }

    public int maxHeaderLength() {
        return maxHeaderLength;
    }

    public boolean engineSuggestions() {
        return engineSuggestions;
    }

    public boolean llmEscalate() {
        return llmEscalate;
    }

    /** Loader for {@code classpath:} locations, or null for the web app's. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    private static boolean overCap(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "reject" -> true;
            case "pass", "pass-through", "passthrough" -> false;
            default -> throw new IllegalArgumentException("init-param '" + OVER_CAP
                    + "' must be reject or pass, got '" + v + "'");
        };
    }

    private static boolean emptyBody(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "reject" -> true;
            case "pass" -> false;
            default -> throw new IllegalArgumentException("init-param '" + EMPTY_BODY
                    + "' must be reject or pass, got '" + v + "'");
        };
    }

    /** {@code "k1 = v1; k2 = v2"} (semicolons or new lines separate entries; the key may contain spaces). */
    static Map<String, String> pairs(String param, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : value.split("[;\\n]|,(?=[^;\\n]*=)")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("init-param '" + param + "': expected 'key = value', got '"
                        + entry.trim() + "'");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    /** Fluent builder; defaults as documented on the key constants. */
    public static final class Builder extends CommonBuilder<Builder> {
        private String mappingFile;
        private final Map<String, String> routes = new LinkedHashMap<>();
        private final Map<String, String> intents = new LinkedHashMap<>();
        private double intentThreshold = DEFAULT_INTENT_THRESHOLD;
        private boolean autoCorrect;
        private final Map<String, ValidationLevel> levels = new LinkedHashMap<>();
        private boolean rejectOverCap = true;
        private boolean rejectEmptyBody = true;
        private Limits limits = Limits.DEFAULT;
        private String correctedHeader = DEFAULT_CORRECTED_HEADER;
        private String warningsHeader = DEFAULT_WARNINGS_HEADER;
        private int maxHeaderLength = DEFAULT_MAX_HEADER_LENGTH;
        private boolean engineSuggestions = true;
        private boolean llmEscalate;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** A map ({@code routes}, {@code intents}, {@code levels}) present replaces the one set in code. */
        @Override
        protected void applyOwn(InitParams p) {
            mappingFile(p.string(MAPPING, mappingFile));
            p.string(ROUTES).ifPresent(v -> replace(routes, pairs(ROUTES, v)));
            p.string(INTENTS).ifPresent(v -> replace(intents, pairs(INTENTS, v)));
            p.string(LEVELS).ifPresent(v -> {
                levels.clear();
                pairs(LEVELS, v).forEach((k, l) -> level(k, ValidationLevel.parse(l)));
            });
            intentThreshold(p.decimal(INTENT_THRESHOLD, intentThreshold));
            autoCorrect(p.bool(AUTO_CORRECT, autoCorrect));
            p.string(OVER_CAP).ifPresent(v -> rejectOverCap(overCap(v)));
            p.string(EMPTY_BODY).ifPresent(v -> rejectEmptyBody(emptyBody(v)));
            limits(new Limits(p.integer(MAX_NESTING_DEPTH, limits.maxNestingDepth()),
                    p.integer(MAX_STRING_LENGTH, limits.maxStringLength()),
                    p.integer(MAX_NUMBER_LENGTH, limits.maxNumberLength()),
                    p.integer(MAX_VIOLATIONS, limits.maxViolations())));
            correctedHeader(p.string(CORRECTED_HEADER, correctedHeader));
            warningsHeader(p.string(WARNINGS_HEADER, warningsHeader));
            maxHeaderLength(p.integer(MAX_HEADER_LENGTH, maxHeaderLength));
            engineSuggestions(p.bool(ENGINE_SUGGESTIONS, engineSuggestions));
            llmEscalate(p.bool(LLM_ESCALATE, llmEscalate));
        }

        private static void replace(Map<String, String> target, Map<String, String> values) {
            target.clear();
            target.putAll(values);
        }

        public Builder mappingFile(String location) {
            this.mappingFile = location;
            return this;
        }

        /** Maps a route ({@code "POST /api/users"}, {@code "PUT /api/users/{id}"}) to a schema location. */
        public Builder route(String route, String schemaLocation) {
            routes.put(route, schemaLocation);
            return this;
        }

        /** Maps an intent (as recognised by the intent filter) to a schema location. */
        public Builder intent(String intent, String schemaLocation) {
            intents.put(intent, schemaLocation);
            return this;
        }

        public Builder intentThreshold(double v) {
            this.intentThreshold = v;
            return this;
        }

        public Builder autoCorrect(boolean v) {
            this.autoCorrect = v;
            return this;
        }

        /** Level for a key or key prefix, e.g. {@code validation.body.additional -> WARN}. */
        public Builder level(String keyPrefix, ValidationLevel level) {
            levels.put(keyPrefix, level);
            return this;
        }

        public Builder rejectOverCap(boolean v) {
            this.rejectOverCap = v;
            return this;
        }

        public Builder rejectEmptyBody(boolean v) {
            this.rejectEmptyBody = v;
            return this;
        }

        public Builder limits(Limits v) {
            this.limits = v;
            return this;
        }

        public Builder correctedHeader(String v) {
            this.correctedHeader = v;
            return this;
        }

        public Builder warningsHeader(String v) {
            this.warningsHeader = v;
            return this;
        }

        public Builder maxHeaderLength(int v) {
            this.maxHeaderLength = v;
            return this;
        }

        public Builder engineSuggestions(boolean v) {
            this.engineSuggestions = v;
            return this;
        }

        public Builder llmEscalate(boolean v) {
            this.llmEscalate = v;
            return this;
        }

        public Builder classLoader(ClassLoader v) {
            this.classLoader = v;
            return this;
        }

        public ValidationFilterConfig build() {
            return new ValidationFilterConfig(this);
        }
    }
}
