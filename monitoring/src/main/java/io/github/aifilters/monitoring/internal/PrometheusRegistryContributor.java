package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.filter.MeterRegistryContributor;
import io.github.aifilters.monitoring.PrometheusScrapeServlet;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Optional;

/**
 * Adds a Prometheus registry to the toolkit's default registry when the web app declares a
 * {@link PrometheusScrapeServlet} (web.xml or {@code addServlet}) and the Prometheus client is on the classpath: the
 * servlet then exports every meter from the first request on, with nothing to write in Java. An app that declares no
 * scrape servlet pays nothing; one that supplies its own registry is not touched (this runs only for the default).
 */
public final class PrometheusRegistryContributor implements MeterRegistryContributor {

    static final String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    @Override
    public Optional<MeterRegistry> create(ServletContext context) {
        if (!scrapeServletDeclared(context) || !onClasspath()) {
            return Optional.empty();
        }
        return Optional.of(Prometheus.newRegistry());
    }

    private static boolean scrapeServletDeclared(ServletContext context) {
        try {
            for (ServletRegistration r : context.getServletRegistrations().values()) {
                if (PrometheusScrapeServlet.class.getName().equals(r.getClassName())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // some containers refuse the lookup in some phases: the servlet then attaches its registry itself
        }
        return false;
    }

    private static boolean onClasspath() {
        try {
            Class.forName(PROMETHEUS_REGISTRY, false, PrometheusRegistryContributor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that this class loads without the optional Prometheus client. */
    private static final class Prometheus {
        static MeterRegistry newRegistry() {
            return new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        }
    }
}
