package io.github.aifilters.core.body;

/**
 * Limits for body capture, shared by every filter that reads bodies.
 *
 * @param maxBytes hard cap on bytes a filter may buffer before the app reads the body (default 64 KiB)
 */
public record BodyCaptureConfig(int maxBytes) {

    /** Default cap: 64 KiB. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    /**
     * Default total time the filters may spend reading one body: 10 s. A slow-drip upload (a byte a second stays
     * under every idle timeout) cannot hold a container thread in a filter beyond it.
     */
    public static final java.time.Duration DEFAULT_READ_BUDGET = java.time.Duration.ofSeconds(10);

    public static final BodyCaptureConfig DEFAULT = new BodyCaptureConfig(DEFAULT_MAX_BYTES);

    public BodyCaptureConfig {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0");
        }
    }
}
