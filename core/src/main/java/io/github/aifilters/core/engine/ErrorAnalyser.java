package io.github.aifilters.core.engine;

/** Categorises and explains errors offline. The embedded engine delegates to one. */
public interface ErrorAnalyser {
    ErrorAnalysis analyse(ErrorDescription description, Throwable throwable);
}
