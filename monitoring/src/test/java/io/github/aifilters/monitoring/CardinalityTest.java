package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.testing.TestServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CardinalityTest {

    static final class Ok extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.getWriter().write("ok");
        }
    }

    @Test
    void distinctUriValuesAreCappedAndTheRestIsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().maxUriTags(5).maxRoutes(4)
                .interval(Duration.ofHours(1)).healthEnabled(false).logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/", new Ok()))) {
            for (int i = 0; i < 30; i++) {
                // static-looking segments: id templating cannot collapse them, only the cap can
                assertThat(server.get("/page-" + (char) ('a' + i % 26) + "/x" + (char) ('a' + i / 26)).statusCode())
                        .isEqualTo(200);
            }
            assertThat(server.get("/missing-but-fine").statusCode()).isEqualTo(200);
            Fixtures.awaitTimerCount(registry, 31);
            Set<String> uris = registry.find(MonitoringFilter.METRIC).timers().stream()
                    .map(t -> t.getId().getTag("uri")).collect(Collectors.toSet());
            assertThat(uris).hasSize(6).contains("OTHER");
            assertThat(Fixtures.timerCount(registry)).isEqualTo(31);
            // the detectors are capped too: 4 routes, further ones share one
            assertThat(filter.runtime().routeCount()).isLessThanOrEqualTo(5);
            // every http.server.requests meter stays within the cap
            assertThat(registry.getMeters().stream().map(Meter::getId)
                    .filter(id -> id.getName().equals(MonitoringFilter.METRIC)).count()).isEqualTo(6);
        }
    }

    @Test
    void idleRoutesAreEvicted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitoringFilter filter = new MonitoringFilter(MonitoringConfig.builder().idleEvictIntervals(2)
                .interval(Duration.ofHours(1)).healthEnabled(false).logAlerts(false).build());
        try (TestServer server = Fixtures.start(filter, registry, Map.of("/", new Ok()))) {
            server.get("/a");
            server.get("/b");
            Fixtures.awaitTimerCount(registry, 2);
            assertThat(filter.runtime().routeCount()).isEqualTo(2);
            filter.runtime().tick();
            server.get("/a");
            Fixtures.awaitTimerCount(registry, 3);
            filter.runtime().tick();
            filter.runtime().tick();
            assertThat(filter.runtime().routeCount()).isEqualTo(1);
            filter.runtime().tick();
            filter.runtime().tick();
            assertThat(filter.runtime().routeCount()).isZero();
        }
    }
}
