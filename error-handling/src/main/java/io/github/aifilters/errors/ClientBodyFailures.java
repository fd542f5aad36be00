package io.github.aifilters.errors;

import io.github.aifilters.core.body.BodyCapturingRequest;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells a failure of the client's upload (truncated body, malformed chunking, a body that stalled or dripped past
 * the read budget) from a failure of the app or of what it calls.
 *
 * <p>Why: the app meets a client's broken upload as an exception from its own body read (Jetty's
 * {@code HttpEofException}, Tomcat's {@code ClientAbortException}, a {@code java.io.EOFException} or a timeout,
 * usually wrapped by a JSON parser or the app), and the analyser, seeing "EOF"/"timeout" from I/O, took it for an
 * upstream outage: 502, severity high, Retry-After. Any client could mint those at will. These are the client's:
 * 400 when the body is truncated or malformed, 408 when it timed out; not an error of the app, not logged as one.
 *
 * <p>Recognised by the whole cause chain: a throwable the body capture recorded as its read failure (the app's read
 * rethrows that very instance), a class (or superclass) named as a request-body failure by the containers, or an
 * {@code EOFException}/timeout thrown from a request input stream (looked up in its stack frames), so an EOF from a
 * database socket stays the app's.
 */
public final class ClientBodyFailures {

    /** What the client did wrong, and the status that says so. */
    public enum Kind {
        /** The body ended early or its framing (chunk sizes) is broken. */
        MALFORMED(400, "incomplete-body", "Incomplete request body",
                "The request body ended before its declared length or was not correctly framed."),
        /** The body did not arrive in time (stalled, or dripped past the read budget). */
        TIMED_OUT(408, "request-timeout", "Request body timeout",
                "The request body was not received in time.");

        private final int status;
        private final String type;
        private final String title;
        private final String detail;

        Kind(int status, String type, String title, String detail) {
            this.status = status;
            this.type = type;
            this.title = title;
            this.detail = detail;
        }

        public int status() {
            return status;
        }

        /** The problem document: fixed texts, nothing of the request echoed. */
        public Problem problem(String instance) {
            return Problem.builder(ProblemTypes.of(type), title, status).detail(detail).instance(instance).build();
        }
    }

    /** Server-side classes that only ever mean "the request's bytes did not come right" (simple names). */
    private static final Set<String> BODY_FAILURE_CLASSES = Set.of("HttpEofException", "ClientAbortException",
            "BodyReadTimeoutException");

    /**
     * Classes that mean it only when thrown reading the request: Jetty's HTTP client throws the same
     * {@code EofException}/{@code BadMessageException} when an upstream misbehaves, and that is the app's failure.
     */
    private static final Set<String> AMBIGUOUS_CLASSES = Set.of("EofException", "BadMessageException",
            "BadRequestException", "EOFException");

    /** Frames of request-body reading, per container (and our capture); where an ambiguous I/O failure was thrown. */
    private static final String[] REQUEST_INPUT_FRAMES = {
        "org.eclipse.jetty.server.HttpStream", "org.eclipse.jetty.server.internal.HttpChannelState$ChannelRequest",
        "org.eclipse.jetty.ee10.servlet.HttpInput", "org.eclipse.jetty.ee11.servlet.HttpInput",
        "org.eclipse.jetty.ee9.nested.HttpInput", "org.eclipse.jetty.server.HttpInput",
        "org.apache.catalina.connector.InputBuffer", "org.apache.catalina.connector.CoyoteInputStream",
        "org.apache.coyote.http11.Http11InputBuffer", "org.apache.coyote.http11.filters.ChunkedInputFilter",
        "io.undertow.servlet.spec.ServletInputStreamImpl", "io.github.aifilters.core.body.BodyCapturingRequest",
    };

    private static final int MAX_DEPTH = 16;
    private static final int TOP_FRAMES = 12;

    private ClientBodyFailures() {
    }

    /** The client's failure {@code t} stands for, if it is one. */
    public static Optional<Kind> classify(HttpServletRequest request, Throwable t) {
        if (t == null) {
            return Optional.empty();
        }
        IOException recorded = request == null ? null
                : BodyCapturingRequest.find(request).flatMap(BodyCapturingRequest::readFailure).orElse(null);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean client = false;
        boolean timeout = false;
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH && seen.put(c, Boolean.TRUE) == null;
             c = c.getCause(), depth++) {
            boolean timeoutClass = isTimeout(c);
            if (c == recorded || named(c, BODY_FAILURE_CLASSES)
                    || (named(c, AMBIGUOUS_CLASSES) || timeoutClass) && thrownReadingRequest(c)) {
                client = true;
            }
            timeout |= timeoutClass || c.getClass().getSimpleName().equals("BodyReadTimeoutException");
        }
        if (!client) {
            return Optional.empty();
        }
        return Optional.of(timeout ? Kind.TIMED_OUT : Kind.MALFORMED);
    }

    private static boolean named(Throwable t, Set<String> names) {
        for (Class<?> k = t.getClass(); k != null && k != Throwable.class; k = k.getSuperclass()) {
            if (names.contains(k.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                || t instanceof java.io.InterruptedIOException;
    }

    private static boolean thrownReadingRequest(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.eclipse.jetty.client.")) {
                return false; // an HTTP client's read of an upstream answer, whatever else is on the stack
            }
        }
        // Only where it was thrown: the top frames. Deeper down every request thread runs through the container's
        // connection and channel classes, whatever the app was doing when it failed.
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, TOP_FRAMES); i++) {
            String cls = frames[i].getClassName();
            for (String prefix : REQUEST_INPUT_FRAMES) {
                if (cls.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
