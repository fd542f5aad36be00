package io.github.aifilters.core.body;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.internal.BodyReadMetrics;
import io.github.aifilters.core.internal.MediaTypes;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Body capture over real HTTP in Jetty 12 ee10: a test filter captures the body (cap 1 KiB unless said otherwise)
 * and passes the request on; the servlets report exactly what the app received.
 */
class BodyCapturingRequestJettyTest {

    private static final int CAP = 1024;
    private static final Charset SJIS = Charset.forName("Shift_JIS");

    /** What each capture filter saw, in order. */
    private final List<BodyRead> reads = new CopyOnWriteArrayList<>();
    /** Bytes the app pulled out of the container's own stream (below every wrapper). */
    private final AtomicLong containerBytesRead = new AtomicLong();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- fixtures ------------------------------------------------------------------------------------------------

    /** Captures the body up to {@code cap}, optionally lets a hook act on the wrapper, then passes on. */
    final class CaptureFilter implements Filter {
        private final int cap;
        private final Consumer<BodyCapturingRequest> hook;

        CaptureFilter(int cap, Consumer<BodyCapturingRequest> hook) {
            this.cap = cap;
            this.hook = hook;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            BodyCapturingRequest body = BodyCapturingRequest.install(req);
            reads.add(body.read(cap));
            hook.accept(body);
            chain.doFilter(body.downstream(req), response);
        }
    }

