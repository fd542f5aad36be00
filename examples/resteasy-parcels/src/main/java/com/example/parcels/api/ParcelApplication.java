package com.example.parcels.api;

import jakarta.ws.rs.core.Application;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Jakarta REST application RESTEasy instantiates from the servlet's {@code jakarta.ws.rs.Application}
 * init-param. RESTEasy registers the Jackson provider of {@code resteasy-jackson2-provider} by itself (a service
 * entry of that jar).
 */
public class ParcelApplication extends Application {

    /** Workers of the async resources: daemons, so a stopped server leaves nothing running. */
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "parcels-worker");
        t.setDaemon(true);
        return t;
    });
    /** Built once: RESTEasy may ask for the singletons more than once. */
    private final Set<Object> singletons = Set.of(new ParcelResource(new ParcelDepot(), workers),
            new ParcelDeliveredMapper(), new UnreadableBodyMapper());

    /** Instances, not classes: the resource gets its depot and workers without a dependency-injection container. */
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }
}
