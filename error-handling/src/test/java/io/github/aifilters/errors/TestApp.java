package io.github.aifilters.errors;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The application under the filter: each path fails in its own way, with secrets in its messages. */
final class TestApp {

    static final String SECRET = "hunter2-s3cr3t";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    /** Secrets carried by the messages of the {@code llm-secrets} error: none may reach the LLM's prompt. */
    static final class LlmSecrets {
        static final String BEARER = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
        static final String PASSWORD = "correct-horse-battery-staple";
        static final String CARD = "4111 1111 1111 1111";
        static final String SK_KEY = "sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789";

        private LlmSecrets() {
        }
    }

    /** Names developers give their exceptions; the analyser must understand them from the name alone. */
    static final class TokenExpiredException extends RuntimeException {
        TokenExpiredException(String m) {
            super(m);
        }
    }

    static final class AccessDeniedException extends RuntimeException {
        AccessDeniedException(String m) {
            super(m);
        }
    }

    static final class RateLimitExceededException extends RuntimeException {
        RateLimitExceededException(String m) {
            super(m);
        }
    }

    static final class PaymentDeclinedException extends RuntimeException {
        PaymentDeclinedException(String m) {
            super(m);
        }
    }

    /** Throws on GET according to the last path segment. */
    static final class Failing extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
            String what = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
            int slash = what.indexOf('/');
            String kind = slash >= 0 ? what.substring(0, slash) : what;
            switch (kind) {
                case "ok" -> {
                    if (req.getParameter("fail") != null) {
                        throw new IllegalStateException("intermittent failure");
                    }
                    res.getWriter().write("fine");
                }
                case "validation" -> Integer.parseInt("12a");
                case "validation-sql" -> throw new IllegalArgumentException(
                        "Invalid filter: SELECT * FROM users WHERE api_key=" + SECRET);
                case "authentication" -> throw new TokenExpiredException("JWT " + JWT + " expired at 2026-01-01");
                case "authorization" -> throw new AccessDeniedException("user 42 lacks role ADMIN on /srv/app/admin");
                case "not_found" -> throw new NoSuchElementException("No value present");
                case "rate_limit" -> throw new RateLimitExceededException("limit 10/s for api_key=" + SECRET);
                case "external_service" -> throw new IllegalStateException("payment call failed",
                        new ConnectException("Connection refused: payments.internal/10.0.3.4:8443"));
                case "database" -> throw new ServletException("Request processing failed",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request "
                                + "timed out after 30000ms. jdbc:postgresql://db.internal:5432/app?password=" + SECRET));
                case "internal" -> {
                    String s = req.getParameter("nothing");
                    s.length(); // NullPointerException with a helpful message naming the variable
                }
                case "internal-secret" -> throw new IllegalStateException("Cannot read /etc/app/keys.pem token="
                        + SECRET + " at com.acme.Secrets.load(Secrets.java:42)");
                case "declined" -> throw new PaymentDeclinedException("card declined");
                case "llm-secrets" -> throw new IllegalStateException("upstream said: Authorization: Bearer "
                        + LlmSecrets.BEARER + " please pay with " + LlmSecrets.CARD + " using key " + LlmSecrets.SK_KEY
                        + " password=" + LlmSecrets.PASSWORD, new ConnectException("Connection refused for card "
                        + LlmSecrets.CARD + " password=" + LlmSecrets.PASSWORD));
                case "committed" -> {
                    res.setContentType("text/plain");
                    res.getWriter().write("partial body");
                    res.flushBuffer();
                    throw new IllegalStateException("failed after commit " + SECRET);
                }
                case "send-error" -> res.sendError(503, "db down password=" + SECRET);
                case "send-error-404" -> res.sendError(404);
                default -> res.setStatus(204);
            }
        }
    }

    /**
     * Async: the work runs on another thread and fails there; the failure comes back through
     * {@code AsyncContext.dispatch()} (the DeferredResult / CompletableFuture pattern) and is rethrown on the ASYNC
     * dispatch.
     */
    static final class AsyncFailing extends HttpServlet {
        private final transient ExecutorService pool = Executors.newFixedThreadPool(2);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException {
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                Object failure = req.getAttribute("failure");
                throw new ServletException("Async processing failed", (Throwable) failure);
            }
            AsyncContext ctx = req.startAsync();
            ctx.setTimeout(10_000);
            pool.submit(() -> {
                try {
                    Thread.sleep(20);
                    throw new ConnectException("Connection refused: inventory:9090");
                } catch (Exception e) {
                    req.setAttribute("failure", e);
                    ctx.dispatch();
                }
            });
        }

        @Override
        public void destroy() {
            pool.shutdownNow();
        }
    }

    /**
     * Async work handed to the container with {@code AsyncContext.start(Runnable)}, which fails there: without the
     * filter, Jetty only logs the exception and the client waits for the async timeout (10 s here).
     */
    static final class AsyncStartFailing extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) {
            AsyncContext ctx = req.startAsync();
            ctx.setTimeout(10_000);
            ctx.start(() -> {
                throw new IllegalStateException("inventory state broken for api_key=" + SECRET);
            });
        }
    }

    /** Starts async work and never completes it: the container's async timeout fires. */
    static final class AsyncNeverCompletes extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) {
            req.startAsync().setTimeout(200);
        }
    }

    private TestApp() {
    }
}
