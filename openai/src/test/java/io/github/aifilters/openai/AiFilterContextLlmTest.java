package io.github.aifilters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.core.engine.AiEngine;
import io.github.aifilters.core.engine.EngineSource;
import io.github.aifilters.core.engine.HybridEngine;
import io.github.aifilters.core.engine.IntentQuery;
import io.github.aifilters.core.filter.AiFilterContext;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** The shared engine a web app gets from {@code aifilters.llm.*} context-params (the service-loaded provider). */
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
            AiEngine engine = AiFilterContext.engine(context);
            try {
                assertThat(engine).isInstanceOf(HybridEngine.class);
                HybridEngine hybrid = (HybridEngine) engine;
                assertThat(hybrid.gateway().config().deadline()).isEqualTo(Duration.ofSeconds(30));
                assertThat(hybrid.gateway().config().cacheMaxEntries()).isEqualTo(50);
                var r = engine.classifyIntent(new IntentQuery("add bob",
                        new OpenAiEngineHttpTest.WeakModel(java.util.Set.of("create_user")), 0.6));
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
