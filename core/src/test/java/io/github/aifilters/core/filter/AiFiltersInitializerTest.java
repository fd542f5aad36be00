package io.github.aifilters.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.testing.TestServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in ServletContainerInitializer. */
class AiFiltersInitializerTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Appends its letter (and its init-param "suffix", if any) to the X-Order header. */
    public static class FirstFilter implements Filter {
        private String suffix = "";

        @Override
        public void init(FilterConfig config) {
            suffix = config.getInitParameter("suffix") == null ? "" : config.getInitParameter("suffix");
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) res).addHeader("X-Order", letter() + suffix);
            chain.doFilter(req, res);
        }

        String letter() {
            return "A";
        }
    }

    public static class SecondFilter extends FirstFilter {
        @Override
        String letter() {
            return "B";
        }
    }

    private void start(Map<String, String> contextParams) {
        server = TestServer.start(ctx -> {
            contextParams.forEach(ctx::setInitParameter);
            ctx.addServletContainerInitializer(new AiFiltersInitializer());
            ctx.addServlet(new ServletHolder(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.getWriter().write("ok");
                }
            }), "/*");
        });
    }

    @Test
    void offByDefaultEvenWhenFiltersAreNamed() {
        start(Map.of(AiFiltersInitializer.FILTERS, FirstFilter.class.getName()));
        HttpResponse<String> r = server.get("/x");
        assertThat(r.body()).isEqualTo("ok");
        assertThat(r.headers().allValues("X-Order")).isEmpty();
    }

    @Test
    void whenOnRegistersTheNamedFiltersOnEveryPathInTheOrderGiven() {
        start(Map.of(AiFiltersInitializer.AUTO_REGISTER, "true",
                AiFiltersInitializer.FILTERS, SecondFilter.class.getName() + ", " + FirstFilter.class.getName(),
                FirstFilter.class.getName() + ".suffix", "1"));
        HttpResponse<String> r = server.get("/any/path");
        assertThat(r.body()).isEqualTo("ok");
        assertThat(r.headers().allValues("X-Order")).containsExactly("B", "A1");
    }

    @Test
    void anUnknownClassFailsStartUpNamingIt() {
        assertThatThrownBy(() -> start(Map.of(AiFiltersInitializer.AUTO_REGISTER, "true",
                AiFiltersInitializer.FILTERS, "com.example.NoSuchFilter")))
                .hasStackTraceContaining("com.example.NoSuchFilter");
    }

    @Test
    void isRegisteredForServiceLoaderDiscovery() throws IOException {
        Path services = Path.of("src/main/resources/META-INF/services/jakarta.servlet.ServletContainerInitializer");
        assertThat(Files.readString(services).trim()).isEqualTo(AiFiltersInitializer.class.getName());
        assertThat(java.util.ServiceLoader.load(jakarta.servlet.ServletContainerInitializer.class).stream()
                .map(p -> p.type().getName())).contains(AiFiltersInitializer.class.getName());
    }
}
