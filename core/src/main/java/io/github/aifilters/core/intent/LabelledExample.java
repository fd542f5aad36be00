package io.github.aifilters.core.intent;

import java.util.Objects;

/** One example sentence of the intents file and the intent it belongs to: what a tier trains on. */
public record LabelledExample(String text, String intent) {

    public LabelledExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
    }
}
