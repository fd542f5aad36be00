package io.github.aifilters.core.body;

import io.github.aifilters.core.internal.MediaTypes;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one request wrapper through which every filter and the app read the body once between them.
 *
 * <p>Installed by the first filter that needs the body ({@link #install}) and stored under the request attribute
 * {@link #ATTRIBUTE}; later filters find it there, so a body is never buffered twice. Usage:
 * <pre>{@code
 * BodyCapturingRequest body = BodyCapturingRequest.install(request);
 * BodyRead read = body.read(maxBytes);          // first call decides, later calls (other filters) get the same
 * read.body().ifPresent(b -> analyse(b.text()));
 * chain.doFilter(body.downstream(request), response);
 * }</pre>
 *
 * <h2>State machine</h2>
 * <pre>
 *            read(): capturable type, whole body &lt;= cap               replaceBody()
 *   UNREAD ───────────────────────────────────────────▶ BUFFERED ─────────────────▶ REPLACED ──┐ replaceBody()
 *     │                                                                                 ▲───────┘
 *     ├─ read(): declared Content-Length &gt; cap ─────────────▶ PASS_THROUGH   (OVER_CAP, nothing read)
 *     ├─ read(): multipart/octet-stream/event-stream/unknown ─▶ PASS_THROUGH   (NOT_CAPTURABLE)
 *     ├─ read(): Content-Length: 0 ─────────────────────────▶ PASS_THROUGH   (EMPTY)
 *     ├─ read(): no length (chunked), grows past cap ────────▶ PREFIXED       (OVER_CAP, cap+1 bytes held)
 *     ├─ read(): I/O error part-way ─────────────────────────▶ PREFIXED       (READ_FAILED, bytes so far held)
 *     └─ app calls getInputStream/getReader/getParameter* first ▶ PASS_THROUGH (a later read(): ALREADY_CONSUMED)
 * </pre>
 * <ul>
 *   <li><b>UNREAD</b>: nothing read. The first {@link #read(int)} decides and its {@link BodyRead} is kept: every
 *       later call, whatever its cap, returns the same result (the body is read once).</li>
 *   <li><b>BUFFERED / REPLACED</b>: the whole body is held; the app reads the held bytes. {@code Content-Length}
 *       ({@link #getContentLength()}, {@link #getContentLengthLong()} and the header) reports the held length, and
 *       {@code Transfer-Encoding} is hidden since the body is no longer chunked. For
 *       {@code application/x-www-form-urlencoded} the {@code getParameter*} methods are answered from the held bytes
 *       plus the query string (query values first, as the Servlet spec says), because the container can no longer
 *       parse the consumed stream.</li>
 *   <li><b>PREFIXED</b>: the filters skip the body; the app reads the held prefix, then the container's stream, so
 *       it receives every byte, untouched. A form in this state is parsed from prefix + rest on first
 *       {@code getParameter*}, bounded by {@link #MAX_FORM_BYTES} as containers bound forms.</li>
 *   <li><b>PASS_THROUGH</b>: every call goes to the container untouched.</li>
 * </ul>
 *
 * <h2>Charsets</h2>
 * The captured text is decoded with the Content-Type charset, UTF-8 when absent (JSON's only encoding). The app's
 * {@link #getReader()} and form parameters use {@link #getCharacterEncoding()} (so an app calling
 * {@code setCharacterEncoding} still wins), else UTF-8. Query strings are decoded as UTF-8, as Jetty 12 does.
 *
 * <h2>Async I/O</h2>
 * In BUFFERED, REPLACED and PREFIXED states {@link ServletInputStream#setReadListener} registers a forwarding
 * listener on the container's stream, so callbacks arrive on container threads as usual; {@code isReady()} is true
 * while held bytes remain and then defers to the container, and {@code onAllDataRead} is delivered only after the
 * held bytes were offered through {@code onDataAvailable}.
 *
 * <h2>Dispatches</h2>
 * The wrapper lives in a request attribute, not a ThreadLocal, so an ASYNC (or ERROR) dispatch on another thread
 * finds it. When the chain of that dispatch carries a different request object, {@link #downstream} hands on a thin
 * view over that request that reads the body through this wrapper.
 */
public class BodyCapturingRequest extends HttpServletRequestWrapper {

    /** Request attribute holding the installed wrapper. */
    public static final String ATTRIBUTE = BodyCapturingRequest.class.getName();

    /**
     * Bound on a form that outgrew the capture cap and is then parsed for {@code getParameter*} (Jetty's default
     * {@code maxFormContentSize}); beyond it {@code getParameter*} throws {@link IllegalStateException}.
     */
    public static final int MAX_FORM_BYTES = 200_000;

    private enum State { UNREAD, BUFFERED, REPLACED, PREFIXED, PASS_THROUGH }

    private volatile State state = State.UNREAD;
    private BodyRead result;
    private volatile byte[] held;
    /** Set when the filters' read failed: the app's read throws it after the held bytes. */
    private volatile IOException failure;
    private ServletInputStream stream;
    private BufferedReader reader;
    private Map<String, String[]> formParameters;
    /** Set by the app after capture: the container ignores it once its stream was read, so it is kept here. */
    private volatile String appEncoding;

    protected BodyCapturingRequest(HttpServletRequest request) {
        super(request);
    }

    /**
     * Returns the wrapper already installed on this request, or installs one. Pass the result of
     * {@link #downstream(HttpServletRequest)} down the chain.
     */
    public static BodyCapturingRequest install(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof BodyCapturingRequest wrapper) {
            return wrapper;
        }
        BodyCapturingRequest wrapper = new BodyCapturingRequest(request);
        request.setAttribute(ATTRIBUTE, wrapper);
        return wrapper;
    }

    /** The installed wrapper, if any filter installed one. */
    public static Optional<BodyCapturingRequest> find(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        return existing instanceof BodyCapturingRequest w ? Optional.of(w) : Optional.empty();
    }

    /**
     * The request to hand to the rest of the chain.
     * <ul>
     *   <li>{@code current} when it is, or already wraps, this wrapper (installed by an earlier filter);</li>
     *   <li>this wrapper when {@code current} is the request it wraps;</li>
     *   <li>otherwise (another dispatch, or a request object another filter made) a view of {@code current} whose
     *       body, Content-Length and form parameters come from this wrapper.</li>
     * </ul>
     */
    public HttpServletRequest downstream(HttpServletRequest current) {
        if (current == this || current instanceof ServletRequestWrapper w && w.isWrapperFor(this)) {
            return current;
        }
        if (current == getRequest()) {
            return this;
        }
        return new View(current, this);
    }

    /**
     * Reads the body for analysis, up to {@code maxBytes}. The first call decides; later calls (from other filters)
     * get the same result. Never throws: a failure is reported as {@link BodyRead.Outcome#READ_FAILED}.
     */
    public synchronized BodyRead read(int maxBytes) {
        return read(maxBytes, BodyCaptureConfig.DEFAULT_READ_BUDGET);
    }

    /**
     * As {@link #read(int)}, spending at most {@code budget} on the whole read: past it the read fails
     * ({@link BodyReadTimeoutException}, outcome {@link BodyRead.Outcome#READ_FAILED}). A slow drip is stopped
     * between reads; a read blocked on a stalled client is interrupted by a watchdog. After a failed read, the app's
     * own read gets the held bytes and then the same failure at once, instead of waiting out another idle timeout.
     */
    public synchronized BodyRead read(int maxBytes, java.time.Duration budget) {
        if (result != null) {
            return result;
        }
        if (state == State.PASS_THROUGH) {
            return result = BodyRead.of(BodyRead.Outcome.ALREADY_CONSUMED);
        }
        long cap = Math.max(0, maxBytes);
        String mediaType = MediaTypes.mediaType(MediaTypes.contentType(this));
        long declared = super.getContentLengthLong();
        if (declared == 0) {
            state = State.PASS_THROUGH;
            return result = BodyRead.of(BodyRead.Outcome.EMPTY);
        }
        if (!MediaTypes.isCapturable(mediaType)) {
            state = State.PASS_THROUGH;
            return result = BodyRead.of(declared < 0 && !hasBodyHeaders()
                    ? BodyRead.Outcome.EMPTY : BodyRead.Outcome.NOT_CAPTURABLE);
        }
        if (declared > cap) {
            state = State.PASS_THROUGH;
            return result = BodyRead.of(BodyRead.Outcome.OVER_CAP);
        }
        // Capturable and within the cap, or of unknown length (chunked, HTTP/2 without Content-Length, or no body
        // at all: reading then returns -1 at once). Read at most cap + 1 bytes: one more than the cap proves
        // "over" without buffering the rest.
        long limit = cap + 1;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(
                (int) Math.min(declared > 0 ? declared : 1024, limit));
        long budgetNanos = budget == null || budget.isNegative() || budget.isZero()
                ? BodyCaptureConfig.DEFAULT_READ_BUDGET.toNanos() : budget.toNanos();
        long deadline = System.nanoTime() + budgetNanos;
        // Armed only before a read that may block: a small body usually arrived with the headers, and scheduling a
        // timer task per request costs more than reading it.
        Watchdog watchdog = null;
        try {
            ServletInputStream in = super.getInputStream();
            byte[] chunk = new byte[(int) Math.min(8192, declared > 0 ? declared : 8192)];
            // with a Content-Length the container delivers exactly that many bytes: stop there, without one more
            // read for the end of the stream
            long target = declared > 0 ? declared : limit;
            while (buffer.size() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BodyReadTimeoutException(java.time.Duration.ofNanos(budgetNanos));
                }
                int want = (int) Math.min(chunk.length, target - buffer.size());
                if (watchdog == null && available(in) < want) {
                    watchdog = Watchdog.arm(left);
                }
                int n = in.read(chunk, 0, want);
                if (n < 0) {
                    break;
                }
                buffer.write(chunk, 0, n);
            }
            if (watchdog != null && watchdog.disarm()) {
                // the watchdog fired just as the read finished: the body is whole, the interrupt is not ours to keep
                Thread.interrupted();
            }
        } catch (IOException | RuntimeException e) {
            boolean fired = watchdog != null && watchdog.disarm();
            if (fired) {
                Thread.interrupted(); // the interrupt was ours: the container's thread must not keep it
            }
            // Client aborted, timed out or spent the budget. Keep what was read so the app sees exactly what the
            // container gave, then the same failure at once on its own read (no second idle timeout).
            failure = fired || System.nanoTime() - deadline >= 0 && !(e instanceof BodyReadTimeoutException)
                    ? timeout(budgetNanos, e)
                    : e instanceof IOException io ? io : new IOException(e.getClass().getName(), e);
            held = buffer.toByteArray();
            state = State.PREFIXED;
            return result = BodyRead.of(BodyRead.Outcome.READ_FAILED);
        }
        held = buffer.toByteArray();
        if (held.length > cap) {
            state = State.PREFIXED;
            return result = BodyRead.of(BodyRead.Outcome.OVER_CAP);
        }
        if (held.length == 0) {
            // Nothing came (a GET with a Content-Type, or an empty chunked body): the container's stream is at its
            // end either way, so the app may as well see the container's own request, lengths and headers.
            state = State.PASS_THROUGH;
            return result = BodyRead.of(BodyRead.Outcome.EMPTY);
        }
        state = State.BUFFERED;
        return result = BodyRead.captured(new CapturedBody(held, capturedCharset(), mediaType));
    }

    /** Bytes the container can hand over without blocking; 0 when it cannot say. */
    private static int available(ServletInputStream in) {
        try {
            return in.available();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static IOException timeout(long budgetNanos, Throwable cause) {
        BodyReadTimeoutException t = new BodyReadTimeoutException(java.time.Duration.ofNanos(budgetNanos));
        t.initCause(cause);
        return t;
    }

    /**
     * Why the filters' read failed (client aborted, malformed chunking, timed out or spent its budget), if it did:
     * the failure the app also meets, for telling a client's failure from the app's.
     */
    public Optional<IOException> readFailure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Interrupts a read blocked past the budget. One shared daemon thread; arming costs a scheduled task. The lock
     * makes "interrupt" and "read finished" exclusive, so an interrupt never lands after the read was over.
     */
    private static final class Watchdog {
        private static final java.util.concurrent.ScheduledThreadPoolExecutor TIMER = timer();

        private final Thread reader = Thread.currentThread();
        private boolean reading = true;
        private boolean fired;
        private java.util.concurrent.ScheduledFuture<?> task;

        private static java.util.concurrent.ScheduledThreadPoolExecutor timer() {
            java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                    r -> {
                        Thread th = new Thread(r, "aifilters-body-read-watchdog");
                        th.setDaemon(true);
                        return th;
                    });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }

        static Watchdog arm(long nanos) {
            Watchdog w = new Watchdog();
            try {
                w.task = TIMER.schedule(w::fire, nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                // no watchdog: the budget is still checked between reads
            }
            return w;
        }

        private synchronized void fire() {
            if (reading) {
                fired = true;
                reader.interrupt();
            }
        }

        /** Ends the watch; true when it had fired (the caller clears its interrupt flag). */
        synchronized boolean disarm() {
            reading = false;
            if (task != null) {
                task.cancel(false);
            }
            return fired;
        }
    }

    /** The result of the first {@link #read(int)} (reflecting a replacement), if a filter read the body. */
    public synchronized Optional<BodyRead> lastRead() {
        return Optional.ofNullable(result);
    }

    /** The captured body, when a filter read it within the cap (reflects a replacement). */
    public synchronized Optional<CapturedBody> captured() {
        if (holdsWholeBody() && held.length > 0) {
            return Optional.of(new CapturedBody(held, capturedCharset(), MediaTypes.mediaType(MediaTypes.contentType(this))));
        }
        return Optional.empty();
    }

    /**
     * Replaces the body the app will read (auto-correction). Content-Length then reports the new length and form
     * parameters are parsed from the new bytes. The Content-Type, including its charset, is kept: encode the new
     * body in {@code captured().get().charset()}.
     *
     * @throws IllegalStateException when the body was not captured whole or the app already started reading it
     */
    public synchronized void replaceBody(byte[] newBody) {
        if (!holdsWholeBody() || stream != null || formParameters != null) {
            throw new IllegalStateException("body can be replaced only after capture and before the app reads it");
        }
        held = newBody.clone();
        state = State.REPLACED;
        result = held.length == 0 ? BodyRead.of(BodyRead.Outcome.EMPTY)
                : BodyRead.captured(new CapturedBody(held, capturedCharset(), MediaTypes.mediaType(MediaTypes.contentType(this))));
    }

    /** Whether a filter replaced the body. */
    public boolean isReplaced() {
        return state == State.REPLACED;
    }

    private boolean hasBodyHeaders() {
        return super.getHeader("Transfer-Encoding") != null || super.getContentLengthLong() > 0;
    }

    /** Charset of the captured text: the Content-Type's, else UTF-8. */
    private Charset capturedCharset() {
        return MediaTypes.charset(MediaTypes.contentType(this));
    }

    /** Charset the app's reader and form parsing use: the request's (settable by the app), else UTF-8. */
    private Charset appCharset() {
        String enc = getCharacterEncoding();
        if (enc != null) {
            try {
                return Charset.forName(enc.trim());
            } catch (RuntimeException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private boolean holdsWholeBody() {
        State s = state;
        return s == State.BUFFERED || s == State.REPLACED;
    }

    // --- what the app sees -------------------------------------------------------------------------------------

    /**
     * Records the encoding for the held body. A container ignores this call once its stream was read (ours was, by
     * the capture), yet the app has not read anything: the app's choice must still govern its reader and form.
     */
    @Override
    public void setCharacterEncoding(String encoding) throws java.io.UnsupportedEncodingException {
        if (state == State.UNREAD || state == State.PASS_THROUGH) {
            super.setCharacterEncoding(encoding);
            return;
        }
        if (reader != null || formParameters != null) {
            return; // too late, as the spec says for containers
        }
        if (encoding != null) {
            try {
                Charset.forName(encoding.trim());
            } catch (RuntimeException e) {
                throw new java.io.UnsupportedEncodingException(encoding);
            }
        }
        appEncoding = encoding;
    }

    @Override
    public String getCharacterEncoding() {
        String enc = appEncoding;
        return enc != null ? enc : super.getCharacterEncoding();
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called");
        }
        return inputStream();
    }

    private ServletInputStream inputStream() throws IOException {
        if (state == State.UNREAD) {
            state = State.PASS_THROUGH;
        }
        if (state == State.PASS_THROUGH) {
            return super.getInputStream();
        }
        if (stream == null) {
            stream = new HeldBytesInputStream(held, super.getInputStream(), state == State.PREFIXED, failure);
        }
        return stream;
    }

    @Override
    public synchronized BufferedReader getReader() throws IOException {
        if (state == State.UNREAD || state == State.PASS_THROUGH) {
            state = State.PASS_THROUGH;
            return super.getReader();
        }
        if (reader == null) {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() has already been called");
            }
            reader = new BufferedReader(new InputStreamReader(inputStream(), appCharset()));
        }
        return reader;
    }

    @Override
    public int getContentLength() {
        byte[] h = held;
        return holdsWholeBody() ? h.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        byte[] h = held;
        return holdsWholeBody() ? h.length : super.getContentLengthLong();
    }

    @Override
    public String getHeader(String name) {
        if (holdsWholeBody()) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                return Integer.toString(held.length);
            }
            if ("Transfer-Encoding".equalsIgnoreCase(name)) {
                return null;
            }
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (holdsWholeBody()) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                return Collections.enumeration(List.of(Integer.toString(held.length)));
            }
            if ("Transfer-Encoding".equalsIgnoreCase(name)) {
                return Collections.emptyEnumeration();
            }
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Enumeration<String> names = super.getHeaderNames();
        if (!holdsWholeBody() || names == null) {
            return names;
        }
        Set<String> out = new LinkedHashSet<>();
        boolean hasLength = false;
        while (names.hasMoreElements()) {
            String n = names.nextElement();
            if ("Transfer-Encoding".equalsIgnoreCase(n)) {
                continue;
            }
            hasLength |= "Content-Length".equalsIgnoreCase(n);
            out.add(n);
        }
        if (!hasLength) {
            out.add("Content-Length");
        }
        return Collections.enumeration(out);
    }

    // --- form parameters ---------------------------------------------------------------------------------------

    private synchronized Map<String, String[]> formParameters() {
        if (formParameters != null) {
            return formParameters;
        }
        boolean form = MediaTypes.FORM.equals(MediaTypes.mediaType(MediaTypes.contentType(this)));
        if (state == State.UNREAD && form) {
            // The container parses the form from its stream; the body is then gone for the filters.
            state = State.PASS_THROUGH;
        }
        if (!form || state == State.PASS_THROUGH) {
            return null;
        }
        if (state == State.PREFIXED) {
            if (stream != null) {
                return null; // the app chose the stream; like a container, no form parameters then
            }
            held = drainForm();
            state = State.BUFFERED; // the whole body is now held; the app may still read it as a stream
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        decodeInto(merged, getQueryString(), StandardCharsets.UTF_8);
        decodeInto(merged, new String(held, StandardCharsets.ISO_8859_1), appCharset());
        Map<String, String[]> out = new LinkedHashMap<>();
        merged.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        formParameters = Collections.unmodifiableMap(out);
        return formParameters;
    }

    /** Reads the rest of an over-cap form so it can be parsed, bounded like a container bounds forms. */
    private byte[] drainForm() {
        ByteArrayOutputStream all = new ByteArrayOutputStream(held.length * 2);
        all.write(held, 0, held.length);
        if (failure != null) {
            // the filters' read already failed: fail now rather than wait on the broken stream again
            throw new IllegalStateException("Form body could not be read", failure);
        }
        try {
            ServletInputStream in = super.getInputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                all.write(chunk, 0, n);
                if (all.size() > MAX_FORM_BYTES) {
                    throw new IllegalStateException("Form is larger than " + MAX_FORM_BYTES + " bytes");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Form body could not be read", e);
        }
        return all.toByteArray();
    }

    private static void decodeInto(Map<String, List<String>> into, String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                // The body was widened byte-for-char as ISO-8859-1, so a raw (unescaped) non-ASCII byte survives:
                // re-encode it and decode the whole token in the form's charset.
                String n = URLDecoder.decode(rawBytes(name), charset);
                String v = URLDecoder.decode(rawBytes(value), charset);
                into.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException malformed) {
                // A malformed escape: skip the pair, as containers do.
            }
        }
    }

    /** Percent-escapes every non-ASCII char (a raw byte widened as ISO-8859-1) so URLDecoder sees bytes. */
    private static String rawBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                StringBuilder sb = new StringBuilder(s.length() + 16);
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c > 0x7F && c <= 0xFF) {
                        sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        sb.append(c);
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    @Override
    public String getParameter(String name) {
        Map<String, String[]> form = formParameters();
        if (form == null) {
            return super.getParameter(name);
        }
        String[] values = form.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> form = formParameters();
        return form == null ? super.getParameterMap() : form;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        Map<String, String[]> form = formParameters();
        return form == null ? super.getParameterNames() : Collections.enumeration(form.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        Map<String, String[]> form = formParameters();
        if (form == null) {
            return super.getParameterValues(name);
        }
        String[] values = form.get(name);
        return values == null ? null : values.clone();
    }

    /**
     * Another dispatch's request (or a request object another filter made) seen through the capture: everything
     * from {@code current}, except the body, its length and the form parameters.
     */
    private static final class View extends HttpServletRequestWrapper {
        private final BodyCapturingRequest body;

        View(HttpServletRequest current, BodyCapturingRequest body) {
            super(current);
            this.body = body;
        }

        @Override
        public boolean isWrapperFor(ServletRequest wrapped) {
            return wrapped == body || super.isWrapperFor(wrapped);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return body.getInputStream();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return body.getReader();
        }

        @Override
        public void setCharacterEncoding(String encoding) throws java.io.UnsupportedEncodingException {
            body.setCharacterEncoding(encoding);
        }

        @Override
        public String getCharacterEncoding() {
            return body.getCharacterEncoding();
        }

        @Override
        public int getContentLength() {
            return body.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return body.getContentLengthLong();
        }

        @Override
        public String getHeader(String name) {
            return isLengthHeader(name) ? body.getHeader(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isLengthHeader(name) ? body.getHeaders(name) : super.getHeaders(name);
        }

        private static boolean isLengthHeader(String name) {
            return "Content-Length".equalsIgnoreCase(name) || "Transfer-Encoding".equalsIgnoreCase(name);
        }

        @Override
        public String getParameter(String name) {
            return body.formParameters() == null ? super.getParameter(name) : body.getParameter(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return body.formParameters() == null ? super.getParameterMap() : body.getParameterMap();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return body.formParameters() == null ? super.getParameterNames() : body.getParameterNames();
        }

        @Override
        public String[] getParameterValues(String name) {
            return body.formParameters() == null ? super.getParameterValues(name) : body.getParameterValues(name);
        }
    }

    /**
     * Serves held bytes first, then (PREFIXED) the container's stream. Async callbacks come from the container's
     * stream, forwarded to the app's listener.
     */
    private static final class HeldBytesInputStream extends ServletInputStream {
        private final byte[] bytes;
        private final ServletInputStream rest;
        private final boolean continues;
        /** The filters' read failed: after the held bytes, the app gets this at once (not a second wait). */
        private final IOException failure;
        private int pos;

        HeldBytesInputStream(byte[] bytes, ServletInputStream rest, boolean continues, IOException failure) {
            this.bytes = bytes;
            this.rest = rest;
            this.continues = continues;
            this.failure = failure;
        }

        private boolean heldRemaining() {
            return pos < bytes.length;
        }

        @Override
        public int read() throws IOException {
            if (heldRemaining()) {
                return bytes[pos++] & 0xFF;
            }
            if (failure != null) {
                throw failure;
            }
            return continues ? rest.read() : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (heldRemaining()) {
                int n = Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            return continues ? rest.read(b, off, len) : -1;
        }

        @Override
        public int available() throws IOException {
            return heldRemaining() ? bytes.length - pos : continues ? rest.available() : 0;
        }

        @Override
        public boolean isFinished() {
            return !heldRemaining() && (!continues || rest.isFinished());
        }

        @Override
        public boolean isReady() {
            return heldRemaining() || !continues || rest.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            rest.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() throws IOException {
                    listener.onDataAvailable();
                }

                @Override
                public void onAllDataRead() throws IOException {
                    if (heldRemaining()) {
                        listener.onDataAvailable();
                    }
                    listener.onAllDataRead();
                }

                @Override
                public void onError(Throwable t) {
                    listener.onError(t);
                }
            });
        }
    }
}
