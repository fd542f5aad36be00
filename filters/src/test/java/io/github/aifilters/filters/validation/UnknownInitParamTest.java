package io.github.aifilters.filters.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.aifilters.core.config.CommonSettings;
import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A misspelt init-param is reported at start-up with the nearest valid key (strict mode, which fails start-up instead:
 * {@code ValidationLogicTest}).
 */
class UnknownInitParamTest {

    /** Starts the filter in Jetty with {@code params} and returns the warnings it logged. */
    private static List<String> warningsAtStartUp(Map<String, String> params) {
        Logger logger = (Logger) LoggerFactory.getLogger(SmartValidationFilter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestServer server = TestServer.start(ctx -> {
            FilterHolder holder = new FilterHolder(SmartValidationFilter.class);
            holder.setName("validation");
            params.forEach(holder::setInitParameter);
            ctx.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
        })) {
            assertThat(server.get("/x").statusCode()).isEqualTo(200);
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aMisspeltKeyLogsAWarningNamingTheNearestKey() {
        assertThat(warningsAtStartUp(Map.of("autoCorect", "true"))).containsExactly(
                "AI filter 'validation': unknown init-param 'autoCorect' (did you mean 'autoCorrect'?); it is ignored");
    }

    @Test
    void everyKnownKeyIsAccepted() {
        assertThat(warningsAtStartUp(Map.of(ValidationFilterConfig.AUTO_CORRECT, "true",
                CommonSettings.EXCLUDE_PATHS, "/x/*", CommonSettings.STRICT_CONFIG, "true"))).isEmpty();
    }
}
