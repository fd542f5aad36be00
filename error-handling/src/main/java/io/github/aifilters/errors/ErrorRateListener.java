package io.github.aifilters.errors;

/**
 * Receives early warnings of rising error rates. The monitoring module (or the app) publishes one as the
 * servlet-context attribute {@value #ATTRIBUTE}; the filter looks it up at warning time, so it may be set at any
 * moment. Called on a request thread: implementations must return quickly and not throw.
 */
@FunctionalInterface
public interface ErrorRateListener {

    /** Servlet-context attribute under which a listener is published. */
    String ATTRIBUTE = "io.github.aifilters.errors.errorRateListener";

    void onErrorRateWarning(ErrorRateWarning warning);
}
