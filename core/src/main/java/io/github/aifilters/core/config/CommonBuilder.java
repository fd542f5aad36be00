package io.github.aifilters.core.config;

import io.github.aifilters.core.filter.RequestMatcher;
import java.util.Objects;

/**
 * Base of every filter config's builder: the {@link CommonSettings} part and the one way init-params are applied.
 *
 * <p>{@link #apply(InitParams)} sets only the keys present in the params and keeps the builder's current value for
 * the others, so {@code Config.from(p)} is {@code builder().apply(p).build()} and a filter given a config in code
 * starts with {@code config.toBuilder().apply(params).build()}: an init-param wins over the value set in code, an
 * absent one keeps it (the precedence rule of {@link CommonSettings}).
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class CommonBuilder<B extends CommonBuilder<B>> {

    private CommonSettings common = CommonSettings.defaults();

    protected CommonBuilder() {
    }

    /** Replaces the common settings (enabled, matcher, body cap) at once. */
    public final B common(CommonSettings settings) {
        this.common = Objects.requireNonNull(settings, "settings");
        return self();
    }

    /** {@code false} turns the filter into a pass-through. Default {@code true}. */
    public final B enabled(boolean on) {
        return common(common.withEnabled(on));
    }

    /** Which requests the filter acts on. Default {@link RequestMatcher#defaults()}. */
    public final B matcher(RequestMatcher matcher) {
        return common(common.withMatcher(Objects.requireNonNull(matcher, "matcher")));
    }

    /** The most body bytes the filter buffers for analysis. Default 64 KiB. */
    public final B maxBodyBytes(int bytes) {
        return common(common.withMaxBodyBytes(bytes));
    }

    /** The common settings as set so far. */
    /** Total time the filters may spend reading one body ({@link CommonSettings#BODY_READ_TIMEOUT}). */
    public final B bodyReadTimeout(java.time.Duration budget) {
        return common(common.withBodyReadTimeout(budget));
    }

    public final CommonSettings common() {
        return common;
    }

    /** Sets every key present in {@code params} (common keys included); absent keys keep their current value. */
    public final B apply(InitParams params) {
        common = common.overriddenBy(params);
        applyOwn(params);
        return self();
    }

    /** Sets the filter's own keys present in {@code params}, each defaulting to the builder's current value. */
    protected abstract void applyOwn(InitParams params);

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
