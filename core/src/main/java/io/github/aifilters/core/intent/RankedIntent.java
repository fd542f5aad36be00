package io.github.aifilters.core.intent;

/**
 * One intent of a ranking and its score in [0, 1] (the engine's probability that it is the right one).
 *
 * @param intent the intent name
 * @param score  its score; a ranking lists intents by decreasing score
 */
public record RankedIntent(String intent, double score) {
}
