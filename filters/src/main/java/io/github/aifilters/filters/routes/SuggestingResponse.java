package io.github.aifilters.filters.routes;

import io.github.aifilters.core.problem.Problem;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Watches the response for a 404 or 405 before anything is committed.
 *
 * <ul>
 *   <li>{@code sendError(404|405)} is held: the handler decides; with suggestions the problem document is written
 *       instead of the container's error page, otherwise the real {@code sendError} goes through.</li>
 *   <li>{@code setStatus(404|405)}: the handler adds its headers just before the first byte of the app's body (the
 *       app's own body is kept unless configured otherwise); when the app wrote nothing, {@link #finish()} writes the
 *       problem document.</li>
 * </ul>
 * Any status also gets the handler's look before the body starts (the intent suggestion header).
 */
final class SuggestingResponse extends HttpServletResponseWrapper {

    /** The filter's side: decides headers and the problem document for a status. */
    interface Handler {
        /**
         * Called before the body or error goes out for this status: sets headers on {@code raw}.
         *
         * @return the problem document to answer with when the body is ours to write, or null
         */
        Problem decide(int status, HttpServletResponse raw);

        /**
         * Writes the problem document to the raw response; false when it could not (committed).
         *
         * @param writerUsed whether the app already took the writer (then the output stream is off limits)
         */
        boolean write(HttpServletResponse raw, Problem problem, boolean writerUsed) throws IOException;
    }

    private final Handler handler;
    private final boolean replaceAppBody;
    private int status = SC_OK;
    private int decidedStatus = -1;
    private Problem problem;
    private boolean bodyStarted;
    private boolean swallow;
    private boolean ownBody;
    private ServletOutputStream stream;
    private PrintWriter writer;

    SuggestingResponse(HttpServletResponse response, Handler handler, boolean replaceAppBody) {
        super(response);
        this.handler = handler;
        this.replaceAppBody = replaceAppBody;
    }

    private static boolean watched(int sc) {
        return sc == SC_NOT_FOUND || sc == SC_METHOD_NOT_ALLOWED;
    }

    private HttpServletResponse raw() {
        return (HttpServletResponse) getResponse();
    }

    private void decide() {
        if (decidedStatus != status && !isCommitted()) {
            decidedStatus = status;
            problem = handler.decide(status, raw());
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (ownBody) {
            return;
        }
        if (isCommitted()) {
            super.sendError(sc, msg);
            return;
        }
        status = sc;
        decide();
        if (watched(sc) && problem != null && handler.write(raw(), problem, writer != null)) {
            ownBody = true;
            swallow = true;
            return;
        }
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void setStatus(int sc) {
        if (ownBody) {
            return;
        }
        super.setStatus(sc);
        status = sc;
    }

    @Override
    public void reset() {
        super.reset();
        status = SC_OK;
        decidedStatus = -1;
        problem = null;
        swallow = false;
        bodyStarted = false;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (beforeBody()) {
            super.flushBuffer();
        }
    }

    /** Runs once the app starts its body; returns whether the app's bytes go through. */
    private boolean beforeBody() {
        if (ownBody) {
            return false;
        }
        if (!bodyStarted) {
            bodyStarted = true;
            decide();
            if (replaceAppBody && watched(status) && problem != null) {
                swallow = true;
            }
        }
        return !swallow;
    }

    /** After the chain (synchronous requests): decides a body-less 404/405 and writes the held problem. */
    void finish() throws IOException {
        if (ownBody) {
            return;
        }
        decide();
        if (!isCommitted() && watched(status) && problem != null && (!bodyStarted || swallow)
                && handler.write(raw(), problem, writer != null)) {
            ownBody = true;
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new HookedStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new HookedWriter(super.getWriter()), false);
        }
        return writer;
    }

    private final class HookedStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        HookedStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            if (beforeBody()) {
                delegate.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (beforeBody()) {
                delegate.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (beforeBody()) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (beforeBody()) {
                delegate.close();
            }
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    private final class HookedWriter extends Writer {
        private final PrintWriter delegate;

        HookedWriter(PrintWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            if (beforeBody()) {
                delegate.write(cbuf, off, len);
            }
        }

        @Override
        public void write(String s, int off, int len) {
            if (beforeBody()) {
                delegate.write(s, off, len);
            }
        }

        @Override
        public void flush() {
            if (beforeBody()) {
                delegate.flush();
            }
        }

        @Override
        public void close() {
            if (beforeBody()) {
                delegate.close();
            }
        }
    }
}
