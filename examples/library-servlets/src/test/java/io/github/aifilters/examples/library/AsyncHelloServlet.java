package io.github.aifilters.examples.library;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The async servlet every docs snippet is tried with: it answers from another thread through an ASYNC dispatch, so a
 * filter in front of it that is not async-supported makes the container answer 500 "Async Not Supported", and one
 * not mapped for ASYNC is skipped on the dispatch.
 */
public class AsyncHelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
            res.setContentType("text/plain");
            res.getWriter().write("async ok");
            return;
        }
        AsyncContext async = req.startAsync();
        async.start(async::dispatch);
    }
}
