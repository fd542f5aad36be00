package io.github.aifilters.examples.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;

/** What the library's servlets share: the store, JSON in and out, the id in the path. */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final ObjectMapper JSON = JsonMapper.builder().build();

    Library library() {
        synchronized (getServletContext()) {
            Object l = getServletContext().getAttribute(Library.ATTRIBUTE);
            if (l instanceof Library library) {
                return library;
            }
            Library library = Library.seeded();
            getServletContext().setAttribute(Library.ATTRIBUTE, library);
            return library;
        }
    }

    static void write(HttpServletResponse res, int status, Object body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        JSON.writeValue(res.getOutputStream(), body);
    }

    static JsonNode read(HttpServletRequest req) throws IOException {
        return JSON.readTree(req.getInputStream());
    }

    /** The numeric id after the servlet path ({@code /books/3} → 3), empty for none or a non-number. */
    static OptionalLong id(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info == null || info.length() < 2) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(info.substring(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes the entity with the id in the path, or answers 404 (the container's, as a plain servlet app does). */
    static <T> void writeOne(HttpServletRequest req, HttpServletResponse res,
                             java.util.function.LongFunction<java.util.Optional<T>> find) throws IOException {
        OptionalLong id = id(req);
        java.util.Optional<T> found = id.isPresent() ? find.apply(id.getAsLong()) : java.util.Optional.empty();
        if (found.isEmpty()) {
            res.sendError(404);
            return;
        }
        write(res, 200, found.get());
    }

    static boolean collection(HttpServletRequest req) {
        return req.getPathInfo() == null || "/".equals(req.getPathInfo());
    }
}
