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
 * The one writer of {@code application/problem+json} used by every filter.
 *
 * <p>Writes nothing when the response is already committed (returns {@code false}): a half-written body must not be
 * followed by a problem document. Resets any buffered content first, so a container's error page never leaks through.
 */
public final class ProblemWriter {

    /** The RFC 9457 media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

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
        response.resetBuffer();
        byte[] body = toBytes(problem);
        response.setStatus(problem.status());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
        return true;
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
