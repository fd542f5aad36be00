package io.github.aifilters.filters.intent;

import io.github.aifilters.core.config.CommonBuilder;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.ConfigKeys;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.filters.intent.internal.IntentTrainingOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of {@link IntentRecognitionFilter}: from init-params ({@link #from}) or in code
 * ({@link #builder}); a filter given a config in code applies its init-params over it ({@link CommonBuilder}). The
 * init-param keys are the constants below; the builder methods have the same names. There is no
 * {@code ofDefaults()}: the intents file has no default.
 */
public final class IntentFilterConfig {

    /** Init-param: the intents file, {@code classpath:...}, a path or a {@code file:} URL. Required. */
    public static final String INTENTS_FILE = "intentsFile";
    /** Init-param: JSON pointers read from a JSON body, comma-separated. Default {@code /message,/query,/q,/text}. */
    public static final String JSON_POINTERS = "jsonPointers";
    /** Init-param: query parameters read. Default {@code q}. */
    public static final String QUERY_PARAMETERS = "queryParameters";
    /** Init-param: form fields read from a form body. Default {@code message,query,q,text}. */
    public static final String FORM_FIELDS = "formFields";
    /** Init-param: confidence from which {@code X-AI-Intent}/{@code X-AI-Confidence} are set. Default {@code 0.8}. */
    public static final String HEADER_THRESHOLD = "headerThreshold";
    /** Init-param: below this calibrated confidence the embedded answer is {@code none}. Default {@code 0.5}. */
    public static final String NONE_THRESHOLD = "noneThreshold";
    /** Init-param: ask the LLM (if configured) when the embedded confidence is below this. Default: headerThreshold. */
    public static final String ESCALATE_BELOW = "escalateBelow";
    /** Init-param: characters of joined text classified at most. Default {@code 1000}. */
    public static final String MAX_TEXT_CHARS = "maxTextChars";
    /**
     * Init-param: {@code none}, {@code scheduled} or {@code on-request} reloading of the intents file. Default
     * {@code on-request}.
     */
    public static final String RELOAD = "reload";
    /** Init-param: how often the intents file is checked for changes. Default {@code 30s}. */
    public static final String RELOAD_INTERVAL = "reloadInterval";

    /**
     * Init-param: use the optional semantic tier when {@code ai-filters-semantic} is on the class path. Default
     * {@code true} (without the jar the setting changes nothing).
     */
    public static final String SEMANTIC_TIER = "semanticTier";
    /**
     * Init-param: a lexical answer whose top probability reaches this is final; below it the semantic tier (if ready)
     * is asked. Default {@code 0.95}.
     */
    public static final String LEXICAL_CONFIDENCE = "lexicalConfidence";
    /**
     * Init-param: how long a request waits for the semantic tier; on timeout the lexical answer stands. Default
     * {@code 50ms}.
     */
    public static final String SEMANTIC_BUDGET = "semanticBudget";
    /**
     * Init-param: an answer whose two best intents score less than this apart is flagged ambiguous
     * ({@code X-AI-Intent-Ambiguous}). Default {@code 0.1}.
     */
    public static final String AMBIGUITY_MARGIN = "ambiguityMargin";
    /** Init-param: how many ranked intents a result carries. Default {@code 3}. */
    public static final String TOP_K = "topK";
    /**
     * Init-param: with fewer examples per intent than this (on average over the intents file), the semantic tier,
     * once trained, answers every request and the lexical answer stands only while it trains, past the budget or on
     * its failure: with few examples even the lexical tier's confident answers are wrong more often than the
     * semantic tier's. {@code 0} always applies {@link #LEXICAL_CONFIDENCE}. Default {@code 25}.
     */
    public static final String SEMANTIC_FIRST_BELOW = "semanticFirstBelow";

    /** Every init-param of the filter, the common ones included. */
    public static final Set<String> KEYS = ConfigKeys.withCommon(INTENTS_FILE, JSON_POINTERS, QUERY_PARAMETERS,
            FORM_FIELDS, HEADER_THRESHOLD, NONE_THRESHOLD, ESCALATE_BELOW, MAX_TEXT_CHARS, RELOAD, RELOAD_INTERVAL,
            SEMANTIC_TIER, LEXICAL_CONFIDENCE, SEMANTIC_BUDGET, AMBIGUITY_MARGIN, TOP_K, SEMANTIC_FIRST_BELOW);

    /** Default lexical confidence from which the lexical answer is final (see docs/intent-recognition.md). */
    public static final double DEFAULT_LEXICAL_CONFIDENCE = 0.95;
    /** Default time budget of the semantic tier. */
    public static final Duration DEFAULT_SEMANTIC_BUDGET = Duration.ofMillis(50);
    /** Default ambiguity margin. */
    public static final double DEFAULT_AMBIGUITY_MARGIN = 0.1;
    /** Default number of ranked intents. */
    public static final int DEFAULT_TOP_K = 3;
    /**
     * Default examples per intent below which the semantic tier answers first: the cascade's CLINC150 curve lost
     * 1.0–1.1 points against the semantic tier alone at 10 and 20 examples per intent, 0.7 at 30, 0.1 at 100, where
     * the lexical tier answering most requests in microseconds is worth it (docs/intent-recognition.md).
     */
    public static final int DEFAULT_SEMANTIC_FIRST_BELOW = 25;

    /** Default JSON pointers read from a JSON body. */
    public static final List<String> DEFAULT_JSON_POINTERS = List.of("/message", "/query", "/q", "/text");
    /** Default query parameters read. */
    public static final List<String> DEFAULT_QUERY_PARAMETERS = List.of("q");
    /** Default form fields read from an {@code application/x-www-form-urlencoded} body. */
    public static final List<String> DEFAULT_FORM_FIELDS = List.of("message", "query", "q", "text");
    /** Default confidence from which the headers are set (the original design's 0.8). */
    public static final double DEFAULT_HEADER_THRESHOLD = 0.8;
    /** Default cap on the characters classified (the rest of a long text is ignored). */
    public static final int DEFAULT_MAX_TEXT_CHARS = 1000;
    /** Default reload check interval. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

    /** When to look for a changed intents file. */
    public enum ReloadMode {
        /** Never: the model trained at start-up serves until the app stops. */
        NONE,
        /** A background thread checks every interval. */
        SCHEDULED,
        /** Requests trigger a check, at most once per interval. */
        ON_REQUEST;

        public static ReloadMode parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "none", "off", "false", "never" -> NONE;
                case "scheduled", "schedule", "watch" -> SCHEDULED;
                case "on-request", "request", "lazy" -> ON_REQUEST;
                default -> throw new IllegalArgumentException("reload mode must be none, scheduled or on-request, got '"
                        + s + "'");
            };
        }
    }

    private final CommonSettings common;
    private final String intentsFile;
    private final List<String> jsonPointers;
    private final List<String> queryParameters;
    private final List<String> formFields;
    private final double headerThreshold;
    private final double noneThreshold;
    /** As set, or null: then it follows the header threshold, also when that is changed later through toBuilder. */
    private final Double escalateBelowSetting;
    private final int maxTextChars;
    private final ReloadMode reloadMode;
    private final Duration reloadInterval;
    private final boolean semanticTier;
    private final double lexicalConfidence;
    private final Duration semanticBudget;
    private final double ambiguityMargin;
    private final int topK;
    private final int semanticFirstBelow;

    private IntentFilterConfig(Builder b) {
        this.common = b.common();
        this.intentsFile = b.intentsFile;
        this.jsonPointers = List.copyOf(b.jsonPointers);
        this.queryParameters = List.copyOf(b.queryParameters);
        this.formFields = List.copyOf(b.formFields);
        this.headerThreshold = b.headerThreshold;
        this.noneThreshold = b.noneThreshold;
        this.escalateBelowSetting = b.escalateBelow;
        this.maxTextChars = b.maxTextChars;
        this.reloadMode = b.reloadMode;
        this.reloadInterval = b.reloadInterval;
        this.semanticTier = b.semanticTier;
        this.lexicalConfidence = b.lexicalConfidence;
        this.semanticBudget = b.semanticBudget;
        this.ambiguityMargin = b.ambiguityMargin;
        this.topK = b.topK;
        this.semanticFirstBelow = b.semanticFirstBelow;
        if (intentsFile == null || intentsFile.isBlank()) {
            throw new IllegalArgumentException("init-param '" + INTENTS_FILE
                    + "' is required (e.g. classpath:intents.yaml)");
        }
        for (String p : jsonPointers) {
            if (!p.isEmpty() && !p.startsWith("/")) {
                throw new IllegalArgumentException("JSON pointer '" + p + "' must start with '/'");
            }
        }
        checkUnit(HEADER_THRESHOLD, headerThreshold);
        checkUnit(NONE_THRESHOLD, noneThreshold);
        checkUnit(ESCALATE_BELOW, escalateBelow());
        checkUnit(LEXICAL_CONFIDENCE, lexicalConfidence);
        checkUnit(AMBIGUITY_MARGIN, ambiguityMargin);
        if (semanticFirstBelow < 0) {
            throw new IllegalArgumentException(SEMANTIC_FIRST_BELOW + " must not be negative: " + semanticFirstBelow);
        }
        if (semanticBudget.isNegative() || topK < 1) {
            throw new IllegalArgumentException(SEMANTIC_BUDGET + " must not be negative and " + TOP_K
                    + " must be at least 1");
        }
        if (maxTextChars < 1 || reloadInterval.isNegative()) {
            throw new IllegalArgumentException(MAX_TEXT_CHARS + " and " + RELOAD_INTERVAL + " must be positive");
        }
    }

    private static void checkUnit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0,1], got " + v);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The documented defaults overridden by the keys present in {@code params}. */
    public static IntentFilterConfig from(InitParams params) {
        return builder().apply(params).build();
    }

    /** A builder holding these settings, e.g. to apply init-params over them. */
    public Builder toBuilder() {
        Builder b = new Builder().common(common).intentsFile(intentsFile).jsonPointers(jsonPointers)
                .queryParameters(queryParameters).formFields(formFields).headerThreshold(headerThreshold)
                .noneThreshold(noneThreshold).maxTextChars(maxTextChars).reloadMode(reloadMode)
                .reloadInterval(reloadInterval).semanticTier(semanticTier).lexicalConfidence(lexicalConfidence)
                .semanticBudget(semanticBudget).ambiguityMargin(ambiguityMargin).topK(topK)
                .semanticFirstBelow(semanticFirstBelow);
        b.escalateBelow = escalateBelowSetting;
        return b;
    }

    /** Enabled, matcher and body cap. */
    public CommonSettings common() {
        return common;
    }

    public String intentsFile() {
        return intentsFile;
    }

    public List<String> jsonPointers() {
        return jsonPointers;
    }

    public List<String> queryParameters() {
        return queryParameters;
    }

    public List<String> formFields() {
        return formFields;
    }

    public double headerThreshold() {
        return headerThreshold;
    }

    public double noneThreshold() {
        return noneThreshold;
    }

    public double escalateBelow() {
        return escalateBelowSetting == null ? headerThreshold : escalateBelowSetting;
    }

    public int maxTextChars() {
        return maxTextChars;
    }

    public ReloadMode reloadMode() {
        return reloadMode;
    }

    public Duration reloadInterval() {
        return reloadInterval;
    }

    public boolean semanticTier() {
        return semanticTier;
    }

    public double lexicalConfidence() {
        return lexicalConfidence;
    }

    public Duration semanticBudget() {
        return semanticBudget;
    }

    public double ambiguityMargin() {
        return ambiguityMargin;
    }

    public int topK() {
        return topK;
    }

    public int semanticFirstBelow() {
        return semanticFirstBelow;
    }

    /**
     * The cascade's question: is a request whose lexical top probability is {@code lexicalTop}, under a lexical model
     * trained on {@code examplesPerIntent} examples per intent on average, handed to the semantic tier (when ready)?
     */
    public boolean asksSemanticTier(double lexicalTop, double examplesPerIntent) {
        return examplesPerIntent < semanticFirstBelow || lexicalTop < lexicalConfidence;
    }

    /** Builder; every setting has the default documented on its key constant. */
    public static final class Builder extends CommonBuilder<Builder> {
        private String intentsFile;
        private List<String> jsonPointers = DEFAULT_JSON_POINTERS;
        private List<String> queryParameters = DEFAULT_QUERY_PARAMETERS;
        private List<String> formFields = DEFAULT_FORM_FIELDS;
        private double headerThreshold = DEFAULT_HEADER_THRESHOLD;
        private double noneThreshold = IntentTrainingOptions.DEFAULTS.noneThreshold();
        private Double escalateBelow;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private ReloadMode reloadMode = ReloadMode.ON_REQUEST;
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private boolean semanticTier = true;
        private double lexicalConfidence = DEFAULT_LEXICAL_CONFIDENCE;
        private Duration semanticBudget = DEFAULT_SEMANTIC_BUDGET;
        private double ambiguityMargin = DEFAULT_AMBIGUITY_MARGIN;
        private int topK = DEFAULT_TOP_K;
        private int semanticFirstBelow = DEFAULT_SEMANTIC_FIRST_BELOW;

        private Builder() {
        }

        @Override
        protected void applyOwn(InitParams p) {
            intentsFile(p.string(INTENTS_FILE, intentsFile));
            jsonPointers(p.list(JSON_POINTERS, jsonPointers));
            queryParameters(p.list(QUERY_PARAMETERS, queryParameters));
            formFields(p.list(FORM_FIELDS, formFields));
            headerThreshold(p.decimal(HEADER_THRESHOLD, headerThreshold));
            noneThreshold(p.decimal(NONE_THRESHOLD, noneThreshold));
            if (p.string(ESCALATE_BELOW).isPresent()) {
                escalateBelow(p.decimal(ESCALATE_BELOW, headerThreshold));
            }
            maxTextChars(p.integer(MAX_TEXT_CHARS, maxTextChars));
            p.string(RELOAD).ifPresent(v -> reloadMode(ReloadMode.parse(v)));
            reloadInterval(p.duration(RELOAD_INTERVAL, reloadInterval));
            semanticTier(p.bool(SEMANTIC_TIER, semanticTier));
            lexicalConfidence(p.decimal(LEXICAL_CONFIDENCE, lexicalConfidence));
            semanticBudget(p.duration(SEMANTIC_BUDGET, semanticBudget));
            ambiguityMargin(p.decimal(AMBIGUITY_MARGIN, ambiguityMargin));
            topK(p.integer(TOP_K, topK));
            semanticFirstBelow(p.integer(SEMANTIC_FIRST_BELOW, semanticFirstBelow));
        }

        /** {@code classpath:intents.yaml}, a file path, or a {@code file:} URL. Required. */
        public Builder intentsFile(String location) {
            this.intentsFile = location;
            return this;
        }

        public Builder jsonPointers(List<String> pointers) {
            this.jsonPointers = Objects.requireNonNull(pointers);
            return this;
        }

        public Builder queryParameters(List<String> names) {
            this.queryParameters = Objects.requireNonNull(names);
            return this;
        }

        public Builder formFields(List<String> names) {
            this.formFields = Objects.requireNonNull(names);
            return this;
        }

        public Builder headerThreshold(double threshold) {
            this.headerThreshold = threshold;
            return this;
        }

        public Builder noneThreshold(double threshold) {
            this.noneThreshold = threshold;
            return this;
        }

        /** Ask the LLM (when one is configured) below this embedded confidence. Default: the header threshold. */
        public Builder escalateBelow(double threshold) {
            this.escalateBelow = threshold;
            return this;
        }

        public Builder maxTextChars(int chars) {
            this.maxTextChars = chars;
            return this;
        }

        public Builder reloadMode(ReloadMode mode) {
            this.reloadMode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder reloadInterval(Duration interval) {
            this.reloadInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Use the semantic tier when its jar is on the class path (default true). */
        public Builder semanticTier(boolean enabled) {
            this.semanticTier = enabled;
            return this;
        }

        /** Lexical answers at or above this top probability are final; below, the semantic tier is asked. */
        public Builder lexicalConfidence(double threshold) {
            this.lexicalConfidence = threshold;
            return this;
        }

        /** How long a request waits for the semantic tier before the lexical answer stands. */
        public Builder semanticBudget(Duration budget) {
            this.semanticBudget = Objects.requireNonNull(budget);
            return this;
        }

        /** Two best intents closer than this: the answer is flagged ambiguous. */
        public Builder ambiguityMargin(double margin) {
            this.ambiguityMargin = margin;
            return this;
        }

        /** Ranked intents carried by a result. */
        public Builder semanticFirstBelow(int examplesPerIntent) {
            this.semanticFirstBelow = examplesPerIntent;
            return this;
        }

        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        public IntentFilterConfig build() {
            return new IntentFilterConfig(this);
        }
    }
}
