package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;

/**
 * README's Spring Boot snippets ({@code <!-- snippet: spring -->}), compiled as the body of a configuration class
 * against Spring Boot 3.5; each filter bean they declare must be mapped for REQUEST and ASYNC, and the error filter
 * also for ERROR (Boot's default is REQUEST only).
 */
class DocsSpringSnippetTest {

    static final String IMPORTS = """
            import io.github.aifilters.core.filter.AiFilterContext;
            import io.github.aifilters.errors.ErrorAnalysisFilter;
            import io.github.aifilters.filters.intent.IntentRecognitionFilter;
            import io.github.aifilters.filters.routes.RouteSuggestionFilter;
            import io.github.aifilters.filters.validation.SmartValidationFilter;
            import io.github.aifilters.monitoring.MonitoringFilter;
            import io.micrometer.core.instrument.MeterRegistry;
            import jakarta.servlet.DispatcherType;
            import org.springframework.boot.web.servlet.FilterRegistrationBean;
            import org.springframework.boot.web.servlet.ServletContextInitializer;
            import org.springframework.context.annotation.Bean;
            import org.springframework.context.annotation.Configuration;
            import org.springframework.core.Ordered;
            """;

    @TestFactory
    Stream<DynamicTest> springSnippetsCompileAndSetTheDispatcherTypes() throws Exception {
        return DocSnippets.snippets().stream().filter(s -> "spring".equals(s.marker()))
                .map(s -> DynamicTest.dynamicTest(s.toString(), () -> check(s)));
    }

    void check(DocSnippets.Snippet s) throws Exception {
        Object config = DocSnippets.compile("SpringSnippet", IMPORTS
                + "@Configuration public class SpringSnippet {\n" + s.text() + "\n}\n");
        int filters = 0;
        for (Method m : config.getClass().getDeclaredMethods()) {
            if (!AbstractFilterRegistrationBean.class.isAssignableFrom(m.getReturnType())) {
                continue;
            }
            m.setAccessible(true);
            AbstractFilterRegistrationBean<?> bean = (AbstractFilterRegistrationBean<?>) m.invoke(config);
            EnumSet<DispatcherType> types = dispatcherTypes(bean);
            assertThat(types).as("%s: %s", s, m.getName()).contains(DispatcherType.REQUEST, DispatcherType.ASYNC);
            if (bean.getFilter().getClass().getSimpleName().equals("ErrorAnalysisFilter")) {
                assertThat(types).as("%s: the error filter", s).contains(DispatcherType.ERROR);
            }
            assertThat(bean.isAsyncSupported()).isTrue();
            filters++;
        }
        assertThat(filters).as("%s declares filter beans", s).isPositive();
    }

    /** Boot keeps the configured dispatcher types in a private field (null: REQUEST only). */
    @SuppressWarnings("unchecked")
    static EnumSet<DispatcherType> dispatcherTypes(AbstractFilterRegistrationBean<?> bean) throws Exception {
        var f = AbstractFilterRegistrationBean.class.getDeclaredField("dispatcherTypes");
        f.setAccessible(true);
        Object v = f.get(bean);
        return v == null ? EnumSet.of(DispatcherType.REQUEST) : (EnumSet<DispatcherType>) v;
    }
}
