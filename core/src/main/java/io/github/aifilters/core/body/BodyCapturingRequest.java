package io.github.aifilters.core.body;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one request wrapper through which every filter and the app read the body once between them.
 *
 * <p>Installed by the first filter that needs the body ({@link #install}) and stored under {@link #ATTRIBUTE}; later
 * filters find it there, so a body is never buffered twice. States:
 * <pre>
 *                 read() within cap                      replaceBody()
 *   UNREAD ─────────────────────────────▶ BUFFERED ─────────────────────▶ REPLACED
 *     │  read(): declared length > cap ──▶ PASS_THROUGH (nothing read; the app reads the container's stream)
 *     │  read(): type not capturable ────▶ PASS_THROUGH
 *     │  read(): chunked, grows past cap ▶ PREFIXED (cap+1 bytes held; the app reads them, then the rest)
 *     └─ app calls getInputStream/getReader/getParameter before any filter read ─▶ PASS_THROUGH (ALREADY_CONSUMED)
 * </pre>
 * <ul>
 *   <li><b>UNREAD</b>: nothing read. The first {@link #read(int)} decides, and its result is kept: later calls
 *       return the same {@link BodyRead}.</li>
 *   <li><b>BUFFERED / REPLACED</b>: the app reads the buffer; Content-Length reports the buffer's length; for
 *       {@code application/x-www-form-urlencoded} the {@code getParameter*} methods are answered from the buffer
 *       (plus the query string), since the container's own parser can no longer see the consumed stream.</li>
 *   <li><b>PREFIXED</b>: the app reads the held prefix and then the container's stream, byte for byte.</li>
 *   <li><b>PASS_THROUGH</b>: every call goes to the container untouched.</li>
 * </ul>
 * Async I/O: in BUFFERED, REPLACED and PREFIXED states {@link ServletInputStream#setReadListener} registers a
 * forwarding listener on the container's stream, so callbacks arrive on container threads as usual;
 * {@code isReady()} is true while held bytes remain and then defers to the container.
 */
public class BodyCapturingRequest extends HttpServletRequestWrapper {

    /** Request attribute holding the installed wrapper. */
    public static final String ATTRIBUTE = BodyCapturingRequest.class.getName();

    private enum State { UNREAD, BUFFERED, REPLACED, PREFIXED, PASS_THROUGH }

    private State state = State.UNREAD;
    private BodyRead result;
    private byte[] held;
    private ServletInputStream stream;
    private BufferedReader reader;
    private Map<String, String[]> formParameters;

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
    public static java.util.Optional<BodyCapturingRequest> find(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        return existing instanceof BodyCapturingRequest w ? java.util.Optional.of(w) : java.util.Optional.empty();
    }

    /**
     * The request to hand to the rest of the chain: {@code current} when it already wraps this wrapper (installed
     * by an earlier filter), else this wrapper.
     */
    public HttpServletRequest downstream(HttpServletRequest current) {
        if (current == this || current instanceof ServletRequestWrapper w && w.isWrapperFor(this)) {
            return current;
        }
        return this;
    }

    /**
     * Reads the body for analysis, up to {@code maxBytes}. The first call decides; later calls (from other filters)
     * get the same result.
     */
    public synchronized BodyRead read(int maxBytes) {
        if (result != null) {
            return result;
        }
        if (state == State.PASS_THROUGH) {
            return result = BodyRead.of(BodyRead.Outcome.ALREADY_CONSUMED);
        }
        String mediaType = MediaTypes.mediaType(getContentType());
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
        if (declared > maxBytes) {
            state = State.PASS_THROUGH;
            return result = BodyRead.of(BodyRead.Outcome.OVER_CAP);
        }
        if (declared < 0 && !hasBodyHeaders()) {
            state = State.PASS_THROUGH;
            return result = BodyRead.of(BodyRead.Outcome.EMPTY);
        }
        try {
            ServletInputStream in = super.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), maxBytes + 1L));
            byte[] chunk = new byte[8192];
            int limit = maxBytes + 1;
            while (buffer.size() < limit) {
                int n = in.read(chunk, 0, Math.min(chunk.length, limit - buffer.size()));
                if (n < 0) {
                    break;
                }
                buffer.write(chunk, 0, n);
            }
            held = buffer.toByteArray();
            if (held.length > maxBytes) {
                state = State.PREFIXED;
                return result = BodyRead.of(BodyRead.Outcome.OVER_CAP);
            }
            state = State.BUFFERED;
            if (held.length == 0) {
                return result = BodyRead.of(BodyRead.Outcome.EMPTY);
            }
            return result = BodyRead.captured(new CapturedBody(held, charset(), mediaType));
        } catch (IOException | RuntimeException e) {
            // The app will meet the same failure on its own read; hold what we have so no byte is lost.
            state = held == null ? State.PASS_THROUGH : State.PREFIXED;
            return result = BodyRead.of(BodyRead.Outcome.READ_FAILED);
        }
    }

    /** The captured body, when a filter read it within the cap (reflects a replacement). */
    public synchronized java.util.Optional<CapturedBody> captured() {
        if (state == State.BUFFERED || state == State.REPLACED) {
            return held.length == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(new CapturedBody(held, charset(), MediaTypes.mediaType(getContentType())));
        }
        return java.util.Optional.empty();
    }

    /**
     * Replaces the body the app will read (auto-correction). Only valid after a successful {@link #read(int)} and
     * before the app started reading.
     *
     * @throws IllegalStateException when the body was not buffered or the app already read it
     */
    public synchronized void replaceBody(byte[] newBody) {
        if (state != State.BUFFERED && state != State.REPLACED || stream != null) {
            throw new IllegalStateException("body can be replaced only after capture and before the app reads it");
        }
        held = newBody.clone();
        formParameters = null;
        state = State.REPLACED;
        result = BodyRead.captured(new CapturedBody(held, charset(), MediaTypes.mediaType(getContentType())));
    }

    private boolean hasBodyHeaders() {
        return super.getHeader("Transfer-Encoding") != null || super.getContentLengthLong() > 0;
    }

    private Charset charset() {
        return MediaTypes.charset(getContentType());
    }

    private boolean holdsWholeBody() {
        return state == State.BUFFERED || state == State.REPLACED;
    }

    // --- what the app sees -------------------------------------------------------------------------------------

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
            stream = new HeldBytesInputStream(held, super.getInputStream(), state == State.PREFIXED);
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
            reader = new BufferedReader(new InputStreamReader(inputStream(), charset()));
        }
        return reader;
    }

    @Override
    public int getContentLength() {
        return holdsWholeBody() ? held.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return holdsWholeBody() ? held.length : super.getContentLengthLong();
    }

    @Override
    public String getHeader(String name) {
        if (holdsWholeBody() && "Content-Length".equalsIgnoreCase(name)) {
            return Integer.toString(held.length);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (holdsWholeBody() && "Content-Length".equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(Integer.toString(held.length)));
        }
        return super.getHeaders(name);
    }

    // --- form parameters ---------------------------------------------------------------------------------------

    private synchronized Map<String, String[]> formParameters() {
        if (!holdsWholeBody() || !MediaTypes.FORM.equals(MediaTypes.mediaType(getContentType()))) {
            if (state == State.UNREAD) {
                // The container parses the form from the stream; the body is then gone for the filters.
                state = State.PASS_THROUGH;
            }
            return null;
        }
        if (formParameters == null) {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            Charset cs = charset();
            decodeInto(merged, getQueryString(), getCharacterEncoding() == null ? java.nio.charset.StandardCharsets.UTF_8 : cs);
            decodeInto(merged, new String(held, java.nio.charset.StandardCharsets.ISO_8859_1), cs);
            Map<String, String[]> out = new LinkedHashMap<>();
            merged.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
            formParameters = Collections.unmodifiableMap(out);
        }
        return formParameters;
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
                into.computeIfAbsent(URLDecoder.decode(name, charset), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, charset));
            } catch (IllegalArgumentException malformed) {
                // A malformed escape: skip the pair, as containers do.
            }
        }
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
     * Serves held bytes first, then (PREFIXED) the container's stream. Async callbacks come from the container's
     * stream, forwarded to the app's listener.
     */
    private static final class HeldBytesInputStream extends ServletInputStream {
        private final byte[] bytes;
        private final ServletInputStream rest;
        private final boolean continues;
        private int pos;

        HeldBytesInputStream(byte[] bytes, ServletInputStream rest, boolean continues) {
            this.bytes = bytes;
            this.rest = rest;
            this.continues = continues;
        }

        private boolean heldRemaining() {
            return pos < bytes.length;
        }

        @Override
        public int read() throws IOException {
            if (heldRemaining()) {
                return bytes[pos++] & 0xFF;
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
