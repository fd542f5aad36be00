package io.github.aifilters.filters.intent.internal;

/** An intents file that cannot be read or is invalid; the message names the file, line and problem. */
public class IntentsFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public IntentsFileException(String message) {
        super(message);
    }

    public IntentsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
