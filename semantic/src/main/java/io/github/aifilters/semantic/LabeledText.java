package io.github.aifilters.semantic;

import java.util.Objects;

/** One training example: a sentence and the intent it expresses. */
public record LabeledText(String text, String intent) {

    public LabeledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
    }
}
