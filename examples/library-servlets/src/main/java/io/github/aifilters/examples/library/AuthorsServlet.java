package io.github.aifilters.examples.library;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /authors}, {@code GET /authors/{id}}; mapped at {@code /authors} and {@code /authors/*}. */
public class AuthorsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (collection(req)) {
            write(res, 200, library().authors());
            return;
        }
        writeOne(req, res, library()::author);
    }
}
