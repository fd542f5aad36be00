package io.github.aifilters.examples.library;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test-only: starts async work that never completes, as an app whose callback is lost or whose dependency hangs; only
 * the async timeout ({@link #TIMEOUT_MS}) ends the request. Registered next to the library's servlets by each
 * container test at {@link #PATH}, async-supported.
 */
public class StalledServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    public static final String PATH = "/reports/stalled";
    /** Short, so the test waits little; the container's default (30 s) would make the same point slowly. */
    public static final long TIMEOUT_MS = 300;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        AsyncContext async = req.startAsync();
        async.setTimeout(TIMEOUT_MS);
    }
}
