package io.github.aifilters.errors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups occurrences of the same bug, as Sentry does: SHA-256 over the exception type, the root cause type and the
 * top in-app frames ({@code package.Class.method}), truncated to 16 hex characters. Never hashed: line numbers,
 * messages, ids, paths, proxy/lambda serial numbers - so the fingerprint is stable across restarts and across deploys
 * that do not touch those frames.
 *
 * <p>In-app frames: those in {@code inAppPackages} when configured, else every frame outside
 * {@code frameworkPackages}. With no in-app frame at all, the top frames are used as they are.
 */
public final class Fingerprinter {

    /** Frames in these packages are framework or library code, not the app's (default when no in-app list). */
    public static final List<String> DEFAULT_FRAMEWORK_PACKAGES = List.of("java.", "javax.", "jakarta.", "sun.",
            "jdk.", "com.sun.", "org.eclipse.jetty.", "org.apache.catalina.", "org.apache.coyote.",
            "org.apache.tomcat.", "org.springframework.", "io.undertow.", "org.glassfish.", "org.jboss.", "io.netty.",
            "reactor.", "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.", "org.hibernate.",
            "com.fasterxml.", "org.slf4j.", "ch.qos.logback.", "io.micrometer.", "com.zaxxer.", "org.postgresql.",
            "com.mysql.", "feign.", "okhttp3.", "io.grpc.", "org.apache.", "com.google.", "net.bytebuddy.",
            "org.aspectj.", "io.opentelemetry.", "io.github.resilience4j.", "io.github.aifilters.", "org.junit.",
            "com.github.benmanes.caffeine.", "software.amazon.", "com.amazonaws.", "io.lettuce.", "redis.clients.",
            "com.mongodb.", "org.mongodb.", "io.jsonwebtoken.", "io.micronaut.", "io.quarkus.", "io.vertx.");

    /** How many in-app frames are hashed by default. */
    public static final int DEFAULT_FRAMES = 3;

    private static final Pattern LAMBDA_SERIAL = Pattern.compile("\\$\\$Lambda.*|\\$Lambda.*");
    private static final Pattern GENERATED = Pattern.compile("\\$\\$(EnhancerBy|FastClassBy|SpringCGLIB|Proxy|ByteBuddy|"
            + "HibernateProxy|_jvst|Weld).*|\\$HibernateProxy\\$.*|\\$ByteBuddy\\$.*");
    private static final Pattern PROXY_NUMBER = Pattern.compile("\\$Proxy\\d+");
    private static final Pattern ACCESSOR_NUMBER = Pattern.compile("(GeneratedMethodAccessor|"
            + "GeneratedConstructorAccessor|GeneratedSerializationConstructorAccessor)\\d+");
    private static final Pattern LAMBDA_METHOD = Pattern.compile("(lambda\\$.*?)\\$\\d+$");
    private static final Pattern MODULE_PREFIX = Pattern.compile("^[\\w.-]+(@[\\w.-]+)?/");

    private final List<String> inAppPackages;
    private final List<String> frameworkPackages;
    private final int frames;

    public Fingerprinter() {
        this(List.of(), DEFAULT_FRAMEWORK_PACKAGES, DEFAULT_FRAMES);
    }

    /**
     * @param inAppPackages package prefixes of the app (empty: everything outside {@code frameworkPackages})
     * @param frameworkPackages package prefixes never counted as in-app
     * @param frames how many in-app frames to hash (at least 1)
     */
    public Fingerprinter(List<String> inAppPackages, List<String> frameworkPackages, int frames) {
        this.inAppPackages = List.copyOf(inAppPackages);
        this.frameworkPackages = List.copyOf(frameworkPackages);
        if (frames < 1) {
            throw new IllegalArgumentException("fingerprint frames must be at least 1, got " + frames);
        }
        this.frames = frames;
    }

    /** The fingerprint of a described error; with the live throwable, the root cause's frames count first. */
    public String fingerprint(ErrorDescription d, Throwable t) {
        List<String> selected = t != null ? liveFrames(t) : selectFrames(d.frames());
        StringBuilder sb = new StringBuilder(256).append("v1|").append(normaliseClass(d.exception()))
                .append('|').append(normaliseClass(d.rootException()));
        for (String f : selected) {
            sb.append('|').append(f);
        }
        return sha256(sb.toString());
    }

    /** The fingerprint of a plain {@code sendError(status)}: status and route template, there is no stack. */
    public String fingerprintOfStatus(int status, String routeTemplate) {
        return sha256("v1|sendError|" + status + "|" + routeTemplate);
    }

