package io.github.aifilters.filters.intent;

import io.github.aifilters.core.body.BodyCaptureConfig;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.filters.intent.internal.IntentModelHolder.ReloadMode;
import io.github.aifilters.filters.intent.internal.IntentTrainingOptions;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.RequestMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of {@link IntentRecognitionFilter}, built once per filter: from init-params
 * ({@link #fromInitParams}) or programmatically ({@link #builder}).
 */
public final class IntentFilterConfig {

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

    private final String intentsFile;
    private final List<String> jsonPointers;
    private final List<String> queryParameters;
    private final List<String> formFields;
    private final double headerThreshold;
    private final double noneThreshold;
    private final double escalateBelow;
    private final int maxBodyBytes;
    private final int maxTextChars;
    private final ReloadMode reloadMode;
    private final Duration reloadInterval;
    private final RequestMatcher matcher;

    private IntentFilterConfig(Builder b) {
        this.intentsFile = b.intentsFile;
        this.jsonPointers = List.copyOf(b.jsonPointers);
        this.queryParameters = List.copyOf(b.queryParameters);
        this.formFields = List.copyOf(b.formFields);
        this.headerThreshold = b.headerThreshold;
        this.noneThreshold = b.noneThreshold;
        this.escalateBelow = b.escalateBelow == null ? b.headerThreshold : b.escalateBelow;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxTextChars = b.maxTextChars;
        this.reloadMode = b.reloadMode;
        this.reloadInterval = b.reloadInterval;
        this.matcher = b.matcher;
        if (intentsFile == null || intentsFile.isBlank()) {
            throw new IllegalArgumentException("init-param '" + IntentRecognitionFilter.INTENTS_FILE
                    + "' is required (e.g. classpath:intents.yaml)");
        }
        for (String p : jsonPointers) {
            if (!p.isEmpty() && !p.startsWith("/")) {
                throw new IllegalArgumentException("JSON pointer '" + p + "' must start with '/'");
            }
        }
        checkUnit("headerThreshold", headerThreshold);
        checkUnit("noneThreshold", noneThreshold);
        checkUnit("escalateBelow", escalateBelow);
        if (maxBodyBytes < 0 || maxTextChars < 1 || reloadInterval.isNegative()) {
            throw new IllegalArgumentException("maxBodyBytes, maxTextChars and reloadInterval must be positive");
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

    /** Reads every init-param of {@link IntentRecognitionFilter} (and the common ones of {@link AbstractAiFilter}). */
    public static IntentFilterConfig fromInitParams(InitParams p) {
        Builder b = builder()
                .intentsFile(p.string(IntentRecognitionFilter.INTENTS_FILE).orElse(null))
                .jsonPointers(p.list(IntentRecognitionFilter.JSON_POINTERS, DEFAULT_JSON_POINTERS))
                .queryParameters(p.list(IntentRecognitionFilter.QUERY_PARAMETERS, DEFAULT_QUERY_PARAMETERS))
                .formFields(p.list(IntentRecognitionFilter.FORM_FIELDS, DEFAULT_FORM_FIELDS))
                .headerThreshold(p.decimal(IntentRecognitionFilter.HEADER_THRESHOLD, DEFAULT_HEADER_THRESHOLD))
                .noneThreshold(p.decimal(IntentRecognitionFilter.NONE_THRESHOLD,
                        IntentTrainingOptions.DEFAULTS.noneThreshold()))
                .maxBodyBytes((int) Math.min(Integer.MAX_VALUE - 8,
                        p.bytes(IntentRecognitionFilter.MAX_BODY_BYTES, BodyCaptureConfig.DEFAULT_MAX_BYTES)))
                .maxTextChars(p.integer(IntentRecognitionFilter.MAX_TEXT_CHARS, DEFAULT_MAX_TEXT_CHARS))
                .reloadMode(ReloadMode.parse(p.string(IntentRecognitionFilter.RELOAD, "on-request")))
                .reloadInterval(p.duration(IntentRecognitionFilter.RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL))
                .matcher(CommonSettings.from(p).matcher());
        p.string(IntentRecognitionFilter.ESCALATE_BELOW).ifPresent(v ->
                b.escalateBelow(p.decimal(IntentRecognitionFilter.ESCALATE_BELOW, DEFAULT_HEADER_THRESHOLD)));
        return b.build();
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
        return escalateBelow;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
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

    public RequestMatcher matcher() {
        return matcher;
    }

    /** Builder; every setting has the default documented on the init-param constants. */
    public static final class Builder {
        private String intentsFile;
        private List<String> jsonPointers = DEFAULT_JSON_POINTERS;
        private List<String> queryParameters = DEFAULT_QUERY_PARAMETERS;
        private List<String> formFields = DEFAULT_FORM_FIELDS;
        private double headerThreshold = DEFAULT_HEADER_THRESHOLD;
        private double noneThreshold = IntentTrainingOptions.DEFAULTS.noneThreshold();
        private Double escalateBelow;
        private int maxBodyBytes = BodyCaptureConfig.DEFAULT_MAX_BYTES;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private ReloadMode reloadMode = ReloadMode.ON_REQUEST;
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private RequestMatcher matcher = RequestMatcher.defaults();

        private Builder() {
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

        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
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

        public Builder matcher(RequestMatcher matcher) {
            this.matcher = Objects.requireNonNull(matcher);
            return this;
        }

        public IntentFilterConfig build() {
            return new IntentFilterConfig(this);
        }
    }
}
