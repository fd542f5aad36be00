import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile traffic of issue 12, replayed against a running sample app on 127.0.0.1 for a bounded time (run by
 * benchmarks/soak.sh, which starts and stops the app). Single-file program: {@code java Soak.java PORT MINUTES PID LOG}.
 * Prints one JSON line: requests, status counts, unexpected 5xx, secrets seen in responses / logs / ops views,
 * findings (a hostile request that got through), threads and heap before / after, /health latency under attack.
 */
public class Soak {

    static final String[] SECRETS = {"Hunter2SoakPassword", "AKIASOAKSECRETKEY777", "sk-live-soak0secret0abcdefghijklmn",
        "ghp_soak0secret0abcdefghijklmnopqrstuvwx12", "s3cr3t-soak-session"};
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, AtomicLong> STATUS = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> UNEXPECTED_5XX = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> FINDINGS = new ConcurrentHashMap<>();
    static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> HEALTH_MILLIS = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong REQUESTS = new AtomicLong();
    static String host = "127.0.0.1";
    static int port;

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(args[0]);
        double minutes = Math.min(60, Math.max(0.1, Double.parseDouble(args[1])));
        long pid = Long.parseLong(args[2]);
        Path log = Path.of(args[3]);
        // slow uploads at once: a few by default; hundreds replay a slow-upload attack on the container's threads
        int drippers = args.length > 4 ? Math.max(1, Math.min(500, Integer.parseInt(args[4]))) : 3;
        long threadsBefore = threads(pid);
        long heapBefore = heapUsedKb(pid);
        long end = System.nanoTime() + (long) (minutes * 60e9);
        ExecutorService pool = Executors.newFixedThreadPool(9 + drippers);
        AtomicLong maxThreads = new AtomicLong(threadsBefore);
        for (int w = 0; w < 8; w++) {
            long seed = w;
            pool.submit(() -> worker(new Random(seed), end));
        }
        for (int w = 0; w < drippers; w++) {
            pool.submit(() -> dripper(end));
        }
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                long t = System.nanoTime();
                send("GET", "/health", null, null, Map.of(), "health");
                HEALTH_MILLIS.add((System.nanoTime() - t) / 1_000_000);
                maxThreads.accumulateAndGet(threads(pid), Math::max);
                sleep(500);
            }
        });
        pool.shutdown();
        pool.awaitTermination((long) (minutes * 60) + 120, TimeUnit.SECONDS);
        sleep(2000); // let the app settle before the after-figures
        // the ops views, read as ops would (loopback): no planted secret may be there either
        for (String view : new String[] {"/_ai/errors", "/_ai/monitoring"}) {
            HttpResponse<String> r = send("GET", view, null, null, Map.of(), "ops");
            if (r != null) {
                leaksIn("ops " + view, r.body());
            }
        }
        String logText = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        leaksIn("log", logText);
        long threadsAfter = threads(pid);
        long heapAfter = heapUsedKb(pid);
        List<Long> h = new ArrayList<>(HEALTH_MILLIS);
        Collections.sort(h);
        long p99 = h.isEmpty() ? -1 : h.get(Math.min(h.size() - 1, (int) Math.ceil(h.size() * 0.99) - 1));
        StringBuilder json = new StringBuilder("{");
        json.append("\"minutes\":").append(minutes).append(',');
        json.append("\"slowUploadsAtOnce\":").append(drippers).append(',');
        json.append("\"requests\":").append(REQUESTS.get()).append(',');
        json.append("\"status\":").append(map(STATUS)).append(',');
        json.append("\"unexpected5xx\":").append(map(UNEXPECTED_5XX)).append(',');
        json.append("\"findings\":").append(map(FINDINGS)).append(',');
        json.append("\"leaks\":").append(LEAKS.size()).append(',');
        json.append("\"leakWhere\":[");
        synchronized (LEAKS) {
            for (int i = 0; i < Math.min(20, LEAKS.size()); i++) {
                json.append(i > 0 ? "," : "").append('"').append(LEAKS.get(i).replace("\"", "'")).append('"');
            }
        }
        json.append("],");
        json.append("\"threadsBefore\":").append(threadsBefore).append(',');
        json.append("\"threadsMax\":").append(maxThreads.get()).append(',');
        json.append("\"threadsAfter\":").append(threadsAfter).append(',');
        json.append("\"heapUsedMbBefore\":").append(heapBefore / 1024).append(',');
        json.append("\"heapUsedMbAfter\":").append(heapAfter / 1024).append(',');
        json.append("\"healthP99Ms\":").append(p99).append('}');
        System.out.println(json);
    }

    /** One worker: a random hostile request after the other. */
    static void worker(Random r, long end) {
        while (System.nanoTime() < end) {
            String s = SECRETS[r.nextInt(SECRETS.length)];
            switch (r.nextInt(10)) {
                case 0 -> raw("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100",
                        "{\"name\":\"A", true, "truncated");
                case 1 -> raw("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                        "5\r\n{\"a\":\r\nZZZ\r\n1}\r\n0\r\n\r\n", false, "badchunk");
                case 2 -> {
                    String age = List.of("1e64", "-1e64", "1e400", "99999999999999999999999").get(r.nextInt(4));
                    HttpResponse<String> resp = send("POST", "/api/users", "application/json",
                            "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"age\":" + age + "}", Map.of(), "exponent");
                    if (resp != null && resp.statusCode() < 400) {
                        FINDINGS.computeIfAbsent("exponent_accepted", k -> new AtomicLong()).incrementAndGet();
                    }
                }
                case 3 -> send("GET", "/api/fail/password=" + s, null, null, Map.of(), "secret_path");
                case 4 -> send("GET", "/api/fail/" + SECRETS[1], null, null, Map.of(), "secret_path");
                case 5 -> {
                    HttpResponse<String> resp = send("TRACE", "/api/search", null, null,
                            Map.of("Authorization", "Bearer " + s, "Cookie", "JSESSIONID=" + SECRETS[4]), "trace");
                    if (resp != null && resp.statusCode() != 405) {
                        FINDINGS.computeIfAbsent("trace_answered", k -> new AtomicLong()).incrementAndGet();
                    }
                }
                case 6 -> send("POST", "/api/chat", "application/json; charset=x-bogus-42",
                        "{\"message\":\"find shoes\",\"password\":\"" + s + "\"}", Map.of("X-Api-Key", s), "bogus_charset");
                case 7 -> {
                    HttpResponse<String> resp = send("GET", "/_ai/errors", null, null,
                            Map.of("X-Forwarded-For", "203.0.113.7"), "ops_forwarded");
                    if (resp != null && resp.statusCode() == 200) {
                        FINDINGS.computeIfAbsent("ops_open_via_proxy", k -> new AtomicLong()).incrementAndGet();
                    }
                }
                case 8 -> send("POST", "/api/users", "application/json", "[".repeat(200), Map.of(), "deep_json");
                default -> send("GET", "/api/userz/" + r.nextInt(1000), null, null,
                        Map.of("X-Db-Url", "postgres://app:" + s + "@db.internal/app"), "not_found");
            }
        }
    }

    /** Slow uploads: a byte every 200 ms to a served and an unserved path. */
    static void dripper(long end) {
        int n = 0;
        while (System.nanoTime() < end) {
            String path = n++ % 2 == 0 ? "/api/chat" : "/api/nowhere";
            byte[] body = "{\"message\":\"slow slow slow slow slow slow slow slow slow slow slow slow\"}"
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                s.setSoTimeout(200);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = "";
                for (int i = 0; i < body.length && System.nanoTime() < end; i++) {
                    out.write(body[i]);
                    out.flush();
                    try {
                        answer = read(s.getInputStream());
                        if (!answer.isEmpty()) {
                            break;
                        }
                    } catch (IOException timeoutOrClosed) {
                        // no answer yet: keep dripping
                    }
                }
                count("drip", answer);
            } catch (IOException e) {
                STATUS.computeIfAbsent("drip:closed", k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    static void raw(String head, String body, boolean halfClose, String kind) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            count(kind, read(s.getInputStream()));
        } catch (IOException e) {
            STATUS.computeIfAbsent(kind + ":closed", k -> new AtomicLong()).incrementAndGet();
        }
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            all.write(buf, 0, n);
            if (all.size() > 1 << 20) {
                break;
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    static void count(String kind, String answer) {
        REQUESTS.incrementAndGet();
        String status = answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? answer.substring(9, 12) : "none";
        STATUS.computeIfAbsent(kind + ":" + status, k -> new AtomicLong()).incrementAndGet();
        if (status.startsWith("5")) {
            UNEXPECTED_5XX.computeIfAbsent(kind + ":" + status, k -> new AtomicLong()).incrementAndGet();
        }
        leaksIn("response " + kind, answer);
    }

    static HttpResponse<String> send(String method, String path, String type, String body, Map<String, String> headers,
                                     String kind) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (type != null) {
                b.header("Content-Type", type);
            }
            headers.forEach(b::header);
            HttpResponse<String> r = CLIENT.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            REQUESTS.incrementAndGet();
            String key = kind + ":" + r.statusCode();
            STATUS.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            // /api/fail/* fails on purpose (the sample's demo of error analysis); any other 5xx is unexpected
            if (r.statusCode() >= 500 && !path.startsWith("/api/fail/")) {
                UNEXPECTED_5XX.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            }
            leaksIn("response " + kind, r.body() + r.headers().map());
            return r;
        } catch (IOException e) {
            STATUS.computeIfAbsent(kind + ":io_error", k -> new AtomicLong()).incrementAndGet();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void leaksIn(String where, String text) {
        for (String s : SECRETS) {
            if (text != null && text.contains(s)) {
                LEAKS.add(where + ": " + s.substring(0, 6) + "…");
            }
        }
    }

    static long threads(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap used (KiB) per jcmd GC.heap_info, after a GC so the figure is the live set; -1 if jcmd is missing. */
    static long heapUsedKb(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            String out = run("jcmd", Long.toString(pid), "GC.heap_info");
            long total = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
            return total == 0 ? -1 : total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String map(Map<String, AtomicLong> m) {
        StringBuilder b = new StringBuilder("{");
        new TreeMap<>(m).forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v.get()));
        return b.append('}').toString();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
