package io.github.aifilters.core.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one writer of {@code application/problem+json} (RFC 9457) used by every filter.
 *
 * <ul>
 *   <li>Writes nothing when the response is already committed (returns {@code false}): a half-written body must not
 *       be followed by a problem document.</li>
 *   <li>Discards buffered content first, so neither a half-built page nor a container's error page leaks through,
 *       and drops headers that described that content ({@link #STALE_HEADERS}: Content-Encoding, ETag, …); other
 *       headers (request ids, CORS, {@code X-AI-*}) are kept.</li>
 *   <li>Members in RFC order ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}), then
 *       extension members in insertion order; an extension may not replace a standard member.</li>
 *   <li>Content-Type {@value #MEDIA_TYPE} (no charset parameter: JSON is UTF-8), an exact Content-Length and
 *       {@code Cache-Control: no-store}.</li>
 *   <li>Works whether the app had called {@code getWriter()} or {@code getOutputStream()}.</li>
 *   <li>Does not sanitise: {@code detail} and extensions are written as given. Callers pass text that is already
 *       safe for a client (redacted, no stack traces, no internal messages).</li>
 * </ul>
 */
public final class ProblemWriter {

    /** The RFC 9457 media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Headers that described the discarded content and would now lie about the problem document. */
    public static final java.util.List<String> STALE_HEADERS = java.util.List.of("Content-Encoding",
            "Content-Disposition", "Content-Range", "Content-Language", "ETag", "Last-Modified", "Accept-Ranges");

    private final ObjectMapper mapper;

    public ProblemWriter() {
        this(JsonMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build());
    }

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Serialises a problem: standard members first, then extensions in insertion order. */
    public byte[] toBytes(Problem problem) {
        try {
            return mapper.writeValueAsBytes(toMap(problem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toJson(Problem problem) {
        return new String(toBytes(problem), StandardCharsets.UTF_8);
    }

    /**
     * Writes the problem as the response.
     *
     * @return false when the response was already committed and nothing was written
     */
    public boolean write(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        byte[] body = toBytes(problem);
        response.resetBuffer();
        dropStaleHeaders(response);
        response.setStatus(problem.status());
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.setHeader("Cache-Control", "no-store");
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            // The app called getWriter(), whose encoding can no longer change. Escape every non-ASCII character
            // (a backslash-u escape is valid JSON) so characters equal bytes in any ASCII-compatible encoding and the
            // Content-Length stays exact.
            byte[] ascii = mapper.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsBytes(toMap(problem));
            response.setContentLength(ascii.length);
            java.io.PrintWriter writer = response.getWriter();
            writer.write(new String(ascii, StandardCharsets.US_ASCII));
            writer.flush();
            return true;
        }
        out.write(body);
        out.flush();
        return true;
    }

    /**
     * One pass over the header names the response has (usually a handful), instead of one {@code containsHeader}
     * scan per stale header; the names are collected first because the container's collection may be a live view.
     */
    private static void dropStaleHeaders(HttpServletResponse response) {
        java.util.Collection<String> names = response.getHeaderNames();
        if (names == null) {
            return;
        }
        java.util.List<String> stale = null;
        for (String name : names) {
            for (String s : STALE_HEADERS) {
                if (s.equalsIgnoreCase(name)) {
                    if (stale == null) {
                        stale = new java.util.ArrayList<>(2);
                    }
                    stale.add(name);
                    break;
                }
            }
        }
        if (stale != null) {
            for (String name : stale) {
                response.setHeader(name, null);
            }
        }
    }

    private static Map<String, Object> toMap(Problem p) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("type", p.type().toString());
        map.put("title", p.title());
        map.put("status", p.status());
        if (p.detail() != null) {
            map.put("detail", p.detail());
        }
        if (p.instance() != null) {
            map.put("instance", p.instance());
        }
        p.extensions().forEach(map::putIfAbsent);
        return map;
    }
}
