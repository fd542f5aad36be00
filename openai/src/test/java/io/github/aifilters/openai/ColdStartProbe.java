package io.github.aifilters.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.aifilters.core.llm.EngineSource;
import io.github.aifilters.core.testing.FakeOpenAiServer;
import io.github.aifilters.openai.internal.LlmGateway;
import io.github.aifilters.openai.internal.OpenAiLlmEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a probe, run in a fresh JVM, of what a request thread would pay on the first LLM call with and without
 * the background warm-up, and of steady-state latency against a loopback fake server (see docs/llm.md).
 * Usage: {@code ColdStartProbe naive|warmed}. Last stdout line: one JSON object.
 */
public final class ColdStartProbe {

    private static final String INTENT_OK = "{\"intent\":\"create_user\",\"confidence\":0.91}";

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "warmed" : args[0];
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            fake.setDefault(FakeOpenAiServer.reply(INTENT_OK));
            if (mode.equals("naive")) {
                // What an engine without warm-up makes the first request pay: client set-up and first call inline.
                long t0 = System.nanoTime();
                OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("k")
                        .timeout(Duration.ofSeconds(30)).maxRetries(0).build();
                client.chat().completions().create(ChatCompletionCreateParams.builder().model("m")
                        .addUserMessage("hi").maxTokens(10).build());
                client.close();
                long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                System.out.println("{\"mode\":\"naive\",\"firstCallMs\":" + firstMs + "}");
                return;
            }
            long t0 = System.nanoTime();
            OpenAiLlmEngine engine = new OpenAiLlmEngine(OpenAiEngineConfig.of(
                    EndpointConfig.of("fake", fake.baseUrl(), "k", "m").withTimeout(Duration.ofSeconds(30))));
            long constructMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            engine.awaitWarm(60, TimeUnit.SECONDS);
            long warmMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            LlmGateway gateway = new LlmGateway(engine, LlmGatewayConfig.builder().cacheEnabled(false)
                    .rateLimitPerSecond(0).deadline(Duration.ofSeconds(30)).build(), new SimpleMeterRegistry());
            try (gateway) {
                long t1 = System.nanoTime();
                boolean llm = TestPrompts.classify(gateway, "add bob").source() == EngineSource.LLM;
                long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                int n = 300;
                long[] us = new long[n];
                for (int i = 0; i < n; i++) {
                    long s = System.nanoTime();
                    TestPrompts.classify(gateway, "add user " + i);
                    us[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - s);
                }
                Arrays.sort(us);
                System.out.println("{\"mode\":\"warmed\",\"constructMs\":" + constructMs + ",\"warmUpMs\":" + warmMs
                        + ",\"firstCallMs\":" + firstMs + ",\"firstCallFromLlm\":" + llm + ",\"steadyCalls\":" + n
                        + ",\"steadyP50Us\":" + us[n / 2] + ",\"steadyP99Us\":" + us[n * 99 / 100] + "}");
            }
        }
    }
}
