package io.github.aifilters.filters.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The app: echoes the body it received, the Content-Length it saw and the correction attribute, as JSON. */
final class EchoServlet extends HttpServlet {

    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        ObjectNode out = JSON.createObjectNode();
        out.put("body", new String(body, StandardCharsets.UTF_8));
        out.put("bytes", body.length);
        out.put("contentLength", req.getContentLengthLong());
        out.put("contentLengthHeader", req.getHeader("Content-Length"));
        ValidationAttributes.CORRECTIONS.get(req).ifPresent(c -> {
            ArrayNode changes = out.putArray("corrections");
            for (Correction x : c.changes()) {
                ObjectNode n = changes.addObject();
                n.put("pointer", x.pointer());
                n.set("from", x.from());
                n.set("to", x.to());
                n.put("rule", x.rule());
            }
        });
        io.github.aifilters.core.exchange.AiExchange.find(req).filter(e -> e.routeDeclared())
                .ifPresent(e -> out.put("routeTemplate", e.routeTemplate()));
        ValidationAttributes.WARNINGS.get(req).ifPresent(w -> out.put("warnings", w.violations().size()));
        resp.setContentType("application/json");
        resp.getOutputStream().write(JSON.writeValueAsBytes(out));
    }
}
