package io.github.aifilters.core.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 ee10 server on an ephemeral loopback port, for HTTP-level tests. Configure filters and servlets
 * on the {@link ServletContextHandler} in the setup callback.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(ctx -> {
 *     ctx.addFilter(new FilterHolder(new MyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
 *     ctx.addServlet(new ServletHolder(new EchoServlet()), "/echo");
 * })) {
 *     HttpResponse<String> r = server.get("/echo");
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {

    private final Server server;
    private final ServletContextHandler context;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private TestServer(Server server, ServletContextHandler context, URI base) {
        this.server = server;
        this.context = context;
        this.base = base;
    }

    public static TestServer start(Consumer<ServletContextHandler> setup) {
        return start("/", setup);
    }

    public static TestServer start(String contextPath, Consumer<ServletContextHandler> setup) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath);
        setup.accept(context);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server failed to start", e);
        }
        String path = "/".equals(contextPath) ? "" : contextPath;
        return new TestServer(server, context, URI.create("http://127.0.0.1:" + connector.getLocalPort() + path));
    }

    public ServletContextHandler context() {
        return context;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + request, e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> post(String pathAndQuery, String contentType, String body) {
        return send(request(pathAndQuery).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postJson(String pathAndQuery, String json) {
        return post(pathAndQuery, "application/json", json);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
