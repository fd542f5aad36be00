package io.github.aifilters.examples.library;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: a slow export whose client goes away before the answer. Each request hands a {@link Gate} to the test
 * ({@link #ARRIVED}) and waits until the test has closed its socket ({@link Gate#open()}); only then does it write a
 * body much larger than any socket buffer, so the write meets the closed connection: the container's own client-abort
 * exception ({@code EofException} in Jetty, {@code ClientAbortException} in Tomcat) escapes the servlet, as it does in
 * an app whose client hung up during a long response. The handshake, not timing, orders the steps.
 */
public class SlowDownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    public static final String PATH = "/reports/export";
    /** Requests that arrived, in order. */
    public static final BlockingQueue<Gate> ARRIVED = new LinkedBlockingQueue<>();
    /** Far more than the socket buffers of both ends, so some write must fail once the peer reset the connection. */
    private static final int MAX_BYTES = 64 << 20;

    /** One request's handshake with the test. */
    public static final class Gate {
        private final CountDownLatch open = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;

        public void open() {
            open.countDown();
        }

        /** What the servlet's write threw (null if everything was written), once the servlet returned. */
        public Throwable awaitDone(long seconds) throws InterruptedException {
            if (!done.await(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("the servlet did not finish within " + seconds + " s");
            }
            return failure;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Gate gate = new Gate();
        ARRIVED.add(gate);
        try {
            if (!gate.open.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never closed its connection");
            }
            res.setContentType("application/octet-stream");
            ServletOutputStream out = res.getOutputStream();
            byte[] chunk = new byte[64 << 10];
            for (int written = 0; written < MAX_BYTES; written += chunk.length) {
                out.write(chunk);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (IOException | RuntimeException e) {
            gate.failure = e;
            throw e;
        } finally {
            gate.done.countDown();
        }
    }
}
