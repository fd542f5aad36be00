package io.github.aifilters.errors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds back {@code sendError(5xx)} from the app so the filter can answer with a problem document instead of the
 * container's error page. Other statuses, and any call once the response is committed, go through unchanged.
 * After a captured call the response reports itself committed, as {@code sendError} promises to the caller.
 */
final class SendErrorCapture extends HttpServletResponseWrapper {

    private int status;
    private String message;

    SendErrorCapture(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int sc, String msg) throws java.io.IOException {
        if (sc >= 500 && status == 0 && !super.isCommitted()) {
            status = sc;
            message = msg;
            return;
        }
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws java.io.IOException {
        sendError(sc, null);
    }

    @Override
    public boolean isCommitted() {
        return status != 0 || super.isCommitted();
    }

    /** The captured status, or 0. */
    int capturedStatus() {
        return status;
    }

    String capturedMessage() {
        return message;
    }
}
