package io.github.aifilters.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.attr.AiAttributes;
import io.github.aifilters.core.exchange.IntentResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sample's "existing app": a plain servlet that knows nothing about AI. It only reads the intent attribute to
 * show what the filters hand it.
 *
 * <ul>
 *   <li>{@code GET /api/search?q=...} and {@code POST /api/chat {"message": "..."}}: echo the recognised intent</li>
 *   <li>{@code POST /api/users}, {@code GET /api/users/{id}}: a tiny in-memory user store (validated by schema)</li>
 *   <li>{@code POST /api/tickets}: ticket intake (validated, auto-corrected)</li>
 *   <li>{@code GET /api/orders/{id}}: orders</li>
 * </ul>
 */
public final class DemoApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_USERS = 1000;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient Map<Long, JsonNode> users = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/search")) {
            ObjectNode out = mapper.createObjectNode();
            out.put("query", req.getParameter("q"));
            out.set("intent", intentOf(req));
            out.putArray("results");
            json(resp, 200, out);
        } else if (path.matches("/users/\\d+")) {
            JsonNode user = users.get(Long.parseLong(path.substring("/users/".length())));
            if (user == null) {
                resp.sendError(404);
            } else {
                json(resp, 200, user);
            }
        } else if (path.matches("/orders/[A-Za-z0-9_-]+")) {
            ObjectNode order = mapper.createObjectNode();
            order.put("id", path.substring("/orders/".length()));
            order.put("status", "shipped");
            json(resp, 200, order);
        } else if (path.equals("/slow")) {
            sleep(Math.min(parseLong(req.getParameter("ms"), 200), 5000));
            json(resp, 200, mapper.createObjectNode().put("slept", true));
        } else {
            resp.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (path) {
            case "/chat" -> {
                JsonNode body = mapper.readTree(req.getInputStream());
                ObjectNode out = mapper.createObjectNode();
                out.put("youSaid", body == null ? null : body.path("message").asText(null));
                out.set("intent", intentOf(req));
                json(resp, 200, out);
            }
            case "/users" -> {
                JsonNode body = mapper.readTree(req.getInputStream());
                if (users.size() >= MAX_USERS) {
                    users.clear();
                }
                long id = ids.incrementAndGet();
                ObjectNode user = ((ObjectNode) body).deepCopy();
                user.put("id", id);
                users.put(id, user);
                resp.setHeader("Location", req.getContextPath() + "/api/users/" + id);
                json(resp, 201, user);
            }
            case "/tickets" -> {
                JsonNode body = mapper.readTree(req.getInputStream());
                ObjectNode out = mapper.createObjectNode();
                out.put("accepted", true);
                out.set("ticket", body);
                json(resp, 201, out);
            }
            default -> resp.sendError(404);
        }
    }

    private JsonNode intentOf(HttpServletRequest req) {
        return AiAttributes.INTENT.get(req)
                .<JsonNode>map(this::toJson)
                .orElse(mapper.nullNode());
    }

    private JsonNode toJson(IntentResult r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("intent", r.intent());
        n.put("confidence", Math.round(r.confidence() * 1000) / 1000.0);
        n.put("source", r.source().name());
        n.put("suggestedAction", r.suggestedAction());
        n.set("entities", mapper.valueToTree(r.entities()));
        return n;
    }

    private void json(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        mapper.writeValue(resp.getOutputStream(), body);
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null ? dflt : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
