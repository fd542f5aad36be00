package io.github.aifilters.examples.library;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * {@code POST /loans}, {@code GET /loans/{id}} and {@code GET /loans/overdue}, which is asynchronous (the report
 * would query a slow system in a real library): the servlet, and every filter in front of it, must support async.
 */
public class LoansServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if ("/overdue".equals(req.getPathInfo())) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    write((HttpServletResponse) async.getResponse(), 200, library().overdue(LocalDate.now()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
            return;
        }
        writeOne(req, res, library()::loan);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!collection(req)) {
            res.sendError(405);
            return;
        }
        JsonNode body = read(req);
        // no handling of a book already on loan yet: Library.lend throws and the exception escapes
        Library.Loan loan = library().lend(body.path("bookId").asLong(), body.path("member").asText(),
                body.path("days").asInt(14));
        write(res, 201, loan);
    }
}
