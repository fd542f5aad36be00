package io.github.aifilters.sample;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** Registers the AI filters and ops endpoints on the sample's context. */
final class SampleWiring {

    private SampleWiring() {
    }

    static void install(ServletContextHandler context) {
        // Filters are added here as the feature modules land.
    }
}
