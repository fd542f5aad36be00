package io.github.aifilters.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.redact.Redactor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes exactly one structured log event per error through SLF4J 2's key-value API, so that a JSON encoder
 * (logback's {@code JsonEncoder}, logstash-logback-encoder...) emits one JSON line with every field. errorId and
 * fingerprint also go to the MDC for the duration of the call, for pattern layouts. Everything is redacted: the
 * stack trace is rendered here, with redacted messages, instead of handing the raw throwable to the backend.
 */
final class ErrorEventLogger {

    /** Bounds of the rendered stack trace. */
    static final int MAX_STACK_CHARS = 32_768;
    static final int MAX_FRAMES_PER_THROWABLE = 256;
    /** A client chooses its User-Agent: one line of the log must not be its to fill. */
    static final int MAX_USER_AGENT = 512;

    private final Logger log;
    private final Redactor redactor;
    private final ObjectMapper mapper = new ObjectMapper();

    ErrorEventLogger(String loggerName, Redactor redactor) {
        this.log = LoggerFactory.getLogger(loggerName);
        this.redactor = redactor;
    }

    /** One error, as the filter saw it. */
    record Event(String errorId, FingerprintSnapshot group, ErrorAnalysis analysis, String method, String route,
                 String path, String userAgent, String remoteAddr, Map<String, List<String>> headers,
                 boolean committed, boolean answered, String origin, String exception, String message,
                 Throwable throwable) {
    }

    void log(Event e) {
        // A 501 is the app's own answer to a method it does not implement, not a failure to page anyone about.
        boolean serious = e.analysis().status() >= 500
                && !ErrorCategories.NOT_IMPLEMENTED.equals(e.analysis().category());
        if (serious ? !log.isErrorEnabled() : !log.isWarnEnabled()) {
            return; // the app switched the events off: render nothing
        }
        LoggingEventBuilder b = serious ? log.atError() : log.atWarn();
        ErrorAnalysis a = e.analysis();
        b.addKeyValue("errorId", e.errorId())
                .addKeyValue("fingerprint", e.group().fingerprint())
                .addKeyValue("occurrences", e.group().count())
                .addKeyValue("category", a.category())
                .addKeyValue("status", a.status())
                .addKeyValue("severity", a.severity())
                .addKeyValue("method", e.method())
                .addKeyValue("route", e.route())
                .addKeyValue("path", redactor.redactText(e.path()))
                .addKeyValue("remoteAddr", e.remoteAddr())
                .addKeyValue("headers", json(redactor.redactHeaders(e.headers())))
                .addKeyValue("committed", e.committed())
                .addKeyValue("answered", e.answered())
                .addKeyValue("origin", e.origin())
                .addKeyValue("exception", e.exception())
                .addKeyValue("rootException", e.group().rootException())
                .addKeyValue("probableCause", a.probableCause())
                .addKeyValue("suggestedActions", json(a.suggestedActions()))
                .addKeyValue("analysisConfidence", a.confidence())
                .addKeyValue("analysisSource", a.source().name());
        if (e.message() != null) {
            b.addKeyValue("errorMessage", redactor.redactText(e.message()));
        }
        if (e.userAgent() != null) {
            // Left out when the client sent none: a JSON encoder would write the value as the string "null".
            b.addKeyValue("userAgent", redactor.redactText(cap(e.userAgent(), MAX_USER_AGENT)));
        }
        ErrorAnalysis llm = e.group().llmAnalysis();
        if (llm != null) {
            b.addKeyValue("llmProbableCause", llm.probableCause())
                    .addKeyValue("llmSuggestedActions", json(llm.suggestedActions()))
                    .addKeyValue("llmDocs", json(llm.docs()));
        }
        if (e.throwable() != null) {
            b.addKeyValue("stackTrace", stackTrace(e.throwable()));
        }
        String text = "Error " + e.errorId() + " [" + a.category() + "/" + a.status() + "] " + e.method() + " "
                + e.route() + ": " + e.exception() + " (occurrence " + e.group().count() + " of "
                + e.group().fingerprint() + ")" + (e.committed() ? " - response already committed, logged only" : "");
        MDC.put("errorId", e.errorId());
        MDC.put("fingerprint", e.group().fingerprint());
        try {
            b.log(text);
        } finally {
            MDC.remove("errorId");
            MDC.remove("fingerprint");
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            return String.valueOf(value);
        }
    }

    /**
     * The stack trace as {@code printStackTrace} writes it — a cause's frames shared with the trace that encloses it
     * folded into "... n more" — with messages redacted, bounded. Frames are written by hand: {@code
     * StackTraceElement.toString()} resolves class-loader and module names for every frame, which made the trace the
     * costliest part of an error's handling.
     */
    String stackTrace(Throwable t) {
        StringBuilder sb = new StringBuilder(4096);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        append(sb, t, "", new StackTraceElement[0], seen);
        return sb.length() > MAX_STACK_CHARS ? sb.substring(0, MAX_STACK_CHARS) + "\n\t... (truncated)" : sb.toString();
    }

    private void append(StringBuilder sb, Throwable t, String prefix, StackTraceElement[] enclosing,
                        Map<Throwable, Boolean> seen) {
        if (seen.containsKey(t)) {
            sb.append("\t[CIRCULAR REFERENCE: ").append(t.getClass().getName()).append("]\n");
            return;
        }
        seen.put(t, true);
        sb.append(prefix).append(t.getClass().getName());
        String msg = t.getMessage();
        if (msg != null) {
            sb.append(": ").append(redactor.redactText(msg));
        }
        sb.append('\n');
        StackTraceElement[] frames = t.getStackTrace();
        int inCommon = framesInCommon(frames, enclosing);
        int own = frames.length - inCommon;
        int n = Math.min(own, MAX_FRAMES_PER_THROWABLE);
        for (int i = 0; i < n && sb.length() < MAX_STACK_CHARS; i++) {
            appendFrame(sb, frames[i]);
        }
        if (frames.length > n) {
            sb.append("\t... ").append(frames.length - n).append(" more\n");
        }
        for (Throwable s : t.getSuppressed()) {
            if (sb.length() < MAX_STACK_CHARS) {
                append(sb, s, "Suppressed: ", frames, seen);
            }
        }
        if (t.getCause() != null && sb.length() < MAX_STACK_CHARS) {
            append(sb, t.getCause(), "Caused by: ", frames, seen);
        }
    }

    /** How many frames at the bottom of {@code frames} the enclosing trace has too (printStackTrace's rule). */
    private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int e = enclosing.length - 1;
        while (m >= 0 && e >= 0 && frames[m].equals(enclosing[e])) {
            m--;
            e--;
        }
        return frames.length - 1 - m;
    }

    private static void appendFrame(StringBuilder sb, StackTraceElement f) {
        sb.append("\tat ").append(f.getClassName()).append('.').append(f.getMethodName()).append('(');
        if (f.isNativeMethod()) {
            sb.append("Native Method");
        } else if (f.getFileName() == null) {
            sb.append("Unknown Source");
        } else {
            sb.append(f.getFileName());
            if (f.getLineNumber() >= 0) {
                sb.append(':').append(f.getLineNumber());
            }
        }
        sb.append(")\n");
    }

    Logger logger() {
        return log;
    }

    private static String cap(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
