package io.github.aifilters.monitoring.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON to a webhook with the JDK {@link HttpClient}. {@link #send} only offers the alert to a
 * bounded queue and returns at once; one daemon worker delivers, with a per-attempt timeout and retries with
 * exponential backoff on connection errors, timeouts, 429 and 5xx. When the queue is full the alert is dropped and
 * counted ({@link #dropped()}): a slow or dead webhook can delay nothing but its own deliveries.
 */
public final class WebhookAlertSink implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);

    private final URI uri;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final String authorization;
    private final BlockingQueue<DefaultAlert> queue;
    private final HttpClient client;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * @param uri the webhook URL (http or https)
     * @param timeout connect and response timeout per attempt
     * @param retries attempts after the first one
     * @param backoff wait before the first retry; doubled for each further retry
     * @param queueCapacity alerts waiting for delivery beyond which new ones are dropped
     * @param authorization value of the {@code Authorization} header, or null
     */
    public WebhookAlertSink(URI uri, Duration timeout, int retries, Duration backoff, int queueCapacity,
                            String authorization) {
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("webhook URL must be http(s): " + uri);
        }
        if (queueCapacity < 1 || retries < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook queue >= 1, retries >= 0 and a positive timeout required");
        }
        this.uri = uri;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.authorization = authorization;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.worker = new Thread(this::run, "ai-filters-webhook");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void send(DefaultAlert alert) {
        if (!running || !queue.offer(alert)) {
            dropped.incrementAndGet();
        }
    }

    /** The JSON document posted for an alert. */
    public byte[] payload(DefaultAlert a) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("source", "ai-filters-monitoring");
        body.put("severity", a.severity());
        body.put("series", a.series());
        body.put("metric", a.metric());
        body.put("route", a.route());
        body.put("value", finite(a.value()));
        body.put("baseline", finite(a.baseline()));
        body.put("deviation", finite(a.deviation()));
        body.put("score", finite(a.score()));
        body.put("at", a.at().toString());
        body.put("message", a.message());
        body.put("messageSource", a.messageSource());
        body.put("context", a.context());
        return mapper.writeValueAsBytes(body);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void run() {
        while (running) {
            DefaultAlert alert;
            try {
                alert = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (alert != null) {
                try {
                    deliver(alert);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | IOException e) {
                    failed.incrementAndGet();
                    LOG.warn("webhook alert {} not delivered ({})", alert.id(), e.getClass().getSimpleName());
                }
            }
        }
    }

    private void deliver(DefaultAlert alert) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ai-filters-monitoring")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload(alert)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        long wait = Math.max(1, backoff.toMillis());
        String last = "";
        for (int attempt = 0; attempt <= retries && running; attempt++) {
            if (attempt > 0) {
                Thread.sleep(wait);
                wait = Math.min(wait * 2, 60_000);
            }
            attempts.incrementAndGet();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    return;
                }
                last = "HTTP " + status;
                if (status != 429 && status < 500) {
                    break; // the webhook rejected the document: retrying will not help
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
        }
        failed.incrementAndGet();
        LOG.warn("webhook alert {} not delivered after {} attempt(s): {}", alert.id(), retries + 1, last);
    }

    public long delivered() {
        return delivered.get();
    }

    /** Alerts dropped because the queue was full (or the sink closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Alerts given up after all retries. */
    public long failed() {
        return failed.get();
    }

    /** HTTP attempts made, retries included. */
    public long attempts() {
        return attempts.get();
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
