package io.github.aifilters.monitoring;

import com.sun.net.httpserver.HttpServer;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.Await;
import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Shared test fixtures: a Jetty server with the monitoring filter, a loopback webhook receiver, polling. */
final class Fixtures {

    private Fixtures() {
    }

    /** Starts Jetty with the filter (REQUEST and ASYNC) and the given servlets; the registry is the app's. */
    static TestServer start(MonitoringFilter filter, MeterRegistry registry, Map<String, HttpServlet> servlets) {
        return TestServer.start(ctx -> {
            ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            servlets.forEach((path, servlet) -> {
                ServletHolder sh = new ServletHolder(servlet);
                sh.setAsyncSupported(true);
                ctx.addServlet(sh, path);
            });
        });
    }

    /** Polls until the condition holds: the filter records after the response may have been sent. */
    static void await(BooleanSupplier condition, String what) {
        Await.until(condition, what);
    }

    static long timerCount(MeterRegistry registry) {
        return registry.find(MonitoringFilter.METRIC).timers().stream().mapToLong(Timer::count).sum();
    }

    static void awaitTimerCount(MeterRegistry registry, long expected) {
        await(() -> timerCount(registry) >= expected, expected + " timed requests");
    }

    /** A JDK HttpServer on 127.0.0.1:0 collecting the bodies POSTed to /hook. */
    static final class Webhook implements AutoCloseable {
        final HttpServer server;
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final boolean hang;

        Webhook(boolean hang) throws IOException {
            this.hang = hang;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (hang) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                bodies.add(new String(body, StandardCharsets.UTF_8));
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(auth == null ? "" : auth);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-webhook");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }

        java.net.URI uri() {
            return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }
}
