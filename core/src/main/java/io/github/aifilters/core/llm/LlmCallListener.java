package io.github.aifilters.core.llm;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told about every gateway call (e.g. by the monitoring module, to account AI cost per call and per day). Called on
 * the caller's thread after the answer is known — or, for a {@link LlmOutcome#LATE} reply (one that arrived after its
 * caller was released; it carries the tokens and cost of a call already told as {@link LlmOutcome#TIMEOUT}), on a
 * gateway worker thread. Implementations must be fast, thread-safe and must not block; an exception thrown by a
 * listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface LlmCallListener {

    void onCall(LlmCallEvent event);

    /** A listener that does nothing. */
    static LlmCallListener none() {
        return event -> { };
    }

    /** Tells every listener, in order; one failing listener does not stop the others. */
    static LlmCallListener composite(List<? extends LlmCallListener> listeners) {
        List<LlmCallListener> copy = List.copyOf(listeners);
        return event -> {
            for (LlmCallListener l : copy) {
                notifySafely(l, event);
            }
        };
    }

    /** Calls one listener, swallowing (and logging) whatever it throws. */
    static void notifySafely(LlmCallListener listener, LlmCallEvent event) {
        try {
            listener.onCall(event);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LlmCallListener.class)
                    .warn("LLM call listener {} failed: {}", listener.getClass().getName(), e.getClass().getName());
        }
    }
}
