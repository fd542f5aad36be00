package io.github.aifilters.errors;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exception as text: what an error filter sees, or what a log line tells. Classes need not be on the classpath.
 *
 * @param exception fully qualified class name of the outermost exception
 * @param message its message (may be null; never shown to clients)
 * @param causes the cause chain, outermost first (excluding the outermost exception itself)
 * @param frames top stack frames as {@code package.Class.method}, innermost call first
 * @param declaredStatus an HTTP status the exception carries itself (e.g. a ResponseStatusException), or null
 */
public record ErrorDescription(String exception, String message, List<Cause> causes, List<String> frames,
                               Integer declaredStatus) {

    /** How many stack frames are kept from a throwable. */
    public static final int MAX_FRAMES = 30;

    public ErrorDescription {
        causes = causes == null ? List.of() : List.copyOf(causes);
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    /**
     * @param exception fully qualified class name
     * @param message message, may be null
     */
    public record Cause(String exception, String message) {
    }

    /** The innermost cause's class name, or the exception's own when there is no cause. */
    public String rootException() {
        return causes.isEmpty() ? exception : causes.get(causes.size() - 1).exception();
    }

    /** Describes a live throwable: class names, messages, cause chain (cycle-safe) and top frames. */
    public static ErrorDescription of(Throwable t) {
        List<Cause> causes = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        seen.put(t, true);
        Throwable c = t.getCause();
        while (c != null && !seen.containsKey(c) && causes.size() < 16) {
            seen.put(c, true);
            causes.add(new Cause(c.getClass().getName(), c.getMessage()));
            c = c.getCause();
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            if (frames.size() >= MAX_FRAMES) {
                break;
            }
            frames.add(e.getClassName() + "." + e.getMethodName());
        }
        return new ErrorDescription(t.getClass().getName(), t.getMessage(), causes, frames, null);
    }
}
