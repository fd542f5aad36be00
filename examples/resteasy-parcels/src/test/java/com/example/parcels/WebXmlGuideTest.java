package com.example.parcels;

import static com.example.parcels.ParcelApiTest.JSON_CLIENT;
import static com.example.parcels.ParcelApiTest.assertProblem;
import static com.example.parcels.ParcelApiTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RESTEasy web.xml of docs/jakarta-rest.md, deployed as written in Jetty's {@code WebAppContext} with the
 * example's application: its init-params are the settings the guide says RESTEasy needs, so each RESTEasy answer the
 * guide describes is checked through it (with the error filter, the one filter the snippet declares).
 */
class WebXmlGuideTest {

    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private String deployGuideWebXml() throws Exception {
        String fragment = GuideSnippetsTest.blocks("xml").stream()
                .filter(b -> b.contains("HttpServlet30Dispatcher")).findFirst().orElseThrow();
        Path webapp = Files.createTempDirectory("resteasy-webxml");
        Files.writeString(Files.createDirectories(webapp.resolve("WEB-INF")).resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s
                </web-app>
                """.formatted(fragment), StandardCharsets.UTF_8);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setWar(webapp.toString());
        // The example's classes and RESTEasy come from the test class path, as from WEB-INF/lib in a war.
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        server.setHandler(context);
        server.start();
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Test
    void theGuidesWebXmlGivesTheGuidesAnswers() throws Exception {
        String base = deployGuideWebXml();
        assertThat(send(base, "GET", "/api/parcels", JSON_CLIENT, null).statusCode()).isEqualTo(200);
        // dev.resteasy.exception.mapper=false: unmapped exceptions reach the error filter, on either thread
        assertThat(assertProblem(send(base, "GET", "/api/parcels/PX-LOST/scans", JSON_CLIENT, null), 500)
                .path("errorId").asText()).isNotEmpty();
        assertThat(assertProblem(send(base, "GET", "/api/parcels/PX-LOST/eta", JSON_CLIENT, null), 500)
                .path("errorId").asText()).isNotEmpty();
        // resteasy.disable.providers: a response Jackson cannot write is a server error
        assertProblem(send(base, "GET", "/api/parcels/PX-LOST/label", JSON_CLIENT, null), 500);
        // the application's mapper for unreadable bodies: a bare 400, answered as a problem
        assertProblem(send(base, "PUT", "/api/parcels/PX-1001/note", JSON_CLIENT, "{\"text\": [1]}"), 400);
        // HttpServlet30Dispatcher: RESTEasy's timer completes the async request with a bare 503
        assertThat(assertProblem(send(base, "GET", "/api/parcels/PX-1001/customs", JSON_CLIENT, null), 503)
                .path("category").asText()).isEqualTo("timeout");
        assertProblem(send(base, "GET", "/api/parcels/PX-9999", JSON_CLIENT, null), 404);
    }
}
