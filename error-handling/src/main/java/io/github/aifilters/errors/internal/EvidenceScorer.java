package io.github.aifilters.errors.internal;

import static io.github.aifilters.errors.internal.ErrorSignals.AUTHENTICATION;
import static io.github.aifilters.errors.internal.ErrorSignals.AUTHORIZATION;
import static io.github.aifilters.errors.internal.ErrorSignals.DATABASE;
import static io.github.aifilters.errors.internal.ErrorSignals.EXTERNAL;
import static io.github.aifilters.errors.internal.ErrorSignals.INTERNAL;
import static io.github.aifilters.errors.internal.ErrorSignals.N;
import static io.github.aifilters.errors.internal.ErrorSignals.NOT_FOUND;
import static io.github.aifilters.errors.internal.ErrorSignals.RATE_LIMIT;
import static io.github.aifilters.errors.internal.ErrorSignals.VALIDATION;

import io.github.aifilters.core.internal.IgnoreCaseSearch;
import io.github.aifilters.errors.ErrorDescription;
import io.github.aifilters.errors.internal.ErrorSignals.Signal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weighted evidence scorer. Every link of the cause chain contributes features from its class (exact name, live
 * ancestors, package, simple-name fragments) and its message (phrases, HTTP status codes, SQLSTATEs, gRPC codes); the
 * outermost exception's top frames add a little. Each link's weight depends on its position: the root cause counts
 * most (it usually says what really failed), then the outermost exception (what the app decided to throw), then the
 * links in between; pure wrappers ({@code ServletException}, {@code ExecutionException}) hardly count by name.
 * Internal starts with a prior, so weak evidence does not move an error out of "internal".
 */
final class EvidenceScorer {

    static final double INTERNAL_PRIOR = 1.5;
    static final double ROOT_WEIGHT = 1.3;
    static final double OUTER_WEIGHT = 1.0;
    static final double MIDDLE_WEIGHT = 0.7;
    static final double WRAPPER_NAME_FACTOR = 0.15;
    static final double ANCESTOR_DECAY = 0.75;
    static final int MAX_MESSAGE = 600;
    static final int MAX_FRAMES = 3;
    static final double[] FRAME_WEIGHTS = {1.0, 0.6, 0.35};
    static final double GENERIC_ROOT_FACTOR = 0.25;
    static final int MAX_LOADABLE_CACHE = 4096;
    /**
     * Rate-limit evidence from which an upstream's or a data store's answer is throttling, whoever throttled: an
     * explicit 429 or RESOURCE_EXHAUSTED, a throttling class name or phrase at the root (about 3.5 × the root's
     * weight); the odd "try again later" (1) stays the upstream's failure.
     */
    static final double CLEAR_THROTTLING = 4.0;
    private static final List<String> GENERIC_IO_PACKAGES = List.of("java.net.", "java.io.", "javax.net.",
            "java.nio.channels.", "java.util.concurrent.TimeoutException");

    /** Words that may introduce a status code ("HTTP 503", "status code: 404", "returned 429"). */
    private static final String[] STATUS_CUES = {"http", "status", "response code", "returned"};
    /** Reason phrases that may follow a status code ("503 Service Unavailable"). */
    private static final String[] STATUS_REASONS = {"bad request", "unauthorized", "forbidden", "not found",
        "too many requests", "internal server error", "bad gateway", "service unavailable", "gateway timeout",
        "conflict", "gone", "unprocessable", "method not allowed", "not acceptable", "payload too large",
        "unsupported media type", "request timeout"};
    /** "HTTP 403", "status code: 429", "Status Code: 503", "status=404", "statusCode=502", "[404 Not Found]". */
    static final Pattern HTTP_STATUS = Pattern.compile(
            "(?:\\bhttp(?:/\\d(?:\\.\\d)?)?\\s*(?:status)?\\s*(?:code)?|\\bstatus(?:\\s*code)?|\\bstatuscode|"
                    + "\\bresponse code|\\breturned)\\s*[:=]?\\s*\\[?\\s*([45]\\d\\d)\\b"
                    + "|^\\s*\\[?([45]\\d\\d)(?:\\s|:|\\]|$)"
                    + "|\\b([45]\\d\\d)\\s+(?:" + String.join("|", STATUS_REASONS) + ")");
    /** SQLSTATE classes: 08 connection, 23 integrity, 40 rollback/deadlock, 42 syntax, 53/57 resources. */
    private static final Pattern SQLSTATE = Pattern.compile("(?:sqlstate|sql state|sql-state|errorcode)[\\s:=\\[]*([0-9a-z]{5})");
    /** gRPC status names as they start a StatusRuntimeException message. */
    private static final Pattern GRPC = Pattern.compile(
            "^(unavailable|deadline_exceeded|not_found|permission_denied|unauthenticated|resource_exhausted|"
                    + "invalid_argument|failed_precondition|already_exists|aborted|internal|unknown|cancelled|"
                    + "unimplemented|data_loss|out_of_range)(?::|$)");

