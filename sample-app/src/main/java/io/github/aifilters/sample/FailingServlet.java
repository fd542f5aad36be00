package io.github.aifilters.sample;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

/**
 * {@code GET /api/fail/{kind}}: throws the kind of exception a real app throws, so the error analysis filter can be
 * seen at work. Messages deliberately carry things that must never reach a client (SQL, hosts, a key).
 */
public final class FailingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String kind = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        switch (kind) {
            case "database" -> throw new ServletException("query failed", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms "
                            + "(SELECT * FROM users WHERE email='bob@example.com') at db.internal:5432"));
            case "upstream" -> throw new IOException("payment gateway call failed",
                    new ConnectException("Connection refused: payments.internal/10.0.0.7:443"));
            case "validation" -> throw new IllegalArgumentException("amount must be positive");
            case "auth" -> throw new SecurityException("token sk-live-abcdefghijklmnopqrstuvwx expired");
            case "async" -> {
                var async = req.startAsync();
                async.start(() -> {
                    throw new IllegalStateException("background job crashed at /var/app/jobs/run.sh");
                });
            }
            default -> throw new NullPointerException("Cannot invoke \"com.acme.Order.total()\" because \"order\" is null");
        }
    }
}
