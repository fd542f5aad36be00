package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.aifilters.examples.library.boot.LibraryBootApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The library on Spring Boot 3.5 (embedded Tomcat, actuator, Prometheus), the five filters registered with
 * {@code FilterRegistrationBean}: everything {@link LibraryContract} checks, read from {@code /actuator/prometheus},
 * plus the coexistence with Boot's own request timer. The contract's test-only endpoints come from
 * {@link TestEndpoints}, one more configuration class handed to {@code SpringApplication.run}.
 */
class BootLibraryTest extends LibraryContract {

    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() {
        app = SpringApplication.run(new Class<?>[] {LibraryBootApp.class, TestEndpoints.class},
                new String[] {"--server.port=0", "--server.address=127.0.0.1"});
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** The contract's test-only endpoints, registered next to the library's servlets. */
    @Configuration(proxyBeanMethods = false)
    static class TestEndpoints {

        @Bean
        ServletRegistrationBean<StalledServlet> stalled() {
            ServletRegistrationBean<StalledServlet> bean = new ServletRegistrationBean<>(new StalledServlet(),
                    StalledServlet.PATH);
            bean.setAsyncSupported(true);
            return bean;
        }

        @Bean
        ServletRegistrationBean<SlowDownloadServlet> slowDownload() {
            return new ServletRegistrationBean<>(new SlowDownloadServlet(), SlowDownloadServlet.PATH);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Override
    String base() {
        return base;
    }

    @Override
    String scrapePath() {
        return "/actuator/prometheus";
    }

    @Override
    boolean scrapeNeedsToken() {
        return false;
    }

    @Test
    void bootsOwnTimerAndOursBothExportedWithoutClashOrWarning() {
        assertThat(get("/books/2").statusCode()).isEqualTo(200);
        String s = awaitScrape(b -> b.contains("http_server_requests_seconds_count{")
                && b.contains("aifilters_http_requests_seconds_count{"), "both request timers");
        // Boot's observation of the same requests is still there, under its own name and tag keys
        assertThat(s).contains("http_server_requests_seconds_count{error=\"none\"");
        // the actuator's own endpoint is not timed by the filter (default excludes)
        assertThat(s).doesNotContain("uri=\"/actuator/prometheus\",}").doesNotMatch(
                "(?s).*aifilters_http_requests_seconds_count\\{[^}]*uri=\"/actuator.*");
        assertThat(CapturingAppender.EVENTS).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("MeterFilter is being configured"))
                .noneMatch(m -> m.contains("Prometheus requires that all meters"))
                .noneMatch(m -> m.contains("is being added to this CompositeMeterRegistry"));
    }
}