    /** Ancestor names of live classes (superclasses then interfaces), computed once per class. */
    private static final ClassValue<String[]> ANCESTORS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Set<String> names = new LinkedHashSet<>();
            for (Class<?> c = type.getSuperclass(); c != null && c != Throwable.class && c != Object.class;
                 c = c.getSuperclass()) {
                names.add(c.getName());
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    names.add(i.getName());
                }
            }
            return names.toArray(new String[0]);
        }
    };

    private final ErrorSignals signals;

    EvidenceScorer(ErrorSignals signals) {
        this.signals = signals;
    }

    /** Described classes that are on the classpath (or not), bounded; looked up without initialising them. */
    private final ConcurrentHashMap<String, Optional<Class<?>>> loadable = new ConcurrentHashMap<>();

    /**
     * The class of a described exception when it can be loaded here (so its hierarchy can be walked), else null.
     * Classes are never initialised (no static initialiser runs); misses are cached too, as lookups are costly.
     */
    private Class<?> loadable(String name) {
        Optional<Class<?>> known = loadable.get(name);
        if (known != null) {
            return known.orElse(null);
        }
        Class<?> found = null;
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(name, false, cl != null ? cl : EvidenceScorer.class.getClassLoader());
            found = Throwable.class.isAssignableFrom(c) ? c : null;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // Not on this classpath: names, messages and frames decide.
        }
        if (loadable.size() < MAX_LOADABLE_CACHE) {
            loadable.put(name, Optional.ofNullable(found));
        }
        return found;
    }

    /** Result: the scores, the winner, and the strongest signal per category (for the ops explanation). */
    record Scores(double[] score, Signal[] best, int winner, double confidence) {
    }

    Scores score(ErrorDescription d, Throwable t) {
        return score(d, t, DEFAULT_CLIENT_MARGIN);
    }

    /**
     * @param clientMargin how far a client category (validation, authentication, authorization, not_found,
     *     rate_limit) must lead the best server category (internal, database, external_service) to be answered; the
     *     asymmetric operating point: blaming the caller for our failure costs more than a 5xx for their mistake
     */
    Scores score(ErrorDescription given, Throwable t, double clientMargin) {
        double[] score = new double[N];
        Signal[] best = new Signal[N];
        score[INTERNAL] = INTERNAL_PRIOR;
        // Causes that appear only inside a message ("nested exception is X: ...", "Caused by: X: ...") join the
        // chain, so that the root cause decides even when a log or a wrapper kept only its text.
        ErrorDescription d = withEmbeddedCauses(given);

        // The chain as (name, message, live throwable or null, position weight).
        List<Throwable> live = liveChain(t, d.causes().size() + 1);
        int links = d.causes().size() + 1;
        // A JDK network/I-O root (ConnectException, SocketTimeoutException...) says how it failed; a library's
        // exception around it (Mongo, Lettuce, Kafka...) says what failed, so the library decides.
        boolean genericRoot = links > 1 && isGenericIoRoot(d.rootException()) && hasLibraryLink(d);
        // The same when the library shows only in the frames (a bare ConnectException thrown inside a client).
        Signal frameFamily = links == 1 && isGenericIoRoot(d.exception()) ? backendFamilyOfFrames(d.frames()) : null;
        Boolean binding = null;
        boolean upstream = false;
        boolean store = false;
        boolean queryWrong = false;
        // What the names of upstream and data-store links added to their own category: who failed, not how.
        double upstreamNames = 0;
        double storeNames = 0;
        double[] before = new double[N];
        for (int i = 0; i < links; i++) {
            String name = i == 0 ? d.exception() : d.causes().get(i - 1).exception();
            String message = i == 0 ? d.message() : d.causes().get(i - 1).message();
            Throwable lt = i < live.size() ? live.get(i) : null;
            double w = links == 1 ? ROOT_WEIGHT : i == links - 1 ? ROOT_WEIGHT : i == 0 ? OUTER_WEIGHT : MIDDLE_WEIGHT;
            if ((genericRoot && i == links - 1) || frameFamily != null) {
                w *= GENERIC_ROOT_FACTOR;
            }
            boolean wrapper = name != null && signals.wrappers.contains(name) && i < links - 1;
            double nameWeight = wrapper ? w * WRAPPER_NAME_FACTOR : w;
            boolean vendor = name != null && isVendorSdk(name);
            // The library family of this link: a client of the app's own infrastructure (a data store, an
            // upstream service) reports what that infrastructure said to US. For the outermost JDK exception
            // (IOException "Server returned HTTP response code: 403") the throwing frame tells the library.
            Signal family = name == null ? null : packageOf(name);
            boolean familyFromFrames = false;
            if ((family == null || name.startsWith("java.") || family.category() < EXTERNAL) && i == 0) {
                // A JDK exception or a generic one (JAX-RS NotFoundException serves clients and servers alike)
                // thrown inside a client library's frames belongs to that library.
                Signal f = backendFamilyOfFrames(d.frames());
                familyFromFrames = f != null;
                family = f != null ? f : family;
            }
            System.arraycopy(score, 0, before, 0, N);
            if (name != null) {
                nameFeatures(name, nameWeight, score, best);
                Class<?> type = lt != null && lt.getClass().getName().equals(name) ? lt.getClass() : loadable(name);
                if (type != null) {
                    double aw = nameWeight * ANCESTOR_DECAY;
                    for (String ancestor : ANCESTORS.get(type)) {
                        ancestorFeatures(ancestor, aw, score, best);
                        aw *= ANCESTOR_DECAY;
                    }
                }
                if (family != null && family.category() == EXTERNAL) {
                    upstreamNames += score[EXTERNAL] - before[EXTERNAL];
                } else if (family != null && family.category() == DATABASE) {
                    storeNames += score[DATABASE] - before[DATABASE];
                }
            }
            String next = i < links - 1 ? d.causes().get(i).exception() : null;
            if (message != null && next != null && message.startsWith(next)) {
                // new X(cause) copies cause.toString() as the message: the cause's own link counts it already.
                message = null;
            }
            if (message != null && !message.isEmpty()) {
                // A wrapper's message often repeats its cause's; count it, but less.
                queryWrong |= messageFeatures(message, wrapper ? w * 0.5 : w, score, best);
            }
            if (message != null && mentionsAny(message, signals.upstreamMessageMarkers)) {
                // "Server returned HTTP response code: 403 for URL": a status a service we called answered.
                upstream = true;
            }
            if (vendor || upstream || (family != null && family.category() == EXTERNAL)) {
                // An upstream (vendor SDK, HTTP/RPC client, Kubernetes API...) answered OUR call: its 401/403 mean our
                // credentials or configuration, its 400/404 a call we got wrong - never the caller's fault. Only
                // throttling keeps its meaning (rate_limit from anyone). Every link below it is about that call too.
                upstream = true;
                moveDelta(score, before, EXTERNAL, AUTHENTICATION, AUTHORIZATION, VALIDATION, NOT_FOUND);
            } else if (family != null && family.category() == DATABASE) {
                store = true;
                // A data store rejecting the app's identity (ACLs, grants, HDFS permissions) is a database fault;
                // a timeout or refused connection inside a data-store client is the data store's, not an upstream's.
                moveDelta(score, before, DATABASE, AUTHENTICATION, AUTHORIZATION, EXTERNAL);
                if (familyFromFrames) {
                    // A JDK parse error thrown while a data-store library read a value (an enum column, a date):
                    // the value came from our own store, not from the request.
                    moveDelta(score, before, INTERNAL, VALIDATION);
                }
            }
            if (binding == null && name != null && startsWithAny(name, signals.bindingDependentPackages)) {
                binding = requestBinding(d, t);
            }
        }
        if ((upstream || store) && score[RATE_LIMIT] >= CLEAR_THROTTLING) {
            // Throttling keeps its meaning whoever throttled (an upstream's 429, S3's SlowDown, an LLM provider's
            // rate limit): the family's names say only who it was, not what happened; what the messages say (out of
            // capacity) stays.
            score[EXTERNAL] -= Math.min(upstreamNames, score[EXTERNAL]);
            score[DATABASE] -= Math.min(storeNames, score[DATABASE]);
        }
        if (queryWrong && score[DATABASE] > 0) {
            // The store answered that the query or the schema is wrong (unknown relation or column, SQL syntax): the
            // database is healthy, and every data-store name above the root (driver, pool, ORM) only says where.
            score[INTERNAL] += score[DATABASE];
            score[DATABASE] = 0;
        }
        if (binding != null && !binding && score[VALIDATION] > 0) {
            // A mapping or conversion error outside request binding: an upstream response, a config value or our
            // own model failed to map - ours to fix, and the whole chain's validation evidence is about that value.
            score[upstream ? EXTERNAL : INTERNAL] += score[VALIDATION];
            score[VALIDATION] = 0;
        }
        if (frameFamily != null) {
            add(score, best, frameFamily, OUTER_WEIGHT);
        }
        frameFeatures(d.frames(), score, best);
        if (isBackground(d.frames())) {
            // Nobody's request is being served (scheduler, batch job, test, build plugin): no caller to blame.
            score[VALIDATION] = 0;
            score[AUTHENTICATION] = 0;
            score[AUTHORIZATION] = 0;
            score[NOT_FOUND] = 0;
        }

        int winner = INTERNAL;
        double total = 0;
        for (int c = 0; c < N; c++) {
            total += score[c];
            if (score[c] > score[winner]) {
                winner = c;
            }
        }
        if (winner < EXTERNAL) {
            // Asymmetric decision: a client category only with a clear lead over the best server explanation.
            int server = INTERNAL;
            for (int c = EXTERNAL; c < N; c++) {
                if (score[c] > score[server]) {
                    server = c;
                }
            }
            if (score[winner] - score[server] < clientMargin) {
                winner = server;
            }
        }
        double confidence = total <= 0 ? 0 : score[winner] / total;
        return new Scores(score, best, winner, confidence);
    }

    /** The lead a client category needs over the best server category (chosen by cross-validation, see docs). */
    static final double DEFAULT_CLIENT_MARGIN = 1.0;

    private static void moveDelta(double[] score, double[] before, int to, int... from) {
        for (int c : from) {
            double delta = score[c] - before[c];
            if (delta > 0) {
                score[c] = before[c];
                score[to] += delta;
            }
        }
    }

    private static boolean mentionsAny(String message, List<String> lowerNeedles) {
        for (String needle : lowerNeedles) {
            if (containsIgnoreCase(message, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The package signal of a class name (longest known prefix), or null. */
    private Signal packageOf(String fqcn) {
        int end = fqcn.lastIndexOf('.');
        while (end > 0) {
            Signal p = signals.packages.get(fqcn.substring(0, end));
            if (p != null) {
                return p;
            }
            end = fqcn.lastIndexOf('.', end - 1);
        }
        return null;
    }

    /** The data-store or upstream-client library the top frames are in, or null. */
    private Signal backendFamilyOfFrames(List<String> frames) {
        int n = Math.min(frames.size(), MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            String f = frames.get(i);
            if (f == null || f.startsWith("java.") || f.startsWith("jdk.")) {
                continue;
            }
            int dot = f.lastIndexOf('.');
            Signal p = dot > 0 ? packageOf(f.substring(0, dot)) : null;
            if (p != null && (p.category() == DATABASE || p.category() == EXTERNAL)) {
                return p;
            }
            if (p != null) {
                return null;
            }
        }
        return null;
    }

    /**
     * Whether the chain, the frames or the messages show the request being read or bound. With a live throwable the
     * causes' own frames count too: a framework that reads the body (Jersey's reader interceptors, RESTEasy's
     * providers) throws from deep inside, and what reaches the filter is a wrapper whose frames are the container's.
     */
    private boolean requestBinding(ErrorDescription d, Throwable t) {
        if (t != null && causeFramesShowBinding(t)) {
            return true;
        }
        return requestBinding(d);
    }

    /** Frames of every link of the cause chain (bounded: 8 links, 64 frames each). */
    private boolean causeFramesShowBinding(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Throwable c = t.getCause();
        for (int link = 0; c != null && link < 8 && seen.add(c); link++, c = c.getCause()) {
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < frames.length && i < 64; i++) {
                if (startsWithAny(frames[i].getClassName() + "." + frames[i].getMethodName(),
                        signals.requestBindingMarkers)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean requestBinding(ErrorDescription d) {
        List<String> markers = signals.requestBindingMarkers;
        for (int i = 0; i <= d.causes().size(); i++) {
            String name = i == 0 ? d.exception() : d.causes().get(i - 1).exception();
            String message = i == 0 ? d.message() : d.causes().get(i - 1).message();
            for (String m : markers) {
                if ((name != null && name.startsWith(m)) || (message != null && containsBounded(message, m))) {
                    return true;
                }
            }
        }
        for (String f : d.frames()) {
            if (f != null && startsWithAny(f, markers)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsBounded(String text, String needle) {
        int idx = text.indexOf(needle);
        return idx >= 0 && idx < MAX_MESSAGE * 2;
    }

    /** Frames of work no caller asked for: schedulers, batch jobs, tests, build plugins. */
    private boolean isBackground(List<String> frames) {
        for (String f : frames) {
            if (f == null) {
                continue;
            }
            if (startsWithAny(f, signals.backgroundFrames)) {
                return true;
            }
            int dot = f.lastIndexOf('.');
            if (dot > 0) {
                // The class's simple name ends with the suffix (compared in place: no substring per frame).
                int clsStart = f.lastIndexOf('.', dot - 1) + 1;
                for (String suffix : signals.backgroundClassSuffixes) {
                    int from = dot - suffix.length();
                    if (from > clsStart && f.startsWith(suffix, from)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** "nested exception is x.y.FooException: text", "Caused by: x.y.FooException: text". */
    private static final Pattern EMBEDDED_CAUSE = Pattern.compile(
            "(?:nested exception is |Caused by: )([a-zA-Z_$][\\w$]*(?:\\.[\\w$]+)+)(?::\\s*([^;\\n]*))?");
    /** A message that starts with a class name, as {@code new X(cause.toString())} writes it. */
    private static final Pattern LEADING_CLASS = Pattern.compile(
            "^([a-z][\\w$]*(?:\\.[\\w$]+)*\\.[A-Z][\\w$]*(?:Exception|Error))(?::\\s*([^\\n]*))?");

    /** The description with the causes only its messages name appended (innermost last), when there are any. */
    static ErrorDescription withEmbeddedCauses(ErrorDescription d) {
        List<ErrorDescription.Cause> extra = null;
        int links = d.causes().size() + 1;
        for (int i = 0; i < links; i++) {
            String message = i == 0 ? d.message() : d.causes().get(i - 1).message();
            if (message == null) {
                continue;
            }
            boolean last = i == links - 1;
            if (message.contains("nested exception is ") || message.contains("Caused by: ")) {
                Matcher m = EMBEDDED_CAUSE.matcher(message.length() > 4 * MAX_MESSAGE
                        ? message.substring(0, 4 * MAX_MESSAGE) : message);
                while (m.find()) {
                    extra = addCause(d, extra, m.group(1), m.group(2));
                }
            } else if (last && message.length() > 5 && Character.isLowerCase(message.charAt(0))) {
                Matcher m = LEADING_CLASS.matcher(message);
                if (m.find()) {
                    extra = addCause(d, extra, m.group(1), m.group(2));
                }
            }
        }
        if (extra == null) {
            return d;
        }
        List<ErrorDescription.Cause> causes = new ArrayList<>(d.causes());
        causes.addAll(extra);
        return new ErrorDescription(d.exception(), d.message(), causes, d.frames(), d.declaredStatus());
    }

    private static List<ErrorDescription.Cause> addCause(ErrorDescription d, List<ErrorDescription.Cause> extra,
                                                         String name, String message) {
        if (name.equals(d.exception())) {
            return extra;
        }
        for (ErrorDescription.Cause c : d.causes()) {
            if (name.equals(c.exception())) {
                return extra;
            }
        }
        List<ErrorDescription.Cause> out = extra == null ? new ArrayList<>() : extra;
        for (ErrorDescription.Cause c : out) {
            if (name.equals(c.exception())) {
                return out;
            }
        }
        if (out.size() < 4) {
            out.add(new ErrorDescription.Cause(name, message));
        }
        return out;
    }

    /** Cheap pre-check for the status regex: a 4xx/5xx-looking three-digit number somewhere in the message. */
    private static boolean hasStatusLikeNumber(String m) {
        int n = Math.min(m.length(), MAX_MESSAGE);
        for (int i = 0; i + 2 < n; i++) {
            char c = m.charAt(i);
            if ((c == '4' || c == '5') && Character.isDigit(m.charAt(i + 1)) && Character.isDigit(m.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String lowerNeedle) {
        return IgnoreCaseSearch.contains(text, lowerNeedle, MAX_MESSAGE);
    }

    /**
     * Whether {@link #HTTP_STATUS} can match the lower-cased message: each of its three alternatives needs a cue
     * word, a status code at the start, or a reason phrase. The expression tries all its alternatives at every
     * position, which made it a tenth of an analysed error's cost for a message with a port or a duration in it
     * ("db:5432", "after 30000ms"); these checks are a few vectorised {@code indexOf}s.
     */
    static boolean mayNameHttpStatus(String lower) {
        for (String cue : STATUS_CUES) {
            if (lower.contains(cue)) {
                return true;
            }
        }
        int i = 0;
        while (i < lower.length() && isRegexSpace(lower.charAt(i))) {
            i++;
        }
        if (i < lower.length() && lower.charAt(i) == '[') {
            i++;
        }
        if (i < lower.length() && (lower.charAt(i) == '4' || lower.charAt(i) == '5')) {
            return true;
        }
        for (String reason : STATUS_REASONS) {
            if (lower.contains(reason)) {
                return true;
            }
        }
        return false;
    }

    /** {@code \s} of {@link Pattern} without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private boolean isVendorSdk(String name) {
        for (String p : signals.vendorSdkPackages) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGenericIoRoot(String name) {
        if (name == null) {
            return false;
        }
        for (String p : GENERIC_IO_PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a link other than the root comes from a library the package table knows (not the JDK). */
    private boolean hasLibraryLink(ErrorDescription d) {
        int links = d.causes().size() + 1;
        for (int i = 0; i < links - 1; i++) {
            String name = i == 0 ? d.exception() : d.causes().get(i - 1).exception();
            if (name == null || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")) {
                continue;
            }
            int end = name.lastIndexOf('.');
            while (end > 0) {
                if (signals.packages.containsKey(name.substring(0, end))) {
                    return true;
                }
                end = name.lastIndexOf('.', end - 1);
            }
        }
        return false;
    }

    private static List<Throwable> liveChain(Throwable t, int max) {
        if (t == null) {
            return List.of();
        }
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c) && out.size() < max; c = c.getCause()) {
            seen.put(c, true);
            out.add(c);
        }
        return out;
    }

    private static void add(double[] score, Signal[] best, Signal s, double w) {
        double v = s.weight() * w;
        score[s.category()] += v;
        if (best[s.category()] == null || best[s.category()].weight() < v) {
            best[s.category()] = new Signal(s.label(), s.category(), v);
        }
    }

    void nameFeatures(String fqcn, double w, double[] score, Signal[] best) {
        Signal known = signals.classes.get(fqcn);
        if (known != null) {
            add(score, best, known, w);
        }
        packageFeature(fqcn, w, score, best);
        fragments(fqcn.substring(fqcn.lastIndexOf('.') + 1), w, score, best);
    }

    private void fragments(String simpleName, double w, double[] score, Signal[] best) {
        for (int i : signals.nameMatcher.find(simpleName, Integer.MAX_VALUE)) {
            add(score, best, signals.nameFragments.get(i), w);
        }
    }

    /** Ancestors count through the exact-name table and their own fragments, not through their (generic) package. */
    private void ancestorFeatures(String fqcn, double w, double[] score, Signal[] best) {
        Signal known = signals.classes.get(fqcn);
        if (known != null) {
            add(score, best, known, w);
        }
        if (!fqcn.startsWith("java.")) {
            packageFeature(fqcn, w * 0.5, score, best);
            fragments(fqcn.substring(fqcn.lastIndexOf('.') + 1), w * 0.7, score, best);
        }
    }

    private void packageFeature(String fqcn, double w, double[] score, Signal[] best) {
        int end = fqcn.lastIndexOf('.');
        while (end > 0) {
            Signal p = signals.packages.get(fqcn.substring(0, end));
            if (p != null) {
                add(score, best, p, w);
                return;
            }
            end = fqcn.lastIndexOf('.', end - 1);
        }
    }

    /**
     * Adds the evidence of a message; returns whether it says the query or the schema is wrong (an internal message
     * pattern, a class-42 SQLSTATE).
     */
    boolean messageFeatures(String message, double w, double[] score, Signal[] best) {
        int phrases = signals.messagePhrases.size();
        boolean queryWrong = false;
        String lower = null;
        for (int i : signals.messageMatcher.find(message, MAX_MESSAGE)) {
            if (i < phrases) {
                add(score, best, signals.messagePhrases.get(i), w);
                continue;
            }
            // A pattern's trigger occurred: only now is the regular expression worth running.
            if (lower == null) {
                lower = (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                        .toLowerCase(Locale.ROOT);
            }
            ErrorSignals.PatternSignal p = signals.messagePatterns.get(i - phrases);
            if (p.pattern().matcher(lower).find()) {
                add(score, best, p.signal(), w);
                queryWrong |= p.signal().category() == INTERNAL;
            }
        }
        boolean status = hasStatusLikeNumber(message);
        boolean sql = containsIgnoreCase(message, "sql")
                || containsIgnoreCase(message, "errorcode");
        // gRPC codes start the message ("UNAVAILABLE: io exception"), or are all of it ("RESOURCE_EXHAUSTED").
        boolean grpc = !message.isEmpty() && Character.isUpperCase(message.charAt(0))
                && (message.indexOf(':') > 0 || message.indexOf('_') > 0);
        if (!status && !sql && !grpc) {
            return queryWrong;
        }
        String m = (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                .toLowerCase(Locale.ROOT);
        Matcher h = status && mayNameHttpStatus(m) ? HTTP_STATUS.matcher(m) : null;
        if (h != null && h.find()) {
            String code = h.group(1) != null ? h.group(1) : h.group(2) != null ? h.group(2) : h.group(3);
            int category = categoryOfStatus(Integer.parseInt(code));
            add(score, best, new Signal("HTTP " + code + " in message", category, 3.5), w);
        }
        Matcher s = sql ? SQLSTATE.matcher(m) : null;
        if (s != null && s.find()) {
            String state = s.group(1);
            // Class 42 is a syntax error or unknown object: the database is healthy, the query is wrong (internal);
            // 42501 (insufficient privilege) is the store rejecting the app's identity (database).
            int category = state.startsWith("42") && !state.equals("42501") ? INTERNAL : DATABASE;
            add(score, best, new Signal("SQLSTATE " + state, category, 3), w);
            queryWrong |= category == INTERNAL;
        }
        Matcher g = grpc ? GRPC.matcher(m) : null;
        if (g != null && g.find()) {
            int category = switch (g.group(1)) {
                case "not_found" -> NOT_FOUND;
                case "permission_denied" -> AUTHORIZATION;
                case "unauthenticated" -> AUTHENTICATION;
                case "resource_exhausted" -> RATE_LIMIT;
                case "invalid_argument", "out_of_range", "failed_precondition", "already_exists" -> VALIDATION;
                default -> EXTERNAL;
            };
            add(score, best, new Signal("gRPC " + g.group(1), category, 4), w);
        }
        return queryWrong;
    }

    private void frameFeatures(List<String> frames, double[] score, Signal[] best) {
        int n = Math.min(frames.size(), MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            String f = frames.get(i);
            if (f == null) {
                continue;
            }
            double w = FRAME_WEIGHTS[i];
            for (Signal s : signals.framePrefixes) {
                // Reflection only tells something when the exception was thrown inside it (a bad invocation):
                // below the top frame it is just how frameworks call the app.
                if (f.startsWith(s.label()) && (i == 0 || !s.label().contains("reflect"))) {
                    add(score, best, s, w);
                    break;
                }
            }
            int dot = f.lastIndexOf('.');
            if (dot > 0) {
                // The library a frame is in counts for little next to the exception's own class.
                packageFeature(f.substring(0, dot), w * 0.4, score, best);
                if (i == 0) {
                    String methodName = f.substring(dot + 1).toLowerCase(Locale.ROOT);
                    for (Signal s : signals.frameMethods) {
                        if (methodName.contains(s.label())) {
                            add(score, best, s, w);
                        }
                    }
                }
            }
        }
    }

    /** The built-in category index a status picks (4xx without a category of their own count as validation). */
    static int categoryOfStatus(int status) {
        return switch (status) {
            case 401, 407 -> AUTHENTICATION;
            case 403 -> AUTHORIZATION;
            case 404, 410 -> NOT_FOUND;
            case 429 -> RATE_LIMIT;
            case 500 -> EXTERNAL;
            case 502, 503, 504 -> EXTERNAL;
            case 408 -> EXTERNAL;
            default -> status >= 500 ? EXTERNAL : VALIDATION;
        };
    }
}
