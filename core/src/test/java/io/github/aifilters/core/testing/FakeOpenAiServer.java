package io.github.aifilters.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A fake OpenAI-compatible chat-completions endpoint on loopback (JDK {@link HttpServer}). Run tests with
 * {@code -Dsun.net.httpserver.nodelay=true} (the build does), or every call costs ~44 ms.
 *
 * <p>{@code GET .../models} (an engine's warm-up probe) is answered with a one-model list and only counted
 * ({@link #modelListCount()}). Each other request is answered by the next scripted {@link Behaviour} ({@link #enqueue}), else by the default one
 * ({@link #setDefault}). Every request is captured ({@link #requests()}) so tests can assert on the prompt the
 * engine sent (e.g. that no secret reached it). Base URL for clients: {@link #baseUrl()} ({@code http://127.0.0.1:PORT/v1}).
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** A captured request: path, headers (lower-case names) and JSON body. */
    public record Captured(String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The concatenated text of every message (what the model would read). */
        public String prompt() {
            StringBuilder sb = new StringBuilder();
            json().path("messages").forEach(m -> sb.append(m.path("content").asText()).append('\n'));
            return sb.toString();
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(HttpExchange exchange, Captured request) throws IOException;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Behaviour> defaultBehaviour = new AtomicReference<>(reply("ok"));
    private final List<Captured> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger modelLists = new java.util.concurrent.atomic.AtomicInteger();

    private FakeOpenAiServer(HttpServer server) {
        this.server = server;
    }

    public static FakeOpenAiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            FakeOpenAiServer fake = new FakeOpenAiServer(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-openai");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * A base URL on loopback where nothing listens (a port bound then released): connecting is refused at once.
     */
    public static String closedPortBaseUrl() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public FakeOpenAiServer enqueue(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    public FakeOpenAiServer setDefault(Behaviour behaviour) {
        defaultBehaviour.set(behaviour);
        return this;
    }

    public List<Captured> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public void reset() {
        script.clear();
        requests.clear();
        defaultBehaviour.set(reply("ok"));
    }

    /** How many model-list requests ({@code GET .../models}, e.g. an engine's warm-up probe) were answered. */
    public int modelListCount() {
        return modelLists.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().endsWith("/models")) {
            // Answered and counted apart from requests(): tests assert on completions, not on warm-up probes.
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                modelLists.incrementAndGet();
                send(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\","
                        + "\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"fake\"}]}");
            }
            return;
        }
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            Captured captured = new Captured(exchange.getRequestURI().getPath(), headers, body);
            requests.add(captured);
            Behaviour next = script.poll();
            (next != null ? next : defaultBehaviour.get()).answer(exchange, captured);
        }
    }

    // --- behaviours ----------------------------------------------------------------------------------------------

    /** A normal chat completion whose message content is {@code content}. */
    public static Behaviour reply(String content) {
        return replyWith(request -> content);
    }

    /** A normal chat completion whose content is computed from the request. */
    public static Behaviour replyWith(Function<Captured, String> content) {
        return (exchange, request) -> {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("id", "chatcmpl-fake");
            root.put("object", "chat.completion");
            root.put("created", 1_700_000_000L);
            root.put("model", request.json().path("model").asText("fake-model"));
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", content.apply(request));
            choice.put("finish_reason", "stop");
            choice.putNull("logprobs");
            ObjectNode usage = root.putObject("usage");
            usage.put("prompt_tokens", 42);
            usage.put("completion_tokens", 7);
            usage.put("total_tokens", 49);
            send(exchange, 200, "application/json", MAPPER.writeValueAsString(root));
        };
    }

    /** An HTTP error with an OpenAI-style error body (e.g. 429, 500). */
    public static Behaviour status(int code) {
        return (exchange, request) -> send(exchange, code, "application/json",
                "{\"error\":{\"message\":\"fake error " + code + "\",\"type\":\"server_error\"}}");
    }

    /** Sleeps before answering normally: a hung provider. */
    public static Behaviour hang(Duration duration, String contentAfter) {
        return (exchange, request) -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(contentAfter).answer(exchange, request);
        };
    }

    /** A 200 with an HTML page instead of JSON (a proxy's login or error page). */
    public static Behaviour html() {
        return (exchange, request) -> send(exchange, 200, "text/html",
                "<html><body><h1>Gateway</h1></body></html>");
    }

    /** A 200 whose JSON body is cut in the middle. */
    public static Behaviour truncated() {
        return (exchange, request) -> send(exchange, 200, "application/json",
                "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess");
    }

    private static void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
