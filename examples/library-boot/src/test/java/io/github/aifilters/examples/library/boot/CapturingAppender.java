package io.github.aifilters.examples.library.boot;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log event (declared in logback-test.xml, which Boot's logging system loads and keeps). */
public class CapturingAppender extends AppenderBase<ILoggingEvent> {

    public static final List<ILoggingEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        EVENTS.add(event);
    }
}
