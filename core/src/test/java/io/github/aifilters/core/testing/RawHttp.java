package io.github.aifilters.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client for bodies a well-behaved client cannot send: truncated, badly chunked, dripping.
 *
 * @param status the response status, or -1 when the server closed without answering
 * @param head the status line and headers
 * @param body what followed the headers
 */
public record RawHttp(int status, String head, String body) {

    /** Sends {@code head} (request line and headers, without the blank line), then {@code body}, then half-closes. */
    public static RawHttp exchange(URI base, String head, byte[] body, boolean halfClose, int readTimeoutMillis)
            throws IOException {
        try (Socket s = open(base, head, readTimeoutMillis)) {
            OutputStream out = s.getOutputStream();
            out.write(body);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            return read(s.getInputStream());
        }
    }

    /**
     * Sends {@code head}, then {@code body} one byte every {@code gapMillis} on another thread (a slow-drip upload),
     * and returns the answer read meanwhile (or none within {@code readTimeoutMillis}).
     */
    public static RawHttp drip(URI base, String head, byte[] body, long gapMillis, int readTimeoutMillis)
            throws IOException {
        try (Socket s = open(base, head, readTimeoutMillis)) {
            OutputStream out = s.getOutputStream();
            Thread dripper = new Thread(() -> {
                try {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(gapMillis);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server answered and closed, or the test is over
                }
            }, "test-drip");
            dripper.setDaemon(true);
            dripper.start();
            try {
                return read(s.getInputStream());
            } finally {
                dripper.interrupt();
            }
        }
    }

    /** A connected socket with the request head (and its blank line) sent. */
    private static Socket open(URI base, String head, int readTimeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            s.setSoTimeout(readTimeoutMillis);
            s.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static RawHttp read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what came so far is the answer (or none)
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new RawHttp(-1, text, "");
        }
        return new RawHttp(Integer.parseInt(text.substring(9, 12)), split < 0 ? text : text.substring(0, split),
                split < 0 ? "" : text.substring(split + 4));
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        int cl = head.indexOf("content-length:");
        if (cl >= 0) {
            int end = head.indexOf("\r\n", cl);
            long len = Long.parseLong(head.substring(cl + 15, end < 0 ? head.length() : end).trim());
            return text.length() - split - 4 >= len;
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }
}
