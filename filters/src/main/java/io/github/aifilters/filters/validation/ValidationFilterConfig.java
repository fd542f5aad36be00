package io.github.aifilters.filters.validation;

import io.github.aifilters.core.body.BodyCaptureConfig;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.RequestMatcher;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of {@link SmartValidationFilter}: built once, from init-params ({@link #from}) or with the
 * {@link #builder()}. Schema locations are {@code classpath:...}, {@code file:...} or file paths; they are loaded and
 * compiled when the filter starts.
 *
 * @param mappingFile a YAML/JSON file mapping routes and intents to schema locations, or null
 * @param routes route ({@code "POST /api/users"}, {@code "PUT /api/users/{id}"}) to schema location
 * @param intents intent name to schema location
 * @param intentThreshold minimum intent confidence for an intent's schema to be used
 * @param autoCorrect whether safe auto-corrections are applied (off by default)
 * @param levels level per violation key (prefix)
 * @param maxBodyBytes capture cap
 * @param rejectOverCap 413 for a body over the cap (true) or pass it through unvalidated (false)
 * @param rejectEmptyBody 400 for an empty body on a route with a schema
 * @param limits Jackson read limits and the report bound
 * @param correctedHeader response header listing corrected pointers
 * @param warningsHeader response header listing warn-level violations
 * @param maxHeaderLength cap on those headers' values
 * @param engineSuggestions whether the shared engine is asked for suggestions the embedded rules lack
 * @param llmEscalate whether that engine may escalate to the LLM (when one is configured)
 * @param matcher include/exclude matcher
 * @param classLoader loader for {@code classpath:} locations
 */
public record ValidationFilterConfig(String mappingFile, Map<String, String> routes, Map<String, String> intents,
                                     double intentThreshold, boolean autoCorrect, LevelPolicy levels,
                                     int maxBodyBytes, boolean rejectOverCap, boolean rejectEmptyBody,
                                     JsonBodyValidator.Limits limits, String correctedHeader, String warningsHeader,
                                     int maxHeaderLength, boolean engineSuggestions, boolean llmEscalate,
                                     RequestMatcher matcher, ClassLoader classLoader) {

    public static final double DEFAULT_INTENT_THRESHOLD = 0.7;
    public static final String DEFAULT_CORRECTED_HEADER = "X-AI-Corrected";
    public static final String DEFAULT_WARNINGS_HEADER = "X-AI-Validation-Warnings";
    public static final int DEFAULT_MAX_HEADER_LENGTH = 256;

    public ValidationFilterConfig {
        routes = Map.copyOf(routes);
        intents = Map.copyOf(intents);
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(matcher, "matcher");
        if (intentThreshold < 0 || intentThreshold > 1) {
            throw new IllegalArgumentException("intentThreshold must be within [0,1]");
        }
        if (maxBodyBytes < 0 || maxHeaderLength < 16) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0 and maxHeaderLength >= 16");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads every init-param of {@link SmartValidationFilter} (see its constants for keys and defaults). */
    public static ValidationFilterConfig from(InitParams p) {
        Builder b = builder()
                .matcher(CommonSettings.from(p).matcher())
                .intentThreshold(p.decimal(SmartValidationFilter.INTENT_THRESHOLD, DEFAULT_INTENT_THRESHOLD))
                .autoCorrect(p.bool(SmartValidationFilter.AUTO_CORRECT, false))
                .maxBodyBytes((int) Math.min(Integer.MAX_VALUE - 1, p.bytes(SmartValidationFilter.MAX_BODY_BYTES,
                        BodyCaptureConfig.DEFAULT_MAX_BYTES)))
                .rejectOverCap(overCap(p.string(SmartValidationFilter.OVER_CAP, "reject")))
                .rejectEmptyBody(emptyBody(p.string(SmartValidationFilter.EMPTY_BODY, "reject")))
                .limits(new JsonBodyValidator.Limits(
                        p.integer(SmartValidationFilter.MAX_NESTING_DEPTH, JsonBodyValidator.Limits.DEFAULT.maxNestingDepth()),
                        p.integer(SmartValidationFilter.MAX_STRING_LENGTH, JsonBodyValidator.Limits.DEFAULT.maxStringLength()),
                        p.integer(SmartValidationFilter.MAX_NUMBER_LENGTH, JsonBodyValidator.Limits.DEFAULT.maxNumberLength()),
                        p.integer(SmartValidationFilter.MAX_VIOLATIONS, JsonBodyValidator.Limits.DEFAULT.maxViolations())))
                .correctedHeader(p.string(SmartValidationFilter.CORRECTED_HEADER, DEFAULT_CORRECTED_HEADER))
                .warningsHeader(p.string(SmartValidationFilter.WARNINGS_HEADER, DEFAULT_WARNINGS_HEADER))
                .maxHeaderLength(p.integer(SmartValidationFilter.MAX_HEADER_LENGTH, DEFAULT_MAX_HEADER_LENGTH))
                .engineSuggestions(p.bool(SmartValidationFilter.ENGINE_SUGGESTIONS, true))
                .llmEscalate(p.bool(SmartValidationFilter.LLM_ESCALATE, false));
        p.string(SmartValidationFilter.MAPPING).ifPresent(b::mappingFile);
        p.string(SmartValidationFilter.ROUTES).ifPresent(v -> pairs(SmartValidationFilter.ROUTES, v).forEach(b::route));
        p.string(SmartValidationFilter.INTENTS).ifPresent(v -> pairs(SmartValidationFilter.INTENTS, v).forEach(b::intent));
        p.string(SmartValidationFilter.LEVELS).ifPresent(v -> pairs(SmartValidationFilter.LEVELS, v)
                .forEach((k, l) -> b.level(k, ValidationLevel.parse(l))));
        return b.build();
    }

    private static boolean overCap(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "reject" -> true;
            case "pass", "pass-through", "passthrough" -> false;
            default -> throw new IllegalArgumentException("init-param '" + SmartValidationFilter.OVER_CAP
                    + "' must be reject or pass, got '" + v + "'");
        };
    }

    private static boolean emptyBody(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "reject" -> true;
            case "pass" -> false;
            default -> throw new IllegalArgumentException("init-param '" + SmartValidationFilter.EMPTY_BODY
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

    /** Fluent builder; defaults as documented on {@link SmartValidationFilter}'s init-param constants. */
    public static final class Builder {
        private String mappingFile;
        private final Map<String, String> routes = new LinkedHashMap<>();
        private final Map<String, String> intents = new LinkedHashMap<>();
        private double intentThreshold = DEFAULT_INTENT_THRESHOLD;
        private boolean autoCorrect;
        private final Map<String, ValidationLevel> levels = new LinkedHashMap<>();
        private int maxBodyBytes = BodyCaptureConfig.DEFAULT_MAX_BYTES;
        private boolean rejectOverCap = true;
        private boolean rejectEmptyBody = true;
        private JsonBodyValidator.Limits limits = JsonBodyValidator.Limits.DEFAULT;
        private String correctedHeader = DEFAULT_CORRECTED_HEADER;
        private String warningsHeader = DEFAULT_WARNINGS_HEADER;
        private int maxHeaderLength = DEFAULT_MAX_HEADER_LENGTH;
        private boolean engineSuggestions = true;
        private boolean llmEscalate;
        private RequestMatcher matcher = RequestMatcher.defaults();
        private ClassLoader classLoader;

        private Builder() {
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

        public Builder maxBodyBytes(int v) {
            this.maxBodyBytes = v;
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

        public Builder limits(JsonBodyValidator.Limits v) {
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

        public Builder matcher(RequestMatcher v) {
            this.matcher = v;
            return this;
        }

        public Builder classLoader(ClassLoader v) {
            this.classLoader = v;
            return this;
        }

        public ValidationFilterConfig build() {
            return new ValidationFilterConfig(mappingFile, routes, intents, intentThreshold, autoCorrect,
                    new LevelPolicy(levels), maxBodyBytes, rejectOverCap, rejectEmptyBody, limits, correctedHeader,
                    warningsHeader, maxHeaderLength, engineSuggestions, llmEscalate, matcher, classLoader);
        }
    }
}