    /** Whether a frame ({@code package.Class.method}) is the app's own code. */
    public boolean isInApp(String frame) {
        String f = frame.indexOf('/') >= 0 ? MODULE_PREFIX.matcher(frame).replaceFirst("") : frame;
        return isInApp(f, null);
    }

    /**
     * Whether {@code cls + "." + method} (or {@code cls} alone when method is null) starts with an in-app prefix, or
     * with no framework prefix; decided without building the frame string, since a live stack has ~100 frames of
     * which only the top few in-app ones are kept. The prefix lists are plain {@code startsWith} checks on the
     * frame, as before; no regex runs per frame.
     */
    private boolean isInApp(String cls, String method) {
        if (!inAppPackages.isEmpty()) {
            for (String p : inAppPackages) {
                if (frameStartsWith(cls, method, p)) {
                    return true;
                }
            }
            return false;
        }
        for (String p : frameworkPackages) {
            if (frameStartsWith(cls, method, p)) {
                return false;
            }
        }
        return true;
    }

    /** {@code (cls + "." + method).startsWith(p)}, or {@code cls.startsWith(p)} when method is null. */
    private static boolean frameStartsWith(String cls, String method, String p) {
        int cl = cls.length();
        if (method == null || p.length() <= cl) {
            return cls.startsWith(p);
        }
        return p.startsWith(cls) && p.charAt(cl) == '.' && method.startsWith(p.substring(cl + 1));
    }

    private List<String> liveFrames(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c) && chain.size() < 17; c = c.getCause()) {
            seen.put(c, true);
            chain.add(c);
        }
        // Root cause first: the bug is where the innermost exception was thrown; the wrapper's frames follow.
        Set<String> out = new LinkedHashSet<>();
        for (int i = chain.size() - 1; i >= 0 && out.size() < frames; i--) {
            for (StackTraceElement e : chain.get(i).getStackTrace()) {
                String cls = e.getClassName();
                // A module prefix can only come with a '/', which a plain class name never holds: then the
                // frame is checked as a string as before; otherwise without building it.
                boolean inApp = cls.indexOf('/') >= 0 ? isInApp(cls + "." + e.getMethodName())
                        : isInApp(cls, e.getMethodName());
                if (inApp) {
                    out.add(normaliseFrame(cls + "." + e.getMethodName()));
                    if (out.size() >= frames) {
                        break;
                    }
                }
            }
        }
        if (out.isEmpty()) {
            StackTraceElement[] top = chain.get(chain.size() - 1).getStackTrace();
            for (int i = 0; i < top.length && out.size() < frames; i++) {
                out.add(normaliseFrame(top[i].getClassName() + "." + top[i].getMethodName()));
            }
        }
        return List.copyOf(out);
    }

    private List<String> selectFrames(List<String> all) {
        List<String> out = new ArrayList<>(frames);
        for (String f : all) {
            if (f != null && isInApp(f)) {
                out.add(normaliseFrame(f));
                if (out.size() >= frames) {
                    return out;
                }
            }
        }
        if (out.isEmpty()) {
            for (int i = 0; i < all.size() && out.size() < frames; i++) {
                if (all.get(i) != null) {
                    out.add(normaliseFrame(all.get(i)));
                }
            }
        }
        return out;
    }

    /** Drops module prefixes, proxy/lambda/accessor serial numbers and lambda indexes from a frame. */
    static String normaliseFrame(String frame) {
        // Each regex runs only when the text holds what it needs ('/', "lambda$", '$' or "Generated").
        String f = frame.indexOf('/') >= 0 ? MODULE_PREFIX.matcher(frame).replaceFirst("") : frame;
        int dot = f.lastIndexOf('.');
        if (dot <= 0) {
            return f;
        }
        String cls = f.substring(0, dot);
        String method = f.substring(dot + 1);
        String normalisedMethod = method.contains("lambda$") ? LAMBDA_METHOD.matcher(method).replaceFirst("$1") : method;
        String normalisedClass = normaliseClass(cls);
        if (normalisedMethod.equals(method) && normalisedClass.equals(cls)) {
            return f;
        }
        return normalisedClass + "." + normalisedMethod;
    }

    static String normaliseClass(String className) {
        if (className == null) {
            return "";
        }
        if (className.indexOf('$') < 0 && !className.contains("Generated")) {
            return className; // no lambda, proxy, generated or accessor name: every pattern below needs one of these
        }
        String c = LAMBDA_SERIAL.matcher(className).replaceFirst("\\$\\$Lambda");
        c = GENERATED.matcher(c).replaceFirst("");
        c = PROXY_NUMBER.matcher(c).replaceAll("\\$Proxy");
        return ACCESSOR_NUMBER.matcher(c).replaceAll("$1");
    }

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
