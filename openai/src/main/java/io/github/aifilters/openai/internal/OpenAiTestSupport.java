package io.github.aifilters.openai.internal;

import io.github.aifilters.openai.LlmEngine;
import io.github.aifilters.openai.OpenAiEngineConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one entry point of other modules' tests (and the benchmarks) into this module's internals; the public way in
 * is {@code LlmClients}. Like everything in {@code internal}, no compatibility promise.
 */
public final class OpenAiTestSupport {

    private OpenAiTestSupport() {
    }

    /**
     * The OpenAI-compatible engine once its clients are built and its warm-up requests answered, so that a test's first
     * call does not pay the SDK's cold start against its deadline.
     *
     * @throws IllegalStateException when the warm-up takes longer than {@code timeout}
     */
    public static LlmEngine warmedEngine(OpenAiEngineConfig config, Duration timeout) {
        OpenAiLlmEngine engine = new OpenAiLlmEngine(config);
        if (!engine.awaitWarm(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            engine.close();
            throw new IllegalStateException("the engine was not warm within " + timeout);
        }
        return engine;
    }
}
