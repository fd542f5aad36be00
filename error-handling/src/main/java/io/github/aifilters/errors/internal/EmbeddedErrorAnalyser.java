package io.github.aifilters.errors.internal;

import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.errors.ErrorAnalyser;
import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorCategories;
import io.github.aifilters.errors.ErrorDescription;
import io.github.aifilters.errors.ErrorFilterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded error analyser: categorises an exception (live or described as text) by a weighted evidence scorer
 * over its class hierarchy, fully qualified class names, cause chain, top frames and messages; then explains it for
 * ops from per-category templates. Deterministic, no I/O, microseconds per call.
 *
 * <p>Order of decision: (1) user rules, first match wins; (2) a status the exception declares itself
 * ({@code ResponseStatusException}-like, or {@link ErrorDescription#declaredStatus()}), except for HTTP-client
 * exceptions whose status is the called service's; (3) the evidence scorer.
 *
 * <pre>{@code
 * ErrorAnalyser analyser = EmbeddedErrorAnalyser.builder()
 *         .rule(PaymentDeclinedException.class, "payment_declined", 402)
 *         .rule("com\\.acme\\..*QuotaException", ErrorCategories.RATE_LIMIT, null)
 *         .build();
 * }</pre>
 */
public final class EmbeddedErrorAnalyser implements ErrorAnalyser {

    /** Status at the start of a ResponseStatusException-like message: {@code 404 NOT_FOUND "..."}, {@code HTTP 403}. */
    private static final Pattern LEADING_STATUS = Pattern.compile("^\\s*(?:http\\s*)?([45]\\d\\d)\\b",
            Pattern.CASE_INSENSITIVE);

    private final List<ErrorRule> rules;
    private final Map<String, Integer> categoryStatus;
    private final ErrorSignals signals = ErrorSignals.defaults();
    private final EvidenceScorer scorer = new EvidenceScorer(signals);
    private final double clientMargin;
    private volatile CategoryOverrides overrides;

    /** The built-in categories and signals, no user rules. */
    public EmbeddedErrorAnalyser() {
        this(List.of(), Map.of());
    }

    /**
     * @param rules user rules, checked in order before any evidence
     * @param categoryStatus statuses of user-added categories (built-in categories keep theirs unless overridden)
     */
    public EmbeddedErrorAnalyser(List<ErrorRule> rules, Map<String, Integer> categoryStatus) {
        this(rules, categoryStatus, EvidenceScorer.DEFAULT_CLIENT_MARGIN);
    }

    /**
     * @param clientMargin the lead a client category (4xx) needs over the best server category to be answered: the
     *     operating point between blaming callers for our failures and answering their mistakes with a 5xx
     */
    public EmbeddedErrorAnalyser(List<ErrorRule> rules, Map<String, Integer> categoryStatus, double clientMargin) {
        this.clientMargin = clientMargin;
        this.rules = List.copyOf(rules);
        Map<String, Integer> statuses = new LinkedHashMap<>(ErrorCategories.STATUS);
        statuses.putAll(categoryStatus);
        this.categoryStatus = Map.copyOf(statuses);
    }

    /**
     * The analyser the error filter runs for {@code config}: its rules, its categories and its overrides file, with the
     * given client margin.
     */
    public static EmbeddedErrorAnalyser of(ErrorFilterConfig config, double clientMargin) {
        Builder analysis = builder().rules(config.rules()).clientMargin(clientMargin);
        config.categories().forEach(analysis::category);
        if (config.categoryOverrides() != null) {
            analysis.overrides(config.categoryOverrides(), config.categoryOverridesRecheck());
        }
        return analysis.build();
    }

    /** As {@link #of(ErrorFilterConfig, double)} with the documented client margin. */
    public static EmbeddedErrorAnalyser of(ErrorFilterConfig config) {
        return of(config, EvidenceScorer.DEFAULT_CLIENT_MARGIN);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ErrorRule> rules() {
        return rules;
    }

    /** The status a category answers with (built-in, user-added, else 500). */
    public int statusOf(String category) {
        return categoryStatus.getOrDefault(category, 500);
    }

    /** Categories ops corrected (by fingerprint or class), applied before anything else; null for none. */
    public EmbeddedErrorAnalyser withOverrides(CategoryOverrides overrides) {
        this.overrides = overrides;
        return this;
    }

    /** The categories this analyser answers: built-in and user-added. */
    public java.util.Set<String> categories() {
        return categoryStatus.keySet();
    }

    @Override
    public ErrorAnalysis analyse(ErrorDescription description, Throwable throwable) {
        return analyse(description, throwable, null);
    }

    /**
     * Like {@link #analyse(ErrorDescription, Throwable)}, with the error's fingerprint so that an ops override of
     * that fingerprint applies.
     */
    public ErrorAnalysis analyse(ErrorDescription description, Throwable throwable, String fingerprint) {
        long start = System.nanoTime();
        Objects.requireNonNull(description, "description");
        String evidenceText = evidenceText(description);

        CategoryOverrides o = overrides;
        String corrected = o == null ? null : o.categoryFor(fingerprint, description);
        if (corrected != null) {
            // Ops corrected this error (or class): that human decision beats every rule and every signal.
            return build(corrected, statusOf(corrected), "ops override", 1.0, evidenceText, start);
        }

        ErrorRule rule = matchRule(description, throwable);
        if (rule != null) {
            int status = rule.status() != null ? rule.status() : statusOf(rule.category());
            return build(rule.category(), status, "user rule " + ruleLabel(rule), 1.0, evidenceText, start);
        }

        EvidenceScorer.Scores scores = scorer.score(description, throwable, clientMargin);
        String category = ErrorSignals.NAMES[scores.winner()];
        ErrorSignals.Signal top = scores.best()[scores.winner()];
        String topLabel = top == null ? null : top.label();

        Integer declared = declaredStatus(description, throwable);
        if (declared != null) {
            String byStatus = categoryOfDeclared(declared, category);
            return build(byStatus, declared, "declared status " + declared, 0.95, evidenceText, start);
        }
        return build(category, statusOf(category), topLabel, round(scores.confidence()), evidenceText, start);
    }

    private ErrorAnalysis build(String category, int status, String topSignal, double confidence, String evidenceText,
                                long start) {
        CategoryTemplates.Text text = CategoryTemplates.textFor(category, evidenceText, topSignal);
        String severity = CategoryTemplates.severity(category, status, evidenceText);
        return new ErrorAnalysis(category, status, severity, text.probableCause(), text.actions(), List.of(),
                confidence, EngineSource.EMBEDDED, Duration.ofNanos(System.nanoTime() - start));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private ErrorRule matchRule(ErrorDescription d, Throwable t) {
        if (rules.isEmpty()) {
            return null;
        }
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c) && chain.size() < 17; c = c.getCause()) {
            seen.put(c, true);
            chain.add(c);
        }
        for (ErrorRule r : rules) {
            for (Throwable c : chain) {
                if (r.matchesLive(c)) {
                    return r;
                }
            }
            if (d.exception() != null && r.matchesName(d.exception())) {
                return r;
            }
            for (ErrorDescription.Cause c : d.causes()) {
                if (c.exception() != null && r.matchesName(c.exception())) {
                    return r;
                }
            }
        }
        return null;
    }

    private static String ruleLabel(ErrorRule r) {
        return r.type() != null ? r.type().getName() : "/" + r.namePattern().pattern() + "/";
    }

    /** A status the exception (or a cause) declares itself, unless it is an HTTP client's report of a call. */
    private Integer declaredStatus(ErrorDescription d, Throwable t) {
        if (d.declaredStatus() != null && d.declaredStatus() >= 400 && d.declaredStatus() <= 599) {
            return d.declaredStatus();
        }
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c) && seen.size() < 17; c = c.getCause()) {
            seen.put(c, true);
            if (isClientException(c.getClass().getName())) {
                continue;
            }
            Integer s = DeclaredStatus.of(c);
            if (s != null) {
                return s;
            }
        }
        if (t == null) {
            // From a description only: a ResponseStatusException-like name whose message starts with the status.
            Integer s = statusFromText(d.exception(), d.message());
            if (s != null) {
                return s;
            }
            for (ErrorDescription.Cause c : d.causes()) {
                s = statusFromText(c.exception(), c.message());
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    private Integer statusFromText(String name, String message) {
        if (name == null || message == null || isClientException(name)) {
            return null;
        }
        String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!(simple.contains("responsestatus") || simple.contains("webapplication") || simple.contains("httpstatus")
                || simple.contains("errorresponse"))) {
            return null;
        }
        Matcher m = LEADING_STATUS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    boolean isClientException(String name) {
        for (String p : signals.clientPackages) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The category for a declared status: the evidence's when it answers that status, else the status's own. */
    private String categoryOfDeclared(int status, String evidenceCategory) {
        if (statusOf(evidenceCategory) == status) {
            return evidenceCategory;
        }
        return switch (status) {
            case 401, 407 -> ErrorCategories.AUTHENTICATION;
            case 403 -> ErrorCategories.AUTHORIZATION;
            case 404, 410 -> ErrorCategories.NOT_FOUND;
            case 429 -> ErrorCategories.RATE_LIMIT;
            case 502, 503, 504 -> ErrorCategories.EXTERNAL_SERVICE;
            default -> status >= 500 ? ErrorCategories.INTERNAL : ErrorCategories.VALIDATION;
        };
    }

    /** Lower-cased class names and messages of the chain, bounded, for the ops-text hints. */
    private static String evidenceText(ErrorDescription d) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, d.exception(), d.message());
        for (ErrorDescription.Cause c : d.causes()) {
            append(sb, c.exception(), c.message());
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder sb, String name, String message) {
        if (sb.length() > 2000) {
            return;
        }
        if (name != null) {
            sb.append(name).append(' ');
        }
        if (message != null) {
            sb.append(message, 0, Math.min(message.length(), 300)).append(' ');
        }
    }

    /** Builds an analyser with user rules and user categories. */
    public static final class Builder {
        private final List<ErrorRule> rules = new ArrayList<>();
        private final Map<String, Integer> categories = new LinkedHashMap<>();
        private double clientMargin = EvidenceScorer.DEFAULT_CLIENT_MARGIN;

        /** The lead a client category needs over the best server category (default: the documented point). */
        public Builder clientMargin(double margin) {
            this.clientMargin = margin;
            return this;
        }

        /** Maps an exception type (and its subclasses, when live) to a category; status null = the category's. */
        public Builder rule(Class<? extends Throwable> type, String category, Integer status) {
            rules.add(ErrorRule.ofType(type, category, status));
            return this;
        }

        /** Maps class names matching a regex (any link of the cause chain) to a category. */
        public Builder rule(String classNameRegex, String category, Integer status) {
            rules.add(ErrorRule.ofName(classNameRegex, category, status));
            return this;
        }

        public Builder rule(ErrorRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder rules(List<ErrorRule> more) {
            more.forEach(this::rule);
            return this;
        }

        /** Adds (or re-maps) a category with its status. */
        public Builder category(String name, int status) {
            categories.put(name, status);
            return this;
        }

        private Path overridesFile;
        private Duration overridesRecheck;

        /**
         * An overrides file (YAML: {@code fingerprints:} / {@code classes:} mapped to categories) re-read when it
         * changes, checked at most once per {@code recheck}. See {@link CategoryOverrides}.
         */
        public Builder overrides(Path file, Duration recheck) {
            this.overridesFile = file;
            this.overridesRecheck = recheck;
            return this;
        }

        public EmbeddedErrorAnalyser build() {
            EmbeddedErrorAnalyser a = new EmbeddedErrorAnalyser(rules, categories, clientMargin);
            if (overridesFile != null) {
                a.withOverrides(new CategoryOverrides(overridesFile, overridesRecheck, a.categories(),
                        System::nanoTime));
            }
            return a;
        }
    }
}
