package io.github.aifilters.core.body;

import java.util.Optional;

/**
 * What a filter got when it asked for the body before the app.
 *
 * @param outcome why there is, or is not, a body to analyse
 * @param body the body, present only when {@code outcome == CAPTURED}
 */
public record BodyRead(Outcome outcome, Optional<CapturedBody> body) {

    /** Why a body is or is not available for analysis. */
    public enum Outcome {
        /** Buffered whole, within the cap. */
        CAPTURED,
        /** No body (no bytes, or a method without one). */
        EMPTY,
        /** Larger than the cap: filters skip analysis, the app still receives every byte. */
        OVER_CAP,
        /** A type never buffered (multipart, octet-stream, event-stream, unknown binary). */
        NOT_CAPTURABLE,
        /** The app (or a filter that did not share) read the stream first. */
        ALREADY_CONSUMED,
        /** Reading failed (client aborted, timeout, time budget spent): the app will see the same failure at once. */
        READ_FAILED,
        /**
         * Not read: the app declared its routes and none matches this request, so the app will answer (404/405)
         * without the body; reading it first would only let a slow upload hold a thread. The body stays unread.
         */
        UNROUTED
    }

    public static BodyRead of(Outcome outcome) {
        return new BodyRead(outcome, Optional.empty());
    }

    static BodyRead captured(CapturedBody body) {
        return new BodyRead(Outcome.CAPTURED, Optional.of(body));
    }

    public boolean isCaptured() {
        return outcome == Outcome.CAPTURED;
    }
}
