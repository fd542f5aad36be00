package io.github.aifilters.core.config;

import io.github.aifilters.core.body.BodyCaptureConfig;
import io.github.aifilters.core.filter.RequestMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings every AI filter shares: on/off, which requests it acts on, and the most body bytes it may buffer.
 * Each filter's config holds one.
 *
 * <p><b>Precedence</b> (one rule for every key of every filter): a key present in the filter's init-params wins over
 * the value set in code (a builder); a key absent from the init-params keeps the value set in code; a value set
 * nowhere is the documented default. Matcher keys are applied one by one, so {@code excludePaths} in web.xml replaces
 * only the excluded paths of a matcher built in code.
 *
 * @param enabled {@code false} turns the filter into a pass-through
 * @param matcher which requests the filter acts on
 * @param maxBodyBytes the most body bytes this filter buffers for analysis; a larger body is skipped, never truncated
 */
public record CommonSettings(boolean enabled, RequestMatcher matcher, int maxBodyBytes,
                             java.time.Duration bodyReadTimeout) {

    /** Init-param: {@code false} turns the filter into a pass-through. Default {@code true}. */
    public static final String ENABLED = "enabled";
    /** Init-param: paths to include (servlet patterns or {@code ^regex}), comma-separated. Default: all. */
    public static final String INCLUDE_PATHS = "includePaths";
    /** Init-param: paths to exclude; replaces the defaults ({@link RequestMatcher#DEFAULT_EXCLUDED_PATHS}). */
    public static final String EXCLUDE_PATHS = "excludePaths";
    /** Init-param: HTTP methods to include. Default: all. */
    public static final String INCLUDE_METHODS = "includeMethods";
    /** Init-param: HTTP methods to exclude. Default: none. */
    public static final String EXCLUDE_METHODS = "excludeMethods";
    /** Init-param: request media types to include (e.g. {@code application/json}). Default: all. */
    public static final String INCLUDE_MIME_TYPES = "includeMimeTypes";
    /** Init-param: request media types to exclude. Default: none. */
    public static final String EXCLUDE_MIME_TYPES = "excludeMimeTypes";
    /**
     * Init-param: the most body bytes this filter buffers for analysis (e.g. {@code 65536}, {@code 64KiB},
     * {@code 1MB}); a larger body is skipped for this filter, never truncated, and still reaches the app whole.
     * Default {@value BodyCaptureConfig#DEFAULT_MAX_BYTES} (64 KiB). Each filter decides with its own cap, whatever
     * the order of the filters.
     */
    public static final String MAX_BODY_BYTES = "maxBodyBytes";
    /**
     * Init-param (or context-param {@value ConfigKeys#STRICT_CONTEXT_PARAM}): {@code true} makes an unknown
     * init-param fail start-up instead of logging a warning. Default {@code false}.
     */
    public static final String STRICT_CONFIG = "strictConfig";
    /**
     * Total time the filters may spend reading one request body before the app (default {@code 10s}): a stalled
     * or slow-drip upload fails then (the error filter answers 408) instead of holding a container thread for as
     * long as the client keeps dripping. The capture reads once for every filter, under the budget of the first.
     */
    public static final String BODY_READ_TIMEOUT = "bodyReadTimeout";

    /** Every common key. */
    public static final Set<String> KEYS = Set.of(ENABLED, INCLUDE_PATHS, EXCLUDE_PATHS, INCLUDE_METHODS,
            EXCLUDE_METHODS, INCLUDE_MIME_TYPES, EXCLUDE_MIME_TYPES, MAX_BODY_BYTES, STRICT_CONFIG, BODY_READ_TIMEOUT);

    private static final CommonSettings DEFAULTS = new CommonSettings(true, RequestMatcher.defaults(),
            BodyCaptureConfig.DEFAULT_MAX_BYTES, BodyCaptureConfig.DEFAULT_READ_BUDGET);

    /** Settings with the default body read budget. */
    public CommonSettings(boolean enabled, RequestMatcher matcher, int maxBodyBytes) {
        this(enabled, matcher, maxBodyBytes, BodyCaptureConfig.DEFAULT_READ_BUDGET);
    }

    public CommonSettings {
        Objects.requireNonNull(matcher, "matcher");
        bodyReadTimeout = bodyReadTimeout == null ? BodyCaptureConfig.DEFAULT_READ_BUDGET : bodyReadTimeout;
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("'" + BODY_READ_TIMEOUT + "' must be positive, got " + bodyReadTimeout);
        }
        if (maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("'" + MAX_BODY_BYTES + "' must be between 0 and 2 GiB, got "
                    + maxBodyBytes);
        }
    }

    /** Enabled, the default matcher, a 64 KiB body cap. */
    public static CommonSettings defaults() {
        return DEFAULTS;
    }

    /** The defaults overridden by {@code params}. */
    public static CommonSettings from(InitParams params) {
        return DEFAULTS.overriddenBy(params);
    }

    /** These settings with every common key present in {@code params} applied (the precedence rule above). */
    public CommonSettings overriddenBy(InitParams params) {
        boolean on = params.bool(ENABLED, enabled);
        long cap = params.bytes(MAX_BODY_BYTES, maxBodyBytes);
        if (cap > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("init-param '" + MAX_BODY_BYTES + "' must be below 2 GiB");
        }
        RequestMatcher m = matcher;
        if (params.string(INCLUDE_PATHS).isPresent() || params.string(EXCLUDE_PATHS).isPresent()
                || params.string(INCLUDE_METHODS).isPresent() || params.string(EXCLUDE_METHODS).isPresent()
                || params.string(INCLUDE_MIME_TYPES).isPresent() || params.string(EXCLUDE_MIME_TYPES).isPresent()) {
            m = new RequestMatcher(params.list(INCLUDE_PATHS, matcher.includedPaths()),
                    params.list(EXCLUDE_PATHS, matcher.excludedPaths()),
                    set(params, INCLUDE_METHODS, matcher.includedMethods()),
                    set(params, EXCLUDE_METHODS, matcher.excludedMethods()),
                    set(params, INCLUDE_MIME_TYPES, matcher.includedMediaTypes()),
                    set(params, EXCLUDE_MIME_TYPES, matcher.excludedMediaTypes()));
        }
        return new CommonSettings(on, m, (int) cap, params.duration(BODY_READ_TIMEOUT, bodyReadTimeout));
    }

    private static Set<String> set(InitParams params, String key, Set<String> current) {
        List<String> values = params.list(key);
        return params.string(key).isPresent() ? new HashSet<>(values) : current;
    }

    public CommonSettings withEnabled(boolean on) {
        return new CommonSettings(on, matcher, maxBodyBytes, bodyReadTimeout);
    }

    public CommonSettings withMatcher(RequestMatcher m) {
        return new CommonSettings(enabled, m, maxBodyBytes, bodyReadTimeout);
    }

    public CommonSettings withMaxBodyBytes(int bytes) {
        return new CommonSettings(enabled, matcher, bytes, bodyReadTimeout);
    }

    public CommonSettings withBodyReadTimeout(java.time.Duration budget) {
        return new CommonSettings(enabled, matcher, maxBodyBytes, budget);
    }
}
