package io.github.aifilters.core.filter;

/**
 * Tells a client that went away (closed or reset its connection while the app was still answering) from a failure of
 * the app. Nothing is wrong with the app and nothing can be answered: the error filter neither answers nor logs it,
 * and the monitoring filter does not count it as a server error.
 */
public final class ClientAborts {

    private ClientAborts() {
    }

    /**
     * Whether {@code t} or one of its causes is the container's way of saying the client disconnected: Jetty's
     * {@code EofException}, Tomcat's {@code ClientAbortException}, or a {@code ClosedChannelException}.
     */
    public static boolean isClientAbort(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String n = c.getClass().getName();
            if (n.endsWith(".EofException") || n.endsWith(".ClientAbortException")
                    || n.equals("java.nio.channels.ClosedChannelException")) {
                return true;
            }
        }
        return false;
    }
}
