package io.github.aifilters.examples.library.boot;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.errors.ErrorAnalysisFilter;
import io.github.aifilters.examples.library.AuthorsServlet;
import io.github.aifilters.examples.library.BooksServlet;
import io.github.aifilters.examples.library.LoansServlet;
import io.github.aifilters.filters.intent.IntentRecognitionFilter;
import io.github.aifilters.filters.routes.RouteSuggestionFilter;
import io.github.aifilters.filters.validation.SmartValidationFilter;
import io.github.aifilters.monitoring.MonitoringFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The library on Spring Boot: the servlets of the plain-servlet example, the five AI filters registered with
 * {@link FilterRegistrationBean} as README shows, and Boot's own {@code MeterRegistry} (actuator, Prometheus) handed to
 * the filters so that their per-route timer ({@code aifilters.http.requests}) is in {@code /actuator/prometheus} next
 * to Boot's {@code http.server.requests}.
 */
@SpringBootApplication
public class LibraryBootApp {

    public static void main(String[] args) {
        SpringApplication.run(LibraryBootApp.class, args);
    }

    /** Boot's registry for the filters: a context attribute set before the filters initialise. */
    @Bean
    ServletContextInitializer aiFiltersMeterRegistry(MeterRegistry registry) {
        return ctx -> ctx.setAttribute(AiFilterContext.METER_REGISTRY, registry);
    }

    @Bean
    FilterRegistrationBean<MonitoringFilter> aiMonitoring() {
        return filter(new MonitoringFilter(), 10, DispatcherType.REQUEST, DispatcherType.ASYNC);
    }

    @Bean
    FilterRegistrationBean<ErrorAnalysisFilter> aiErrors() {
        FilterRegistrationBean<ErrorAnalysisFilter> bean = filter(new ErrorAnalysisFilter(), 20,
                DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        bean.addInitParameter("inAppPackages", "io.github.aifilters.examples.library");
        return bean;
    }

    @Bean
    FilterRegistrationBean<RouteSuggestionFilter> aiRoutes() {
        FilterRegistrationBean<RouteSuggestionFilter> bean = filter(new RouteSuggestionFilter(), 30,
                DispatcherType.REQUEST, DispatcherType.ASYNC);
        bean.addInitParameter("routesFile", "classpath:library/routes.txt");
        return bean;
    }

    @Bean
    FilterRegistrationBean<IntentRecognitionFilter> aiIntent() {
        FilterRegistrationBean<IntentRecognitionFilter> bean = filter(new IntentRecognitionFilter(), 40,
                DispatcherType.REQUEST, DispatcherType.ASYNC);
        bean.addInitParameter("intentsFile", "classpath:library/intents.yaml");
        return bean;
    }

    @Bean
    FilterRegistrationBean<SmartValidationFilter> aiValidation() {
        FilterRegistrationBean<SmartValidationFilter> bean = filter(new SmartValidationFilter(), 50,
                DispatcherType.REQUEST, DispatcherType.ASYNC);
        bean.addInitParameter("mapping", "classpath:library/validation.yaml");
        return bean;
    }

    /** Boot maps a filter for REQUEST only unless told: the dispatcher types are always set. */
    private static <F extends Filter> FilterRegistrationBean<F> filter(F filter, int order, DispatcherType first,
                                                                       DispatcherType... rest) {
        FilterRegistrationBean<F> bean = new FilterRegistrationBean<>(filter);
        if ("false".equalsIgnoreCase(System.getenv("AI_FILTERS_ENABLED"))) {
            // the same registrations switched off: the baseline of benchmarks/load/onoff.sh
            bean.addInitParameter("enabled", "false");
        }
        bean.addUrlPatterns("/*");
        bean.setDispatcherTypes(first, rest);
        bean.setAsyncSupported(true);
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + order);
        return bean;
    }

    @Bean
    ServletRegistrationBean<BooksServlet> books() {
        return new ServletRegistrationBean<>(new BooksServlet(), "/books", "/books/*");
    }

    @Bean
    ServletRegistrationBean<AuthorsServlet> authors() {
        return new ServletRegistrationBean<>(new AuthorsServlet(), "/authors", "/authors/*");
    }

    @Bean
    ServletRegistrationBean<LoansServlet> loans() {
        return new ServletRegistrationBean<>(new LoansServlet(), "/loans", "/loans/*");
    }
}
