package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fp = new Fingerprinter(List.of("com.acme."), List.of(), 3);

    private static IllegalStateException thrownAt(String clazz, String method, int line, String message) {
        IllegalStateException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 209),
            new StackTraceElement(clazz, method, clazz + ".java", line),
            new StackTraceElement("com.acme.web.OrderController", "get", "OrderController.java", 12),
            new StackTraceElement("org.springframework.web.servlet.FrameworkServlet", "service", "F.java", 1)});
        return e;
    }

    @Test
    void ignoresMessagesIdsAndLineNumbers() {
        String a = fp.fingerprint(ErrorDescription.of(thrownAt("com.acme.Orders", "load", 10, "order 17 missing")),
                thrownAt("com.acme.Orders", "load", 10, "order 17 missing"));
        Throwable other = thrownAt("com.acme.Orders", "load", 99, "order 9f1c-77 missing at /tmp/x");
        String b = fp.fingerprint(ErrorDescription.of(other), other);
        assertThat(a).isEqualTo(b).matches("[0-9a-f]{16}");
    }

    @Test
    void differsByInAppFrameAndByRootCause() {
        Throwable t1 = thrownAt("com.acme.Orders", "load", 10, "x");
        Throwable t2 = thrownAt("com.acme.Orders", "save", 10, "x");
        assertThat(fp.fingerprint(ErrorDescription.of(t1), t1)).isNotEqualTo(fp.fingerprint(ErrorDescription.of(t2), t2));
        RuntimeException w1 = new RuntimeException("w", new java.sql.SQLException("a"));
        RuntimeException w2 = new RuntimeException("w", new java.net.ConnectException("a"));
        w1.setStackTrace(t1.getStackTrace());
        w2.setStackTrace(t1.getStackTrace());
        w1.getCause().setStackTrace(new StackTraceElement[0]);
        w2.getCause().setStackTrace(new StackTraceElement[0]);
        assertThat(fp.fingerprint(ErrorDescription.of(w1), w1)).isNotEqualTo(fp.fingerprint(ErrorDescription.of(w2), w2));
    }

    @Test
    void generatedNamesAreNormalised() {
        assertThat(Fingerprinter.normaliseFrame("com.acme.Svc$$SpringCGLIB$$0.find"))
                .isEqualTo("com.acme.Svc.find");
        assertThat(Fingerprinter.normaliseFrame("com.acme.Svc$$EnhancerBySpringCGLIB$$1a2b3c.find"))
                .isEqualTo("com.acme.Svc.find");
        assertThat(Fingerprinter.normaliseFrame("com.acme.Svc.lambda$find$3")).isEqualTo("com.acme.Svc.lambda$find");
        assertThat(Fingerprinter.normaliseFrame("com.acme.Svc$$Lambda$123/0x0000000800c4b040.apply"))
                .isEqualTo("com.acme.Svc$$Lambda.apply");
        assertThat(Fingerprinter.normaliseFrame("java.base/java.util.Optional.get")).isEqualTo("java.util.Optional.get");
        assertThat(Fingerprinter.normaliseClass("jdk.proxy2.$Proxy87")).isEqualTo("jdk.proxy2.$Proxy");
    }

    @Test
    void descriptionsUseInAppFramesElseTopFrames() {
        Fingerprinter defaults = new Fingerprinter();
        ErrorDescription d1 = new ErrorDescription("java.lang.NullPointerException", "a", null,
                List.of("java.util.Objects.requireNonNull", "com.acme.Orders.load", "org.eclipse.jetty.Server.handle"),
                null);
        ErrorDescription d2 = new ErrorDescription("java.lang.NullPointerException", "b", null,
                List.of("java.util.Objects.requireNonNull", "com.acme.Orders.load", "org.eclipse.jetty.Other.x"), null);
        assertThat(defaults.fingerprint(d1, null)).isEqualTo(defaults.fingerprint(d2, null));
        ErrorDescription noFrames = new ErrorDescription("java.lang.NullPointerException", "b", null, null, null);
        assertThat(defaults.fingerprint(noFrames, null)).isNotEqualTo(defaults.fingerprint(d1, null));
        assertThat(defaults.isInApp("com.acme.Orders.load")).isTrue();
        assertThat(defaults.isInApp("org.springframework.web.servlet.DispatcherServlet.doDispatch")).isFalse();
    }

    @Test
    void statusFingerprintsDependOnStatusAndRoute() {
        assertThat(fp.fingerprintOfStatus(503, "/a")).isEqualTo(fp.fingerprintOfStatus(503, "/a"))
                .isNotEqualTo(fp.fingerprintOfStatus(500, "/a")).isNotEqualTo(fp.fingerprintOfStatus(503, "/b"));
    }
}
