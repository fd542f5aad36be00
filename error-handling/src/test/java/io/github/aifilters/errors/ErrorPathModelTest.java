package io.github.aifilters.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A model test of the error paths: every order (up to three steps) in which a servlet can call {@code sendError(500)}
 * (E), {@code setStatus(500)} (S), write a body byte (W) and flush (F), run synchronously or on a worker thread after
 * {@code startAsync()} and ended by {@code complete()} (C) or {@code dispatch()} (D), on the response the chain passed
 * or on the one {@code AsyncContext.getResponse()} returns. A small model of the servlet contract says what the client
 * must get; the real Jetty over HTTP must agree: above all, never a 2xx for a failure that happened before the
 * response was committed, a problem document when the app wrote no body of its own, and exactly one log line per
 * failure.
 */
class ErrorPathModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(4);
    private static TestServer server;
    private static final ListAppender<ILoggingEvent> EVENTS = new ListAppender<>();
    private static final Logger EVENT_LOGGER = (Logger) LoggerFactory.getLogger(ErrorAnalysisFilter.DEFAULT_LOGGER_NAME);

    /** Runs the steps of {@code ?s=} on the request thread, or on a worker with {@code ?mode=C|D} and {@code ?raw}. */
    static final class Scripted extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                // The target of dispatch(): nothing more to do, the container completes the response.
                return;
            }
            String steps = req.getParameter("s");
            String mode = req.getParameter("mode");
            if (mode == null) {
                run(steps, res);
                return;
            }
            boolean raw = req.getParameter("raw") != null;
            // Both ways to start: with the chain's request and response (as Jersey does), or without arguments
            // and then working on AsyncContext.getResponse().
            AsyncContext ac = raw ? req.startAsync() : req.startAsync(req, res);
            ac.setTimeout(10_000);
            WORKERS.submit(() -> {
                try {
                    run(steps, raw ? (HttpServletResponse) ac.getResponse() : res);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    if (mode.equals("D")) {
                        ac.dispatch();
                    } else {
                        ac.complete();
                    }
                }
            });
        }

        private static void run(String steps, HttpServletResponse res) throws IOException {
            for (char c : steps.toCharArray()) {
                try {
                    switch (c) {
                        case 'E' -> res.sendError(500);
                        case 'S' -> res.setStatus(500);
                        case 'W' -> res.getOutputStream().write('x');
                        case 'F' -> res.flushBuffer();
                        default -> throw new IllegalArgumentException("step " + c);
                    }
                } catch (IllegalStateException committed) {
                    // sendError on a committed response: the container refuses, the app carries on.
                }
            }
        }
    }

    /** What the client gets and how many error log lines, by the servlet contract. */
    record Expect(int status, boolean problem, int logLines) {
    }

    static Expect model(String steps) {
        boolean committed = false;
        boolean errored = false;
        boolean body = false;
        boolean late = false;
        int status = 200;
        for (char c : steps.toCharArray()) {
            switch (c) {
                case 'E' -> {
                    if (committed && !errored) {
                        late = true;
                    } else {
                        errored = true;
                    }
                }
                case 'S' -> {
                    if (!committed && !errored) {
                        status = 500;
                    }
                }
                case 'W' -> body |= !errored;
                case 'F' -> committed |= !errored;
                default -> throw new IllegalArgumentException();
            }
        }
        if (errored) {
            // sendError before commit: the error is the answer, whatever was buffered.
            return new Expect(500, true, 1);
        }
        if (late) {
            // Too late to answer: the committed status stays, the failure is logged.
            return new Expect(status, false, 1);
        }
        if (status == 500 && !body) {
            // An error status and nothing to say: a problem document when still possible, always a log line.
            return new Expect(500, !committed, 1);
        }
        // The app's own answer (an error page it wrote itself included) is left alone.
        return new Expect(status, false, 0);
    }

    static List<String> scripts() {
        List<String> out = new ArrayList<>();
        String alphabet = "ESWF";
        List<String> level = List.of("");
        for (int len = 1; len <= 3; len++) {
            List<String> next = new ArrayList<>();
            for (String p : level) {
                for (char c : alphabet.toCharArray()) {
                    next.add(p + c);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(ctx -> {
            FilterHolder filter = new FilterHolder(new ErrorAnalysisFilter(ErrorFilterConfig.builder()
                    .earlyWarning(false).build()));
            filter.setAsyncSupported(true);
            ctx.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            ServletHolder scripted = new ServletHolder(new Scripted());
            scripted.setAsyncSupported(true);
            ctx.addServlet(scripted, "/s");
        });
        EVENTS.start();
        EVENT_LOGGER.addAppender(EVENTS);
    }

    @AfterAll
    static void stop() {
        EVENT_LOGGER.detachAppender(EVENTS);
        server.close();
        WORKERS.shutdownNow();
    }

    /** Error log lines since the given count (requests run one at a time; the line is written before the answer). */
    private static int logLinesSince(int before) {
        return EVENTS.list.size() - before;
    }

    private static void check(SoftAssertions soft, String steps, String mode, boolean raw) throws Exception {
        Expect e = model(steps);
        int before = EVENTS.list.size();
        String query = "/s?s=" + steps + (mode == null ? "" : "&mode=" + mode) + (raw ? "&raw" : "");
        HttpResponse<String> r = server.get(query);
        String what = query + " (model " + e + ")";
        soft.assertThat(r.statusCode()).as(what + " status").isEqualTo(e.status());
        if (e.status() >= 500) {
            soft.assertThat(r.statusCode()).as(what + " never a 2xx for a failure").isGreaterThanOrEqualTo(500);
        }
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (e.problem()) {
            soft.assertThat(ct).as(what + " content type").startsWith("application/problem+json");
            if (ct.startsWith("application/problem+json")) {
                soft.assertThat(JSON.readTree(r.body()).path("errorId").asText()).as(what + " errorId")
                        .matches("[0-9a-f-]{36}");
            }
        } else {
            soft.assertThat(ct).as(what + " no problem document").doesNotStartWith("application/problem+json");
            soft.assertThat(r.body()).as(what + " the app's body").isEqualTo("x".repeat(
                    (int) steps.chars().filter(c -> c == 'W').count()));
        }
        soft.assertThat(logLinesSince(before)).as(what + " log lines").isEqualTo(e.logLines());
    }

    @Test
    void synchronousScripts() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String steps : scripts()) {
            check(soft, steps, null, false);
        }
        soft.assertAll();
    }

    @Test
    void asyncScriptsEndedByComplete() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String steps : scripts()) {
            check(soft, steps, "C", false);
        }
        soft.assertAll();
    }

    @Test
    void asyncScriptsEndedByDispatch() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String steps : scripts()) {
            check(soft, steps, "D", false);
        }
        soft.assertAll();
    }

    @Test
    void asyncScriptsOnTheUnwrappedResponse() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String steps : scripts()) {
            check(soft, steps, "C", true);
        }
        soft.assertAll();
    }

    @Test
    void theModelItselfCallsALateSendErrorNoAnswer() {
        // Guards the model: a test whose expectations were wrong everywhere could still "pass" against a broken filter.
        assertThat(model("E")).isEqualTo(new Expect(500, true, 1));
        assertThat(model("WFE")).isEqualTo(new Expect(200, false, 1));
        assertThat(model("SW")).isEqualTo(new Expect(500, false, 0));
        assertThat(model("SF")).isEqualTo(new Expect(500, false, 1));
        assertThat(model("WF")).isEqualTo(new Expect(200, false, 0));
        assertThat(scripts()).hasSize(84);
    }
}