    /** Counts the bytes read from the container's stream, so a test can prove the body was read once. */
    final class CountingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
                @Override
                public ServletInputStream getInputStream() throws IOException {
                    ServletInputStream in = super.getInputStream();
                    return new ServletInputStream() {
                        @Override
                        public int read() throws IOException {
                            int b = in.read();
                            if (b >= 0) {
                                containerBytesRead.incrementAndGet();
                            }
                            return b;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = in.read(b, off, len);
                            if (n > 0) {
                                containerBytesRead.addAndGet(n);
                            }
                            return n;
                        }

                        @Override
                        public boolean isFinished() {
                            return in.isFinished();
                        }

                        @Override
                        public boolean isReady() {
                            return in.isReady();
                        }

                        @Override
                        public void setReadListener(ReadListener l) {
                            in.setReadListener(l);
                        }
                    };
                }
            }, response);
        }
    }

    /** Answers the exact bytes it read from getInputStream, with the Content-Length it was told. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = req.getInputStream().readAllBytes();
            resp.setHeader("X-Content-Length", Long.toString(req.getContentLengthLong()));
            resp.setHeader("X-Content-Length-Header", String.valueOf(req.getHeader("Content-Length")));
            resp.setHeader("X-Request-URI", req.getRequestURI());
            resp.setHeader("X-Transfer-Encoding", String.valueOf(req.getHeader("Transfer-Encoding")));
            resp.setHeader("X-Dispatcher-Type", req.getDispatcherType().name());
            resp.setContentType("application/octet-stream");
            resp.getOutputStream().write(body);
        }
    }

    /** Answers the text read through getReader, re-encoded as UTF-8. */
    static final class ReaderServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[512];
            int n;
            while ((n = req.getReader().read(buf)) >= 0) {
                sb.append(buf, 0, n);
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(sb.toString());
        }
    }

    /** Answers the parameter map, sorted: {@code a=[1, 2]\nb=[x]}. */
    static final class ParamsServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getHeader("X-App-Encoding") != null) {
                req.setCharacterEncoding(req.getHeader("X-App-Encoding")); // as many Japanese apps do
            }
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(req.getParameterMap()).forEach((k, v) -> sb.append(k).append('=')
                    .append(List.of(v)).append('\n'));
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(sb.toString());
        }
    }

    /** Parses multipart parts and answers {@code name:size:sha} per part. */
    static final class MultipartServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            StringBuilder sb = new StringBuilder();
            for (Part p : req.getParts()) {
                byte[] bytes = p.getInputStream().readAllBytes();
                sb.append(p.getName()).append(':').append(bytes.length).append(':').append(sha(bytes)).append('\n');
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(sb.toString());
        }
    }

    /** Reads the body with a ReadListener (non-blocking) and answers the bytes' sha-256 and count. */
    static final class AsyncEchoServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            AsyncContext async = req.startAsync();
            ServletInputStream in = req.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() throws IOException {
                    byte[] buf = new byte[4096];
                    while (in.isReady()) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        received.write(buf, 0, n);
                    }
                }

                @Override
                public void onAllDataRead() throws IOException {
                    byte[] bytes = received.toByteArray();
                    resp.setContentType("text/plain;charset=UTF-8");
                    resp.getWriter().write(bytes.length + ":" + sha(bytes));
                    async.complete();
                }

                @Override
                public void onError(Throwable t) {
                    resp.setStatus(599);
                    async.complete();
                }
            });
        }
    }

    /** On the REQUEST dispatch starts async and dispatches to /echo, which reads the body on the ASYNC dispatch. */
    static final class AsyncDispatchServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            req.startAsync().dispatch("/echo");
        }
    }

    private void start(Filter... filters) {
        server = TestServer.start(ctx -> {
            for (Filter f : filters) {
                FilterHolder holder = new FilterHolder(f);
                holder.setAsyncSupported(true);
                ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            servlet(ctx, new EchoServlet(), "/echo");
            servlet(ctx, new ReaderServlet(), "/reader");
            servlet(ctx, new ParamsServlet(), "/params");
            servlet(ctx, new AsyncEchoServlet(), "/async");
            servlet(ctx, new AsyncDispatchServlet(), "/dispatch");
            ServletHolder multipart = servlet(ctx, new MultipartServlet(), "/multipart");
            multipart.getRegistration().setMultipartConfig(new MultipartConfigElement(""));
        });
    }

    private static ServletHolder servlet(ServletContextHandler ctx, HttpServlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        ctx.addServlet(holder, path);
        return holder;
    }

    private void startCapturing(int cap) {
        start(new CountingFilter(), new CaptureFilter(cap, b -> { }));
    }

    private HttpResponse<byte[]> post(String path, String contentType, HttpRequest.BodyPublisher body) {
        try {
            return server.client().send(server.request(path).header("Content-Type", contentType).POST(body).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        return post(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Forces chunked transfer: the client cannot know the length of an InputStream. */
    private HttpResponse<byte[]> postChunked(String path, String contentType, byte[] body) {
        return post(path, contentType, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A JSON document of about {@code n} bytes. */
    private static byte[] json(int n) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        int i = 0;
        while (sb.length() < n - 2) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item-").append(i++)
                    .append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private BodyRead onlyRead() {
        assertThat(reads).hasSize(1);
        return reads.get(0);
    }

    // --- JSON ----------------------------------------------------------------------------------------------------

    @Test
    void jsonWithinTheCapIsCapturedAndTheAppReadsTheSameBytes() {
        startCapturing(CAP);
        byte[] body = "{\"message\":\"héllo wörld\",\"n\":1}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> r = post("/echo", "application/json", body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue(Integer.toString(body.length));
        BodyRead read = onlyRead();
        assertThat(read.outcome()).isEqualTo(BodyRead.Outcome.CAPTURED);
        CapturedBody captured = read.body().orElseThrow();
        assertThat(captured.bytes()).isEqualTo(body);
        assertThat(captured.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(captured.isJson()).isTrue();
        assertThat(captured.text()).contains("héllo wörld");
        assertThat(containerBytesRead.get()).isEqualTo(body.length);
    }

    @Test
    void aBodyOfExactlyTheCapIsCaptured() {
        startCapturing(CAP);
        byte[] body = json(CAP);
        body = java.util.Arrays.copyOf(body, CAP); // exact size; validity of JSON does not matter to capture
        HttpResponse<byte[]> r = post("/echo", "text/plain", body);
        assertThat(r.body()).isEqualTo(body);
        assertThat(onlyRead().outcome()).isEqualTo(BodyRead.Outcome.CAPTURED);
    }

    @Test
    void theAppUsingGetReaderReadsTheCapturedText() {
        startCapturing(CAP);
        HttpResponse<byte[]> r = post("/reader", "application/json", "{\"q\":\"ça marche\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(text(r)).isEqualTo("{\"q\":\"ça marche\"}");
        assertThat(onlyRead().isCaptured()).isTrue();
    }

    // --- forms ---------------------------------------------------------------------------------------------------

    @Test
    void formParametersStillWorkAfterCaptureIncludingQueryParametersFirst() {
        startCapturing(CAP);
        HttpResponse<byte[]> r = post("/params?a=1&b=from+query", "application/x-www-form-urlencoded",
                "a=2&c=%C3%A9t%C3%A9&d=x+y&empty=".getBytes(StandardCharsets.UTF_8));

        assertThat(text(r)).isEqualTo("a=[1, 2]\nb=[from query]\nc=[été]\nd=[x y]\nempty=[]\n");
        assertThat(onlyRead().body().orElseThrow().isForm()).isTrue();
    }

    @Test
    void iso88591FormIsDecodedWithItsCharset() {
        startCapturing(CAP);
        HttpResponse<byte[]> r = post("/params", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "name=caf%E9&city=M%FCnchen".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(r)).isEqualTo("city=[München]\nname=[café]\n");
    }

    @Test
    void shiftJisFormIsDecodedWithItsCharset() {
        startCapturing(CAP);
        String encoded = "q=" + URLEncoder.encode("日本語の検索", SJIS);
        HttpResponse<byte[]> r = post("/params", "application/x-www-form-urlencoded; charset=Shift_JIS",
                encoded.getBytes(StandardCharsets.US_ASCII));
        assertThat(text(r)).isEqualTo("q=[日本語の検索]\n");
    }

    @Test
    void formThatOutgrowsTheCapWhileChunkedStillYieldsAllParameters() {
        startCapturing(64);
        String big = "x".repeat(5000);
        HttpResponse<byte[]> r = postChunked("/params?a=1", "application/x-www-form-urlencoded",
                ("a=2&big=" + big + "&z=last").getBytes(StandardCharsets.US_ASCII));
        assertThat(text(r)).isEqualTo("a=[1, 2]\nbig=[" + big + "]\nz=[last]\n");
        assertThat(onlyRead().outcome()).isEqualTo(BodyRead.Outcome.OVER_CAP);
    }

    @Test
    void formWithRawShiftJisBytesIsDecodedWithItsCharset() {
        startCapturing(CAP);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("q=".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes("東京".getBytes(SJIS)); // unescaped, as some clients send
        body.writeBytes("&n=1".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> r = post("/params", "application/x-www-form-urlencoded; charset=Shift_JIS",
                body.toByteArray());
        assertThat(text(r)).isEqualTo("n=[1]\nq=[東京]\n");
    }

    @Test
    void theAppsSetCharacterEncodingDecidesHowTheFormIsDecoded() {
        startCapturing(CAP);
        String encoded = "q=" + URLEncoder.encode("大阪", SJIS);
        try {
            HttpResponse<byte[]> r = server.client().send(server.request("/params")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-App-Encoding", "Shift_JIS")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(text(r)).isEqualTo("q=[大阪]\n");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(onlyRead().isCaptured()).isTrue();
    }

    // --- charsets of text bodies ---------------------------------------------------------------------------------

    @Test
    void iso88591TextIsCapturedAndReadWithItsCharset() {
        startCapturing(CAP);
        String text = "Grüße aus Köln, café";
        HttpResponse<byte[]> r = post("/reader", "text/plain; charset=ISO-8859-1",
                text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(text(r)).isEqualTo(text);
        CapturedBody captured = onlyRead().body().orElseThrow();
        assertThat(captured.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(captured.text()).isEqualTo(text);
    }

    @Test
    void shiftJisTextIsCapturedAndReadWithItsCharset() {
        startCapturing(CAP);
        String text = "注文番号を教えてください";
        byte[] body = text.getBytes(SJIS);
        HttpResponse<byte[]> r = post("/reader", "text/plain;charset=\"Shift_JIS\"", body);
        assertThat(text(r)).isEqualTo(text);
        assertThat(onlyRead().body().orElseThrow().text()).isEqualTo(text);
        // and byte-exact for an app reading the stream
        reads.clear();
        assertThat(post("/echo", "text/plain;charset=Shift_JIS", body).body()).isEqualTo(body);
    }

    // --- types never buffered ------------------------------------------------------------------------------------

    @Test
    void multipartIsNotBufferedAndTheAppParsesTheParts() {
        startCapturing(CAP);
        byte[] file = randomBytes(300_000, 7);
        String boundary = "----aifilters" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<byte[]> r = post("/multipart", "multipart/form-data; boundary=" + boundary, body.toByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("title:5:" + sha("hello".getBytes(StandardCharsets.US_ASCII)) + "\nfile:"
                + file.length + ":" + sha(file) + "\n");
        assertThat(onlyRead().outcome()).isEqualTo(BodyRead.Outcome.NOT_CAPTURABLE);
    }

    @Test
    void octetStreamAndEventStreamAreNeverBuffered() {
        startCapturing(CAP);
        byte[] small = randomBytes(100, 3);
        assertThat(post("/echo", "application/octet-stream", small).body()).isEqualTo(small);
        assertThat(post("/echo", "text/event-stream", "data: x\n\n".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("data: x\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/echo", "image/png", small).body()).isEqualTo(small);
        assertThat(reads).extracting(BodyRead::outcome).containsExactly(BodyRead.Outcome.NOT_CAPTURABLE,
                BodyRead.Outcome.NOT_CAPTURABLE, BodyRead.Outcome.NOT_CAPTURABLE);
    }

    // --- chunked and over the cap --------------------------------------------------------------------------------

    @Test
    void chunkedBodyWithinTheCapIsCapturedAndTheAppSeesItsLength() {
        startCapturing(CAP);
        byte[] body = json(800);
        HttpResponse<byte[]> r = postChunked("/echo", "application/json", body);
        assertThat(r.body()).isEqualTo(body);
        assertThat(onlyRead().body().orElseThrow().bytes()).isEqualTo(body);
        // the body is held whole now, so the app is told its length instead of "unknown"
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue(Integer.toString(body.length));
        assertThat(r.headers().firstValue("X-Content-Length-Header")).hasValue(Integer.toString(body.length));
        assertThat(r.headers().firstValue("X-Transfer-Encoding")).as("no longer chunked").hasValue("null");
    }

    @Test
    void declaredOverCapBodyIsSkippedAndTheAppGetsEveryByte() {
        startCapturing(CAP);
        byte[] body = json(500_000);
        HttpResponse<byte[]> r = post("/echo", "application/json", body);
        assertThat(sha(r.body())).isEqualTo(sha(body));
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue(Integer.toString(body.length));
        assertThat(onlyRead().outcome()).isEqualTo(BodyRead.Outcome.OVER_CAP);
        assertThat(onlyRead().body()).isEmpty();
    }

    @Test
    void chunkedBodyGrowingPastTheCapIsSkippedAndTheAppGetsEveryByte() {
        startCapturing(CAP);
        byte[] body = json(500_000);
        HttpResponse<byte[]> r = postChunked("/echo", "application/json", body);
        assertThat(r.headers().firstValue("X-Transfer-Encoding")).hasValue("chunked");
        assertThat(r.body().length).isEqualTo(body.length);
        assertThat(sha(r.body())).isEqualTo(sha(body));
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue("-1");
        assertThat(onlyRead().outcome()).isEqualTo(BodyRead.Outcome.OVER_CAP);
        assertThat(containerBytesRead.get()).isEqualTo(body.length);
    }

    @Test
    void theDefaultCapIs64KiB() {
        assertThat(BodyCaptureConfig.DEFAULT.maxBytes()).isEqualTo(64 * 1024);
        start(new CaptureFilter(BodyCaptureConfig.DEFAULT_MAX_BYTES, b -> { }));
        byte[] under = json(64 * 1024 - 100);
        byte[] over = json(64 * 1024 + 100);
        assertThat(under.length).isLessThanOrEqualTo(64 * 1024);
        assertThat(over.length).isGreaterThan(64 * 1024);
        post("/echo", "application/json", under);
        postChunked("/echo", "application/json", over);
        assertThat(reads).extracting(BodyRead::outcome)
                .containsExactly(BodyRead.Outcome.CAPTURED, BodyRead.Outcome.OVER_CAP);
    }

    // --- async I/O -----------------------------------------------------------------------------------------------

    @Test
    void asyncReadListenerReceivesTheCapturedBody() {
        startCapturing(CAP);
        byte[] body = json(900);
        HttpResponse<byte[]> r = post("/async", "application/json", body);
        assertThat(text(r)).isEqualTo(body.length + ":" + sha(body));
        assertThat(onlyRead().isCaptured()).isTrue();
    }

    @Test
    void asyncReadListenerReceivesEveryByteOfAnOverCapBody() {
        startCapturing(CAP);
        byte[] body = json(300_000);
        HttpResponse<byte[]> chunked = postChunked("/async", "application/json", body);
        assertThat(text(chunked)).isEqualTo(body.length + ":" + sha(body));
        HttpResponse<byte[]> declared = post("/async", "application/json", body);
        assertThat(text(declared)).isEqualTo(body.length + ":" + sha(body));
        assertThat(reads).extracting(BodyRead::outcome)
                .containsExactly(BodyRead.Outcome.OVER_CAP, BodyRead.Outcome.OVER_CAP);
    }

    @Test
    void anAsyncDispatchReadsTheBodyCapturedOnTheRequestDispatch() {
        startCapturing(CAP);
        byte[] body = json(600);
        HttpResponse<byte[]> r = post("/dispatch", "application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("X-Dispatcher-Type")).hasValue("ASYNC");
        assertThat(r.headers().firstValue("X-Request-URI")).hasValue("/echo");
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue(Integer.toString(body.length));
        assertThat(reads).hasSize(2); // the filter ran on both dispatches and got the one result
        assertThat(reads.get(1)).isSameAs(reads.get(0));
    }

    // --- replacement and sharing ---------------------------------------------------------------------------------

    @Test
    void aReplacedBodyReachesTheAppWithTheRightContentLength() {
        byte[] corrected = "{\"email\":\"ada@example.com\",\"age\":36,\"note\":\"corrected\"}"
                .getBytes(StandardCharsets.UTF_8);
        start(new CaptureFilter(CAP, b -> b.replaceBody(corrected)));
        HttpResponse<byte[]> r = post("/echo", "application/json",
                "{\"email\":\"ada@example\",\"age\":\"36\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).isEqualTo(corrected);
        assertThat(r.headers().firstValue("X-Content-Length")).hasValue(Integer.toString(corrected.length));
        assertThat(r.headers().firstValue("X-Content-Length-Header")).hasValue(Integer.toString(corrected.length));
    }

    @Test
    void aReplacedFormBodyChangesTheParameters() {
        start(new CaptureFilter(CAP, b -> b.replaceBody("a=fixed".getBytes(StandardCharsets.US_ASCII))));
        HttpResponse<byte[]> r = post("/params", "application/x-www-form-urlencoded",
                "a=broken&b=2".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(r)).isEqualTo("a=[fixed]\n");
    }

    @Test
    void aSecondFilterReusesTheSameCaptureAndTheBodyIsReadOnce() {
        List<BodyCapturingRequest> wrappers = new ArrayList<>();
        start(new CountingFilter(), new CaptureFilter(CAP, wrappers::add), new CaptureFilter(CAP * 4, wrappers::add));
        byte[] body = json(700);

        HttpResponse<byte[]> r = post("/echo", "application/json", body);

        assertThat(r.body()).isEqualTo(body);
        assertThat(wrappers).hasSize(2);
        assertThat(wrappers.get(1)).isSameAs(wrappers.get(0));
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1)).isSameAs(reads.get(0));
        assertThat(containerBytesRead.get()).as("bytes pulled from the container").isEqualTo(body.length);
    }

    @Test
    void theSecondFilterSeesTheFirstFiltersReplacement() {
        List<String> seenBySecond = new ArrayList<>();
        start(new CaptureFilter(CAP, b -> b.replaceBody("{\"v\":2}".getBytes(StandardCharsets.UTF_8))),
                new CaptureFilter(CAP, b -> seenBySecond.add(b.captured().orElseThrow().text())));
        post("/echo", "application/json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(seenBySecond).containsExactly("{\"v\":2}");
        assertThat(reads.get(1).body().orElseThrow().text()).isEqualTo("{\"v\":2}");
    }

    @Test
    void anEmptyBodyIsReportedEmpty() {
        startCapturing(CAP);
        post("/echo", "application/json", new byte[0]);
        HttpResponse<byte[]> chunked = postChunked("/echo", "application/json", new byte[0]);
        assertThat(chunked.body()).isEmpty();
        assertThat(reads).extracting(BodyRead::outcome).containsExactly(BodyRead.Outcome.EMPTY, BodyRead.Outcome.EMPTY);
    }

    @Test
    void skipsAreCountedByReason() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        BodyReadMetrics.record(registry, "intent", BodyRead.of(BodyRead.Outcome.OVER_CAP));
        BodyReadMetrics.record(registry, "intent", BodyRead.of(BodyRead.Outcome.OVER_CAP));
        BodyReadMetrics.record(registry, "intent", BodyRead.of(BodyRead.Outcome.NOT_CAPTURABLE));
        BodyReadMetrics.record(registry, "intent", BodyRead.of(BodyRead.Outcome.EMPTY));
        BodyReadMetrics.record(registry, "intent", BodyRead.captured(
                new CapturedBody(new byte[] {1}, StandardCharsets.UTF_8, "text/plain")));
        assertThat(registry.get(BodyReadMetrics.SKIPPED).tag("reason", "over_cap").counter().count()).isEqualTo(2);
        assertThat(registry.get(BodyReadMetrics.SKIPPED).tag("reason", "not_capturable").counter().count())
                .isEqualTo(1);
        assertThat(registry.find(BodyReadMetrics.SKIPPED).counters()).hasSize(2);
    }

    @Test
    void mediaTypesParsing() {
        assertThat(MediaTypes.mediaType("Application/JSON; charset=UTF-8")).isEqualTo("application/json");
        assertThat(MediaTypes.charset("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MediaTypes.charset("text/plain; charset=\"shift_jis\"")).isEqualTo(SJIS);
        assertThat(MediaTypes.charset("text/plain; charset=bogus-42")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MediaTypes.isCapturable("application/vnd.api+json")).isTrue();
        assertThat(MediaTypes.isCapturable("application/x-www-form-urlencoded")).isTrue();
        for (String binary : List.of("multipart/form-data", "application/octet-stream", "text/event-stream",
                "image/png", "application/pdf", "")) {
            assertThat(MediaTypes.isCapturable(binary)).as(binary).isFalse();
        }
        assertThat(Map.of()).isEmpty();
    }
}
