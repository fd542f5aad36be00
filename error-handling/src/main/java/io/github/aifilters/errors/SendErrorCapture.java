package io.github.aifilters.errors;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntPredicate;

/**
 * The response passed down the chain: holds back the app's {@code sendError} for the statuses the filter answers
 * itself, and watches whether a body was written, so that an error status is resolved wherever the response
 * completes — when the chain returns on the request thread, at {@code AsyncContext.complete()} from any thread, on
 * the next ASYNC dispatch, on a container ERROR dispatch, at an async timeout — and exactly once ({@link #claim()}).
 *
 * <p>Why it must hold and not just watch: once {@code sendError} reaches the container the error page is written and
 * the problem document can no longer replace it. Why resolution cannot wait for the request thread: an async app calls
 * {@code sendError} on a worker and then {@code complete()}; a capture that only acts when the chain returns never
 * acts, and the container completes the untouched response as {@code 200} with an empty body.
 *
 * <p>After a held {@code sendError} the response behaves as committed, as {@code sendError} promises to the caller:
 * {@link #isCommitted()} is true, and later status changes, writes, flushes and resets are ignored, as a container
 * ignores them after its error page (a write or flush passed through would commit a {@code 200}).
 */
final class SendErrorCapture extends HttpServletResponseWrapper {

    /** What the capture saw, taken once by whoever resolves the response. */
    record Seen(int heldStatus, String heldMessage, int lateStatus, int status, boolean bodyWritten,
                boolean committed) {
    }

    private final IntPredicate hold;
    private int heldStatus;
    private String heldMessage;
    /** A sendError the app made after the response was committed: too late to answer, still worth a log line. */
    private int lateStatus;
    private boolean bodyWritten;
    private boolean claimed;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /**
     * @param hold which {@code sendError} statuses to hold back (the others go to the container unchanged); asked on
     *             the thread that calls {@code sendError}
     */
    SendErrorCapture(HttpServletResponse response, IntPredicate hold) {
        super(response);
        this.hold = hold;
    }

    private HttpServletResponse raw() {
        return (HttpServletResponse) getResponse();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        synchronized (this) {
            if (heldStatus != 0 || claimed) {
                // A second sendError after the first: the container would ignore it too (already committed).
                return;
            }
            if (raw().isCommitted()) {
                lateStatus = sc;
            } else if (hold.test(sc)) {
                heldStatus = sc;
                heldMessage = msg;
                return;
            }
        }
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public synchronized boolean isCommitted() {
        return heldStatus != 0 || super.isCommitted();
    }

    private synchronized boolean held() {
        return heldStatus != 0;
    }

    /**
     * The held status once the app called {@code sendError}, as the container's response would answer: a filter
     * between this one and the app (route learning, say) must not read the app's 501 or 500 as a 200.
     */
    @Override
    public synchronized int getStatus() {
        return heldStatus != 0 ? heldStatus : super.getStatus();
    }

    @Override
    public void setStatus(int sc) {
        if (!held()) {
            super.setStatus(sc);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!held()) {
            super.flushBuffer();
        }
    }

    @Override
    public void reset() {
        if (!held()) {
            super.reset();
        }
    }

    @Override
    public void resetBuffer() {
        if (!held()) {
            super.resetBuffer();
        }
    }

    /** Whether bytes may go to the client; records that the app's body started. */
    private synchronized boolean mayWrite(int len) {
        if (heldStatus != 0) {
            return false;
        }
        if (len > 0) {
            bodyWritten = true;
        }
        return true;
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new WatchedStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer == null) {
            // Around the container's own writer, so its encoding rules (charset in Content-Type) stay as they are.
            writer = new PrintWriter(new WatchedWriter(super.getWriter()), false);
        }
        return writer;
    }

    /**
     * Takes what was seen, once: the first caller resolves the response, every later one gets null. From then on the
     * capture holds nothing more (a late sendError goes to the container).
     */
    synchronized Seen claim() {
        if (claimed) {
            return null;
        }
        claimed = true;
        return new Seen(heldStatus, heldMessage, lateStatus, super.getStatus(), bodyWritten, super.isCommitted());
    }

    /**
     * Continues an earlier dispatch's capture (the app called {@code dispatch()}): what it saw — a body already
     * written, a late sendError — still describes this response; the earlier one is done.
     */
    void continueFrom(SendErrorCapture earlier) {
        Seen seen = earlier.claim();
        if (seen != null) {
            synchronized (this) {
                bodyWritten |= seen.bodyWritten();
                if (lateStatus == 0) {
                    lateStatus = seen.lateStatus();
                }
            }
        }
    }

    synchronized boolean claimed() {
        return claimed;
    }

    /** Whether a sendError is held and nobody resolved it yet. */
    synchronized boolean holding() {
        return heldStatus != 0 && !claimed;
    }

    /** The captured status, or 0. */
    synchronized int capturedStatus() {
        return heldStatus;
    }

    synchronized String capturedMessage() {
        return heldMessage;
    }

    private final class WatchedStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        WatchedStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            if (mayWrite(1)) {
                delegate.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (mayWrite(len)) {
                delegate.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (mayWrite(0)) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (mayWrite(0)) {
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

    private final class WatchedWriter extends Writer {
        private final PrintWriter delegate;

        WatchedWriter(PrintWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            if (mayWrite(len)) {
                delegate.write(cbuf, off, len);
            }
        }

        @Override
        public void write(String s, int off, int len) {
            if (mayWrite(len)) {
                delegate.write(s, off, len);
            }
        }

        @Override
        public void flush() {
            if (mayWrite(0)) {
                delegate.flush();
            }
        }

        @Override
        public void close() {
            if (mayWrite(0)) {
                delegate.close();
            }
        }
    }
}
