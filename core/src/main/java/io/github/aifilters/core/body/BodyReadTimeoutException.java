package io.github.aifilters.core.body;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The filters' read of a request body did not finish within its total time budget (a stalled or slow-drip upload).
 * It is the client's failure: the error filter answers 408. Thrown again, at once, to the app when it reads the
 * body afterwards, so the app does not wait out a second idle timeout.
 */
public final class BodyReadTimeoutException extends InterruptedIOException {

    private static final long serialVersionUID = 1L;

    public BodyReadTimeoutException(Duration budget) {
        super("request body not received within " + budget.toMillis() + " ms");
    }
}
