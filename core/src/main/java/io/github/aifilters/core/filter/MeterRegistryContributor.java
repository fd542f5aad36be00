package io.github.aifilters.core.filter;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletContext;
import java.util.Optional;

/**
 * SPI ({@link java.util.ServiceLoader}) of an exporter's registry for the toolkit's default {@link MeterRegistry}: when
 * the app puts no registry in the context, {@link AiFilterContext#meterRegistry} creates a composite and adds each
 * contributed registry to it before any meter exists, so the exporter sees every recording from the start (a registry
 * added to a composite later misses what was recorded before; Micrometer warns about it). The monitoring module's
 * contributor adds a Prometheus registry when a {@code PrometheusScrapeServlet} is declared in the web app.
 */
public interface MeterRegistryContributor {

    /** A registry to add to the default composite for this web app, or empty. Must not throw. */
    Optional<MeterRegistry> create(ServletContext context);
}
