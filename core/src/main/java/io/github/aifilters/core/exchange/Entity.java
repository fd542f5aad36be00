package io.github.aifilters.core.exchange;

/**
 * An entity found in text.
 *
 * @param type e.g. {@code email}, {@code url}, {@code number}, {@code money}, {@code date}, {@code uuid},
 *             {@code phone}, or a gazetteer name
 * @param text the matched text, as it appears
 * @param value a normalised value (ISO date, decimal number, lower-cased e-mail …)
 * @param start offset of the first character (inclusive)
 * @param end offset after the last character (exclusive)
 */
public record Entity(String type, String text, String value, int start, int end) {
}
