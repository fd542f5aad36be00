package io.github.aifilters.examples.library;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every log event, for the tests that read what the app logged (declared in both examples' logback-test.xml;
 * Spring Boot's logging system loads that file and keeps it). Shared with the Spring Boot example through the
 * test-jar.
 */
public class CapturingAppender extends AppenderBase<ILoggingEvent> {

    public static final List<ILoggingEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        EVENTS.add(event);
    }
}
