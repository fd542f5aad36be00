package com.example.telemetry.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jakarta REST application, as docs/jakarta-rest.md recommends it beside the AI filters.
 *
 * <ul>
 *   <li>{@code JacksonFeature.withoutExceptionMappers()}: Jersey's default Jackson mappers answer a malformed body
 *       with {@code 400 text/plain} and Jackson's message, which names the app's model classes. Without them the
 *       parse error reaches the error filter, which answers a sanitised problem document.</li>
 *   <li>WADL off: Jersey would otherwise answer {@code OPTIONS} and {@code /application.wadl} with an XML document
 *       listing every resource class.</li>
 * </ul>
 */
public class TelemetryApplication extends ResourceConfig {

    /** Workers of the async resources; shut down with the server. */
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "telemetry-worker");
        t.setDaemon(true);
        return t;
    });

    public TelemetryApplication() {
        this(false);
    }

    /**
     * @param statusOverSendError Jersey's {@value ServerProperties#RESPONSE_SET_STATUS_OVER_SEND_ERROR}: error
     *                            statuses without an entity as {@code setStatus} instead of {@code sendError}; the
     *                            filters answer both the same way
     */
    public TelemetryApplication(boolean statusOverSendError) {
        DeviceStore store = new DeviceStore();
        register(DeviceResource.class);
        register(JacksonFeature.withoutExceptionMappers());
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, statusOverSendError);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(store).to(DeviceStore.class);
                bind(workers).to(ExecutorService.class);
            }
        });
    }

    public ExecutorService workers() {
        return workers;
    }
}
