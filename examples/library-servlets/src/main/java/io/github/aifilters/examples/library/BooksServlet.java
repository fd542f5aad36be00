package io.github.aifilters.examples.library;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/** {@code GET /books[?q=]}, {@code POST /books}, {@code GET /books/{id}}; mapped at {@code /books} and {@code /books/*}. */
public class BooksServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (collection(req)) {
            String q = req.getParameter("q");
            write(res, 200, library().books().stream()
                    .filter(b -> q == null || b.title().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                    .toList());
            return;
        }
        writeOne(req, res, library()::book);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!collection(req)) {
            res.sendError(405);
            return;
        }
        // the validation filter has checked the body against book.schema.json before we get here
        JsonNode b = read(req);
        Library.Book book = library().addBook(b.path("title").asText(), b.path("authorId").asLong(),
                b.path("isbn").asText(), b.hasNonNull("year") ? b.get("year").asInt() : null);
        res.setHeader("Location", req.getContextPath() + "/books/" + book.id());
        write(res, 201, book);
    }
}
