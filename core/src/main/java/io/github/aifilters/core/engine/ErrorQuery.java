package io.github.aifilters.core.engine;

import java.util.Objects;

/**
 * @param description the error, as text
 * @param throwable the live throwable when there is one (lets the embedded analyser walk the class hierarchy), or null
 * @param escalate whether the LLM may be asked (when configured). Error filters ask off the request thread only.
 */
public record ErrorQuery(ErrorDescription description, Throwable throwable, boolean escalate) {
    public ErrorQuery {
        Objects.requireNonNull(description, "description");
    }
}
