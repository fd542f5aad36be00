package io.github.aifilters.errors;

/** Categorises and explains errors offline. The embedded engine delegates to one. */
public interface ErrorAnalyser {
    ErrorAnalysis analyse(ErrorDescription description, Throwable throwable);
}
