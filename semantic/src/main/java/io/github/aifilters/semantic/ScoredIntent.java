package io.github.aifilters.semantic;

/** An intent and the classifier's probability for it (the scores of one prediction sum to at most 1). */
public record ScoredIntent(String intent, double score) {
}
