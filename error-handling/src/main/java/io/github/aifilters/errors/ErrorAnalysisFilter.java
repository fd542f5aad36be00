package io.github.aifilters.errors;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.AiExchange;
import io.github.aifilters.core.filter.AbstractAiFilter;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.filter.AlertPublisher;
import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.filter.ClientAborts;
import io.github.aifilters.core.filter.RequestMatcher;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemWriter;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.errors.internal.EmbeddedErrorAnalyser;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns every uncaught error into a safe {@code application/problem+json} answer for the client and one rich,
 * grouped, structured log line for ops.
 *
 * <p>Catches exceptions thrown by the app and by later filters on REQUEST, ASYNC and ERROR dispatches, exceptions
 * thrown inside {@link AsyncContext#start(Runnable)} (the request passed down returns a guarded async context), async
 * failures reported through {@link AsyncListener#onError}, and (configurable) plain {@code sendError(5xx)} or a body-less
 * 5xx — resolved exactly once wherever the response completes: on the request thread, at {@code AsyncContext.complete()}
 * from any thread, on an ASYNC or ERROR dispatch, at the async timeout (see {@link SendErrorCapture}); framework 4xx
 * answers become the status's problem document for clients that accept JSON. Categorises with
 * the embedded analyser (user rules first), fingerprints the error, counts it in the shared {@link ErrorTable}, logs
 * one line, and afterwards (off the request thread, at most once per fingerprint) may ask the LLM for a deeper
 * analysis. When the response is already committed nothing is written: the error is only logged (saying so), or
 * also rethrown with {@value ErrorFilterConfig#RETHROW_COMMITTED}.
 *
 * <p>Register it early in the chain (after monitoring, before the other filters), for dispatcher types REQUEST,
 * ASYNC and ERROR. Programmatic use: {@code new ErrorAnalysisFilter(ErrorFilterConfig.builder()...build())}.
 */
public class ErrorAnalysisFilter extends AbstractAiFilter {

    /** Metric name of the early-warning alerts published to the {@link AlertPublisher}. */
    public static final String ALERT_METRIC = "error.rate";

    /** Default logger of the error events (route it to a JSON appender). */
    public static final String DEFAULT_LOGGER_NAME = "io.github.aifilters.errors.events";

    private static final int MAX_LOGGED_HEADERS = 40;
    private static final int MAX_HEADER_VALUE = 256;

    private ErrorFilterConfig config;
    private EmbeddedErrorAnalyser analyser;
    private Fingerprinter fingerprinter;
    private ErrorTable table;
    private ClientProblems problems;
    private ProblemWriter problemWriter;
    private Redactor redactor;
    private ErrorEventLogger eventLogger;
    private ErrorMetrics metrics;
    private LlmAnalysisScheduler llm;
    private ErrorRateMonitor rateMonitor;

    /** For web.xml: configured from init-params. */
    public ErrorAnalysisFilter() {
    }

    /** Programmatic: init-params present at start-up win over this config's values, key by key. */
    public ErrorAnalysisFilter(ErrorFilterConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    protected Set<String> configKeys() {
        return ErrorFilterConfig.KEYS;
    }

    @Override
    protected void initFilter(InitParams params) {
        config = config == null ? ErrorFilterConfig.from(params) : config.toBuilder().apply(params).build();
        useCommon(config.common());
        analyser = EmbeddedErrorAnalyser.of(config);
        fingerprinter = new Fingerprinter(config.inAppPackages(), config.frameworkPackages(),
                config.fingerprintFrames());
        table = ErrorTable.shared(servletContext(), config.maxFingerprints(), config.maxRoutesPerFingerprint());
        redactor = AiFilterContext.redactor(servletContext());
        problemWriter = AiFilterContext.problemWriter(servletContext());
        problems = new ClientProblems(redactor, config.validationDetail(), config.retryAfter().toSeconds());
        eventLogger = new ErrorEventLogger(config.loggerName(), redactor);
        metrics = new ErrorMetrics(meterRegistry(), table);
        if (config.llmAnalysis()) {
            llm = new LlmAnalysisScheduler(table, () -> AiFilterContext.llm(servletContext()),
                    d -> analyser.analyse(d, null), redactor, metrics,
                    config.llmReaskAfter(), config.llmThreads(), config.llmQueueCapacity(), config.clock());
        }
        if (config.earlyWarning()) {
            rateMonitor = new ErrorRateMonitor(config.earlyWarningWindow(), config.earlyWarningFactor(),
                    config.earlyWarningMinRate(), config.earlyWarningMinRequests(), config.maxRoutes(),
                    config.clock(), this::warn);
        }
    }

    @Override
    protected Set<DispatcherType> dispatchTypes() {
        return DISPATCH_TYPES;
    }

    /** One immutable set, not a new one per request. */
    private static final Set<DispatcherType> DISPATCH_TYPES =
            Set.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);

    /** The shared table (also reachable as the servlet-context attribute {@value ErrorTable#ATTRIBUTE}). */
    public ErrorTable table() {
        return table;
    }

    @Override
    protected void filter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req.getDispatcherType() == DispatcherType.ERROR) {
            errorDispatch(req, res, chain);
            return;
        }
        SendErrorCapture earlier = req.getDispatcherType() == DispatcherType.ASYNC ? capture(req) : null;
        if (earlier != null) {
            if (earlier.holding()) {
                // The app called sendError on a worker and then dispatch(): the error is the answer; the dispatch
                // target would only write into a response that sendError declared committed.
                resolve(req, earlier, "async-dispatch");
                return;
            }
        }
        SendErrorCapture capture = config.interceptSendError() ? new SendErrorCapture(res, st -> holds(req, st)) : null;
        if (capture != null) {
            if (earlier != null) {
                capture.continueFrom(earlier);
            }
            // Where async completion, a later dispatch, a timeout or an ERROR dispatch find it.
            req.setAttribute(attributeName("capture"), capture);
        }
        // Failures inside AsyncContext.start(Runnable) never pass through here: the guard catches them. complete()
        // resolves the held sendError first, on whatever thread calls it.
        // AsyncContext.getResponse() answers the capture where it would answer the unwrapped response (startAsync()
        // without arguments): the app's async writes and sendError then pass through it like the request thread's.
        HttpServletRequest down = new AsyncStartGuard(req, () -> listenToAsync(req, res),
                f -> asyncStartFailed(req, res, f), () -> resolveLatest(req, "async-complete"),
                r -> capture != null && r == res ? capture : r);
        try {
            chain.doFilter(down, capture != null ? capture : res);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (clientBodyFailure(req, res, e)) {
                return; // the client's broken upload (issue 12): 400/408, not an error of the app
            }
            if (isClientAbort(e)) {
                // The client went away: nothing to answer, nothing to fix; the container deals with the connection.
                throw e;
            }
            if (capture != null) {
                // The exception is the error to answer; a sendError made before it is superseded.
                capture.claim();
            }
            boolean async = req.getDispatcherType() == DispatcherType.ASYNC;
            Outcome o = handle(req, res, e, null, null, async ? "async-dispatch" : "exception", false);
            if (!async) {
                // Async requests are counted once, when they complete (listener).
                finish(req, true);
            }
            if (o == Outcome.FAILED || o == Outcome.LOGGED_ONLY && config.rethrowCommitted()) {
                // Our handling failed (fail-open), or the app wants the container to abort a half-sent response.
                throw e;
            }
            return;
        }
        if (req.isAsyncStarted()) {
            listenToAsync(req, res);
            return;
        }
        boolean error = capture != null
                && resolve(req, capture, req.getDispatcherType() == DispatcherType.ASYNC ? "async-dispatch" : "sendError");
        // Async requests are counted by the listener when they complete (also when complete() came before the
        // request thread got here).
        if (req.getDispatcherType() == DispatcherType.REQUEST && req.getAttribute(attributeName("asyncListener")) == null) {
            finish(req, error || handled(req));
        }
    }

    /** The capture of the latest dispatch of this request, or null. */
    private SendErrorCapture capture(HttpServletRequest req) {
        return req.getAttribute(attributeName("capture")) instanceof SendErrorCapture c ? c : null;
    }

    private void resolveLatest(HttpServletRequest req, String origin) {
        SendErrorCapture c = capture(req);
        if (c != null) {
            resolve(req, c, origin);
        }
    }

    /**
     * Which {@code sendError} statuses are ours to answer: every 5xx, and a 4xx when the client asked for JSON (a
     * browser keeps the container's page), except the statuses configured to pass through.
     */
    private boolean holds(HttpServletRequest req, int status) {
        if (config.passThroughStatuses().contains(status)) {
            return false;
        }
        try {
            return status >= 500 || status >= 400 && acceptsJson(req);
        } catch (RuntimeException e) {
            // asked inside the app's sendError: a failure here must not become the app's exception
            failOpen("sendError decision", e);
            return false;
        }
    }

    /**
     * Whether the client asked for JSON: its Accept names {@code application/json}, a {@code +json} type (problem+json
     * included) with a non-zero q; or it sent no preference ({@code Accept} missing or only wildcards) with a JSON body.
     */
    static boolean acceptsJson(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        boolean noPreference = true;
        if (accept != null) {
            for (String range : accept.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
                if (type.isEmpty() || type.equals("*/*")) {
                    continue;
                }
                noPreference = false;
                boolean zero = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
                    zero |= param.matches("q\\s*=\\s*0(\\.0{0,3})?");
                }
                if (!zero && (type.equals("application/json") || type.endsWith("+json")
                        || type.equals("application/*"))) {
                    return true;
                }
            }
        }
        // not req.getContentType(): a container may throw on an unknown charset (charset=x-bogus-42)
        String ct = io.github.aifilters.core.internal.MediaTypes.contentType(req);
        return noPreference && ct != null && ct.toLowerCase(java.util.Locale.ROOT).matches("application/([\\w.+-]*\\+)?json\\b.*");
    }

    /**
     * Resolves what the capture saw, once per request whoever calls first (request thread, {@code complete()} on a
     * worker, an ASYNC or ERROR dispatch, the async listener). Never throws: it may run on the app's thread.
     *
     * <ul>
     *   <li>A held {@code sendError(5xx)}: answered and logged as an error. A held 4xx: the status's problem document
     *       (no log line: a client error).</li>
     *   <li>A 5xx status with no body (a framework's {@code setStatus} instead of {@code sendError}, e.g. Jersey with
     *       {@code setStatusOverSendError}, or its own async timeout answered 503): answered and logged too; a 4xx
     *       with no body gets its problem document for a JSON client.</li>
     *   <li>A {@code sendError(5xx)} made after the response was committed: logged only.</li>
     * </ul>
     *
     * @return whether it was an error (5xx) for the early warning
     */
    private boolean resolve(HttpServletRequest req, SendErrorCapture capture, String origin) {
        SendErrorCapture.Seen s = capture.claim();
        if (s == null || handled(req)) {
            // Resolved by someone else already, or an exception of this request was answered instead.
            return false;
        }
        HttpServletResponse raw = (HttpServletResponse) capture.getResponse();
        try {
            if (s.heldStatus() != 0) {
                boolean answered = s.heldStatus() >= 500
                        ? handle(req, raw, null, s.heldStatus(), s.heldMessage(), origin, true) != Outcome.FAILED
                        : clientProblem(req, raw, s.heldStatus());
                if (!answered) {
                    // Fail-open: the container answers as it would have without us.
                    passOn(req, raw, s.heldStatus(), s.heldMessage());
                }
                return s.heldStatus() >= 500;
            }
            if (s.lateStatus() >= 500) {
                handle(req, raw, null, s.lateStatus(), "sendError after the response was committed", origin, false);
                return true;
            }
            if (!s.bodyWritten() && s.status() >= 400
                    && !config.passThroughStatuses().contains(s.status())) {
                if (s.status() >= 500) {
                    handle(req, raw, null, s.status(), "status " + s.status() + " without a body", origin, true);
                    return true;
                }
                if (!s.committed() && acceptsJson(req)) {
                    clientProblem(req, raw, s.status());
                }
            }
        } catch (RuntimeException e) {
            failOpen("error resolution", e);
        }
        return false;
    }

    /** Answers a 4xx the framework gave without a body with the status's problem document; false when it could not. */
    private boolean clientProblem(HttpServletRequest req, HttpServletResponse res, int status) {
        try {
            Problem p = problems.forStatus(status, instance(req), res.getHeader("Allow"));
            return problemWriter.write(res, p);
        } catch (IOException | RuntimeException e) {
            failOpen("client error problem", e);
            return false;
        }
    }

    /** Hands a held sendError to the container after all; its ERROR dispatch must then not try again. */
    private void passOn(HttpServletRequest req, HttpServletResponse raw, int status, String message) {
        req.setAttribute(attributeName("passedOn"), Boolean.TRUE);
        try {
            raw.sendError(status, message);
        } catch (IOException | RuntimeException e) {
            failOpen("sendError", e);
        }
    }

    /**
     * ERROR dispatch: an exception that reached the container without passing through us (e.g. from an async thread),
     * or an error status the container is about to render (a {@code sendError} on the unwrapped response, e.g. the
     * one {@code AsyncContext.getResponse()} returns after {@code startAsync()}).
     */
    private void errorDispatch(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        SendErrorCapture held = capture(req);
        if (held != null && held.holding()) {
            resolve(req, held, "error-dispatch");
            if (res.isCommitted()) {
                return;
            }
        }
        Object ex = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (ex instanceof Throwable t && !handled(req)) {
            if (handle(req, res, t, null, null, "error-dispatch", false) == Outcome.ANSWERED) {
                return;
            }
        } else if (!(ex instanceof Throwable) && config.interceptSendError() && !handled(req)
                && req.getAttribute(attributeName("passedOn")) == null
                && req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                && holds(req, status)) {
            Object message = req.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            boolean answered = status >= 500
                    ? handle(req, res, null, status, message instanceof String m ? m : null, "error-dispatch", true)
                    == Outcome.ANSWERED
                    : clientProblem(req, res, status);
            if (answered) {
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /**
     * A runnable given to {@code AsyncContext.start} threw (on a container thread): answer, log and complete, as for
     * any other error. Should our handling fail, rethrow: the container then behaves as without this filter (logs
     * it; the async timeout, answered by {@link AsyncErrors#onTimeout}, ends the request).
     */
    private void asyncStartFailed(HttpServletRequest req, HttpServletResponse res, AsyncStartGuard.Failure f) {
        Throwable t = f.throwable();
        if (!handled(req) && !isClientAbort(t)
                && handle(req, res, t, null, null, "async-start", false) == Outcome.FAILED) {
            sneakyThrow(t);
        }
        try {
            f.context().complete();
        } catch (RuntimeException e) {
            // Already completed or dispatched by the app before it failed: nothing left to do.
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    private void listenToAsync(HttpServletRequest req, HttpServletResponse res) {
        String key = attributeName("asyncListener");
        if (req.getAttribute(key) != null) {
            return;
        }
        try {
            req.setAttribute(key, Boolean.TRUE);
            req.getAsyncContext().addListener(new AsyncErrors(req, res), req, res);
        } catch (RuntimeException e) {
            failOpen("async listener", e);
        }
    }

    /** Catches failures of async requests reported by the container, and counts the request when it completes. */
    private final class AsyncErrors implements AsyncListener {
        private final HttpServletRequest req;
        private final HttpServletResponse res;

        AsyncErrors(HttpServletRequest req, HttpServletResponse res) {
            this.req = req;
            this.res = res;
        }

        @Override
        public void onError(AsyncEvent event) {
            Throwable t = event.getThrowable();
            if (t == null || handled(req)) {
                return;
            }
            // A client that went away is not an application error: no answer, no log line, just complete.
            if (!isClientAbort(t)) {
                handle(req, res, t, null, null, "async-error", false);
            }
            complete(event);
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Last chance for a sendError the app made through a context we did not hand out (complete() was not
            // ours to see): too late to answer, but logged and counted.
            resolveLatest(req, "async-complete");
            finish(req, handled(req));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            SendErrorCapture held = capture(req);
            if (held != null && held.holding()) {
                // The app declared its error but never completed: answer that error, not a timeout.
                resolve(req, held, "async-timeout");
                complete(event);
                return;
            }
            if (handled(req) || res.isCommitted()) {
                return;
            }
            if (held != null) {
                held.claim();
            }
            // The app never completed its async work in time: answer 503 as an unavailable service would.
            handle(req, res, null, 503, "async request timed out", "async-timeout", true);
            complete(event);
        }

        private void complete(AsyncEvent event) {
            try {
                event.getAsyncContext().complete();
            } catch (RuntimeException e) {
                // Already completed or dispatched by someone else: nothing left to do.
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle drops listeners: stay registered.
            event.getAsyncContext().addListener(this, req, res);
        }
    }

    private enum Outcome { ANSWERED, LOGGED_ONLY, FAILED }

    /**
     * Answers a client's broken upload ({@link ClientBodyFailures}) with 400/408 and {@code Connection: close}
     * (the rest of the stream is unusable); true when {@code t} was one. Not an error of the app: no error event, no
     * fingerprint, no upstream category.
     */
    private boolean clientBodyFailure(HttpServletRequest req, HttpServletResponse res, Throwable t) {
        try {
            if (res.isCommitted()) {
                return false; // too late to answer: the usual path (a client abort is rethrown to the container)
            }
            java.util.Optional<ClientBodyFailures.Kind> kind = ClientBodyFailures.classify(req, t);
            if (kind.isEmpty()) {
                return false;
            }
            res.setHeader("Connection", "close");
            problemWriter.write(res, kind.get().problem(instance(req)));
            log().debug("client body failure ({}): {}", kind.get(), t.getClass().getName());
            return true;
        } catch (RuntimeException | IOException e) {
            return res.isCommitted(); // half-answered: nothing more to send; else the usual handling answers
        }
    }

    /** Whether a failure only says that the client disconnected (nothing to answer, nothing to fix). */
    static boolean isClientAbort(Throwable t) {
        return ClientAborts.isClientAbort(t);
    }

    private boolean handled(HttpServletRequest req) {
        return req.getAttribute(attributeName("errorId")) != null;
    }

    /** Counts the finished request for the early warning. */
    private void finish(HttpServletRequest req, boolean error) {
        if (rateMonitor == null) {
            return;
        }
        try {
            rateMonitor.record(route(req), error);
        } catch (RuntimeException e) {
            failOpen("error rate", e);
        }
    }

    /**
     * Answers (when not committed), records and logs one error. Never throws: a failure here must not replace the
     * app's error, so the caller rethrows the original when this returns {@link Outcome#FAILED}.
     *
     * @param withoutBody for a status without a throwable: the response has no body of the app's (a held
     *                    {@code sendError}, or nothing written); decides whether an async 503 is a timeout
     */
    private Outcome handle(HttpServletRequest req, HttpServletResponse res, Throwable t, Integer sendErrorStatus,
                           String sendErrorMessage, String origin, boolean withoutBody) {
        try {
            Instant now = config.clock().instant();
            String route = route(req);
            ErrorDescription d = t != null ? ErrorDescription.of(t)
                    // a status without a throwable: "sendError" names the kind; where it was resolved is the origin field
                    : new ErrorDescription("sendError", sendErrorMessage, null, null, sendErrorStatus);
            // The fingerprint first: an ops override for it decides the category before any rule.
            String fingerprint = t != null ? fingerprinter.fingerprint(d, t)
                    : fingerprinter.fingerprintOfStatus(sendErrorStatus, route);
            ErrorAnalysis a = t == null ? statusOnly(sendErrorStatus, origin, withoutBody) : null;
            if (a == null) {
                a = analyse(d, t, fingerprint);
            }
            String errorId = UUID.randomUUID().toString();
            req.setAttribute(attributeName("errorId"), errorId);
            AiExchange.of(req).errorId(errorId);
            if (t != null) {
                AiExchange.of(req).failure(t); // the monitoring filter outside us tags its timer with it
            }
            FingerprintSnapshot group = table.record(fingerprint, d, a, errorId, route, now);

            boolean committed = res.isCommitted();
            Problem p = committed ? null : problems.build(a, d, fingerprint, errorId, instance(req));
            metrics.error(a);
            // Logged before the answer is written: once the client has its answer, the log line already exists.
            eventLogger.log(new ErrorEventLogger.Event(errorId, group, a, req.getMethod(), route, pathOf(req),
                    req.getHeader("User-Agent"), req.getRemoteAddr(), config.logHeaders() ? headers(req) : Map.of(),
                    committed, !committed, origin, d.exception(), d.message(), t));
            boolean answered = false;
            if (p != null) {
                long retry = problems.retryAfter(a.category());
                if (retry >= 0) {
                    // Before the write: the writer flushes, which commits the headers.
                    res.setHeader("Retry-After", Long.toString(retry));
                }
                answered = problemWriter.write(res, p);
            }
            if (llm != null) {
                // After the answer was flushed: the client never waits for this.
                llm.maybeSubmit(fingerprint, d);
            }
            return answered ? Outcome.ANSWERED : Outcome.LOGGED_ONLY;
        } catch (RuntimeException | IOException | Error e) {
            failOpen("error handling", e);
            return Outcome.FAILED;
        }
    }

    /**
     * Status-only errors whose meaning is known without analysis: an async timeout (the app did not complete in time,
     * not an upstream failure) and a 501 (the app's answer to a method it does not implement). Null otherwise.
     *
     * <p>An async timeout, whoever owns the timer: the container's ({@code onTimeout}), or a framework's own, whose
     * only trace at the servlet level is its answer — a {@code 503} without a body and without an exception, on an
     * async request, completed from the framework's thread or answered on an ASYNC dispatch (Jersey's and RESTEasy's
     * {@code @Suspended} timers, Spring's {@code AsyncRequestTimeoutException}). An app that answers an async request
     * with a bare 503 itself reads the same; a 503 with a body is the app's, and a thrown exception is analysed.
     */
    private static ErrorAnalysis statusOnly(Integer status, String origin, boolean withoutBody) {
        if (status == null) {
            return null;
        }
        if (status == 503 && withoutBody && ASYNC_ORIGINS.contains(origin)) {
            return new ErrorAnalysis(ErrorCategories.TIMEOUT, 503, "medium",
                    "The async request was not completed within its timeout.",
                    List.of("Check what the request waits for (a slow dependency, a lost callback).",
                            "Raise the async timeout only if the work is expected to take that long."),
                    List.of(), 1.0, EngineSource.EMBEDDED, Duration.ZERO);
        }
        if (status == 501) {
            return new ErrorAnalysis(ErrorCategories.NOT_IMPLEMENTED, 501, "low",
                    "The app does not implement this method for this resource.",
                    List.of("Implement the method, or answer 405 with an Allow header."), List.of(), 1.0,
                    EngineSource.EMBEDDED, Duration.ZERO);
        }
        return null;
    }

    /** Where an async request's answer is resolved: its timeout, its completion, its ASYNC dispatch. */
    private static final Set<String> ASYNC_ORIGINS = Set.of("async-timeout", "async-complete", "async-dispatch");

    private ErrorAnalysis analyse(ErrorDescription d, Throwable t, String fingerprint) {
        try {
            return analyser.analyse(d, t, fingerprint);
        } catch (RuntimeException e) {
            failOpen("error analysis", e);
            return new ErrorAnalysis(ErrorCategories.INTERNAL, 500, "high", "Unexpected error in the application.",
                    List.of("Look at the stack trace of the logged error."), List.of(), 0.0, EngineSource.EMBEDDED,
                    Duration.ZERO);
        }
    }

    private void warn(ErrorRateWarning w) {
        log().warn("Early warning: error rate of {} is {} over the last {} ({} errors in {} requests), baseline {}",
                w.route(), String.format("%.1f%%", w.recentRate() * 100), config.earlyWarningWindow(),
                w.recentErrors(), w.recentRequests(), String.format("%.1f%%", w.baselineRate() * 100));
        metrics.rateWarning(w.route());
        Object publisher = servletContext().getAttribute(AiFilterContext.ALERT_PUBLISHER);
        if (publisher instanceof AlertPublisher p) {
            try {
                p.publish(alertOf(w));
            } catch (RuntimeException e) {
                failOpen("alert publisher", e);
            }
        }
    }

    /**
     * The alert of an early warning. Deviation: the binomial z-score of the recent error rate against the baseline
     * rate, {@code (rate - p) / sqrt(p (1 - p) / requests)} with {@code p = max(baseline, 1%)} (a clean baseline
     * would give an infinite score; 1% is the noise floor of most services); severity from the recent rate: critical
     * from 50%, high from 25%, else medium.
     */
    AlertQuery alertOf(ErrorRateWarning w) {
        long n = Math.max(1, w.recentRequests());
        double p0 = Math.min(0.99, Math.max(w.baselineRate(), 0.01));
        double deviation = (w.recentRate() - p0) / Math.sqrt(p0 * (1 - p0) / n);
        String severity = w.recentRate() >= 0.5 ? "critical" : w.recentRate() >= 0.25 ? "high" : "medium";
        Map<String, String> context = new LinkedHashMap<>();
        context.put("recentErrors", Long.toString(w.recentErrors()));
        context.put("recentRequests", Long.toString(w.recentRequests()));
        context.put("window", config.earlyWarningWindow().toString());
        context.put("source", "error-analysis filter early warning");
        String route = redactor.redactText(w.route());
        return new AlertQuery(ALERT_METRIC + " " + route, ALERT_METRIC, route, w.recentRate(), w.baselineRate(),
                deviation, severity, w.at(), context, true);
    }

    /** The request's route template, as its exchange resolved it (the same label as in the metrics). */
    private String route(HttpServletRequest req) {
        // the exchange redacts a guessed template once (it keeps raw path segments such as /api/fail/password=…);
        // declared templates are the app's own text
        return AiExchange.of(req).routeTemplate();
    }

    /** The path the client asked for, also on ASYNC and ERROR dispatches. */
    private static String pathOf(HttpServletRequest req) {
        Object original = req.getDispatcherType() == DispatcherType.ERROR
                ? req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : req.getDispatcherType() == DispatcherType.ASYNC
                ? req.getAttribute(AsyncContext.ASYNC_REQUEST_URI) : null;
        if (original instanceof String uri) {
            return RequestMatcher.withinContext(uri, req.getContextPath());
        }
        return RequestMatcher.pathOf(req);
    }

    private String instance(HttpServletRequest req) {
        String ctx = req.getContextPath() == null ? "" : req.getContextPath();
        return redactor.redactText(ctx + pathOf(req));
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            if (out.size() >= MAX_LOGGED_HEADERS) {
                break;
            }
            List<String> values = new ArrayList<>();
            for (String v : Collections.list(req.getHeaders(name))) {
                values.add(v.length() > MAX_HEADER_VALUE ? v.substring(0, MAX_HEADER_VALUE) + "..." : v);
            }
            out.put(name, values);
        }
        return out;
    }

    @Override
    public void destroy() {
        if (llm != null) {
            llm.close();
        }
    }
}
