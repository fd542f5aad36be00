package io.github.aifilters.semantic.internal;

/** One model call, without cache or bounds: what {@link CachingBoundedEncoder} wraps (and tests replace). */
public interface RawEncoder extends AutoCloseable {

    float[] encode(String text);

    int dimension();

    String name();

    @Override
    void close();
}
