package io.github.aifilters.core.engine;

import java.util.Objects;

/**
 * @param text the (not yet redacted) text to classify; engines redact before sending it anywhere
 * @param model the trained model with the allowed labels
 * @param escalateBelow ask the LLM (when configured) only if the embedded confidence is below this
 */
public record IntentQuery(String text, IntentModel model, double escalateBelow) {
    public IntentQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
    }
}
