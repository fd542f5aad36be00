package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.redact.DefaultRedactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The stack trace of the error event: printStackTrace's layout, redacted. */
class StackTraceTextTest {

    private final ErrorEventLogger logger = new ErrorEventLogger("test.events", DefaultRedactor.defaults());

    @Test
    void foldsTheFramesACauseSharesWithItsEnclosingTraceAsPrintStackTraceDoes() {
        Throwable t = failure();
        String ours = logger.stackTrace(t);
        StringWriter jdk = new StringWriter();
        t.printStackTrace(new PrintWriter(jdk));
        // the JDK also prints module and class-loader prefixes ("java.base/"); the rest of each line is the same
        String expected = jdk.toString().replaceAll("\tat [\\w.$]+/(?:[\\w.$-]+/)?", "\tat ")
                .replaceAll("\tat [\\w.$-]+//", "\tat ").replace("\r", "")
                .replace("password=hunter2", "password=" + io.github.aifilters.core.redact.Redactor.MASK);
        assertThat(ours.lines().toList()).isEqualTo(expected.lines().toList());
        assertThat(ours).contains("Caused by: java.lang.IllegalStateException").containsPattern("\t\\.\\.\\. \\d+ more");
        assertThat(ours).doesNotContain("hunter2");
    }

    @Test
    void aCycleInTheCauseChainEndsTheTrace() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(logger.stackTrace(a)).contains("[CIRCULAR REFERENCE: java.lang.RuntimeException]");
    }

    private static Throwable failure() {
        try {
            inner();
            return null;
        } catch (IllegalStateException e) {
            return new RuntimeException("request failed", e);
        }
    }

    private static void inner() {
        throw new IllegalStateException("connect failed: password=hunter2");
    }
}
