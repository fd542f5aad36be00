package io.github.aifilters.errors;

import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.errors.internal.ErrorLlm;
import io.github.aifilters.core.redact.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the LLM, when one is configured, for a deeper analysis of an error group: at most once per fingerprint per
 * {@code reaskAfter}, off the request thread, on a bounded queue whose overflow is dropped and counted. Only redacted
 * text is sent (messages through the {@link Redactor}; the live throwable is never passed). Only a checked answer is
 * kept ({@link ErrorLlm#parser}), merged over the filter's own embedded analysis (user rules included).
 */
final class LlmAnalysisScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnalysisScheduler.class);

    private final ErrorTable table;
    private final Supplier<LlmClient> llm;
    private final Function<ErrorDescription, ErrorAnalysis> embedded;
    private final Redactor redactor;
    private final ErrorMetrics metrics;
    private final Duration reaskAfter;
    private final Clock clock;
    private final ThreadPoolExecutor executor;

    LlmAnalysisScheduler(ErrorTable table, Supplier<LlmClient> llm, Function<ErrorDescription, ErrorAnalysis> embedded,
                         Redactor redactor, ErrorMetrics metrics, Duration reaskAfter, int threads, int queueCapacity,
                         Clock clock) {
        this.table = table;
        this.llm = llm;
        this.embedded = embedded;
        this.redactor = redactor;
        this.metrics = metrics;
        this.reaskAfter = reaskAfter;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "ai-error-analysis-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** Schedules an analysis of the group unless one was made (or is in flight) recently. Never blocks. */
    void maybeSubmit(String fingerprint, ErrorDescription description) {
        if (!llm.get().enabled()) {
            // No LLM configured: the embedded answer is already in the log line; nothing to ask.
            return;
        }
        if (!table.claimLlm(fingerprint, clock.instant(), reaskAfter)) {
            metrics.llmCached();
            return;
        }
        ErrorDescription redacted = redact(description);
        try {
            executor.execute(() -> analyse(fingerprint, redacted));
        } catch (RejectedExecutionException e) {
            table.releaseLlmClaim(fingerprint);
            metrics.llmDropped();
        }
    }

    private void analyse(String fingerprint, ErrorDescription description) {
        try {
            metrics.llmMade();
            long start = System.nanoTime();
            ErrorAnalysis local = embedded.apply(description);
            llm.get().call(ErrorLlm.prompt(description, redactor), ErrorLlm.parser(redactor))
                    .map(a -> ErrorLlm.merge(a, local, description.declaredStatus(),
                            Duration.ofNanos(System.nanoTime() - start)))
                    .ifPresent(a -> {
                        table.attachLlmAnalysis(fingerprint, a);
                        metrics.llmAccepted();
                    });
        } catch (RuntimeException e) {
            metrics.llmFailed();
            LOG.warn("LLM error analysis of fingerprint {} failed ({})", fingerprint, e.getClass().getName());
        }
    }

    ErrorDescription redact(ErrorDescription d) {
        List<ErrorDescription.Cause> causes = new ArrayList<>(d.causes().size());
        for (ErrorDescription.Cause c : d.causes()) {
            causes.add(new ErrorDescription.Cause(c.exception(), redactor.redactText(c.message())));
        }
        return new ErrorDescription(d.exception(), redactor.redactText(d.message()), causes, d.frames(),
                d.declaredStatus());
    }

    /** Tasks queued or running (for tests and diagnostics). */
    int pending() {
        return executor.getQueue().size() + executor.getActiveCount();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
