package io.github.aifilters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.openai.internal.LlmGateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** The shared LLM client a web app gets from {@code aifilters.llm.*} context-params (the service-loaded provider). */
class AiFilterContextLlmTest {

    @Test
    void contextParamsEnableTheLlmWithGatewaySettings() {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            fake.setDefault(FakeOpenAiServer.reply("{\"intent\":\"create_user\",\"confidence\":0.9}"));
            ServletContextHandler handler = new ServletContextHandler();
            handler.setInitParameter("aifilters.llm.baseUrl", fake.baseUrl());
            handler.setInitParameter("aifilters.llm.apiKey", "local");
            // A fresh JVM needs seconds to warm the SDK up: this first call waits for it within the deadline.
            handler.setInitParameter("aifilters.llm.deadline", "30s");
            handler.setInitParameter("aifilters.llm.timeout", "30s");
            handler.setInitParameter("aifilters.llm.cache.maxEntries", "50");
            var context = handler.getServletContext();
            LlmClient engine = AiFilterContext.llm(context);
            try {
                assertThat(engine).isInstanceOf(LlmGateway.class);
                LlmGateway gateway = (LlmGateway) engine;
                assertThat(gateway.config().deadline()).isEqualTo(Duration.ofSeconds(30));
                assertThat(gateway.config().cacheMaxEntries()).isEqualTo(50);
                var r = TestPrompts.classify(engine, "add bob");
                assertThat(r.source()).isEqualTo(EngineSource.LLM);
                MeterRegistry registry = AiFilterContext.meterRegistry(context);
                assertThat(registry.find("aifilters.llm.calls").tag("outcome", "success").counter().count())
                        .isEqualTo(1);
            } finally {
                engine.close();
            }
        }
    }
}
