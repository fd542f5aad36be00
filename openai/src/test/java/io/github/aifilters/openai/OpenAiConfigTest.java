package io.github.aifilters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmClientProvider;
import io.github.aifilters.openai.internal.LlmGateway;
import io.github.aifilters.openai.internal.OpenAiLlmClientProvider;
import io.github.aifilters.openai.internal.OpenAiLlmEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiConfigTest {

    private static final UnaryOperator<String> NONE = k -> null;

    private static UnaryOperator<String> env(Map<String, String> vars) {
        return vars::get;
    }

    @Test
    void absentBaseUrlOrKeyMeansEmbeddedOnly() {
        assertThat(OpenAiEngineConfig.fromSettings(Map.of(), NONE, NONE)).isEmpty();
        assertThat(OpenAiEngineConfig.fromSettings(Map.of("baseUrl", "http://localhost:11434/v1"), NONE, NONE)).isEmpty();
        assertThat(OpenAiEngineConfig.fromSettings(Map.of("apiKey", "k"), NONE, NONE)).isEmpty();
        assertThat(new OpenAiLlmClientProvider(NONE, NONE).create(Map.of(), new SimpleMeterRegistry())).isEmpty();
    }

    @Test
    void environmentFillsWhatSettingsLeaveOpen() {
        Map<String, String> vars = Map.of("AI_FILTERS_LLM_BASE_URL", "https://api.openai.com/v1/",
                "AI_FILTERS_LLM_API_KEY", "sk-from-env-0000000000000000", "AI_FILTERS_LLM_MODEL", "gpt-4o");
        OpenAiEngineConfig c = OpenAiEngineConfig.fromSettings(Map.of("timeout", "1500ms", "model.intent", "gpt-4o-mini"),
                env(vars), NONE).orElseThrow();
        EndpointConfig e = c.endpoints().get(0);
        assertThat(e.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(e.apiKey()).isEqualTo("sk-from-env-0000000000000000");
        assertThat(e.model()).isEqualTo("gpt-4o");
        assertThat(e.modelFor("intent")).isEqualTo("gpt-4o-mini");
        assertThat(e.modelFor("error")).isEqualTo("gpt-4o");
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(e.maxRetries()).isEqualTo(1);
        assertThat(e.structuredOutput()).isTrue();
        // settings win over the environment; system properties over the environment too
        OpenAiEngineConfig c2 = OpenAiEngineConfig.fromSettings(Map.of("model", "from-settings"), env(vars),
                k -> k.equals("aifilters.llm.baseUrl") ? "http://sysprop:1/v1" : null).orElseThrow();
        assertThat(c2.endpoints().get(0).model()).isEqualTo("from-settings");
        assertThat(c2.endpoints().get(0).baseUrl()).isEqualTo("http://sysprop:1/v1");
    }

    @Test
    void severalEndpointsInheritTopLevelDefaults() {
        Map<String, String> s = new HashMap<>();
        s.put("apiKey", "shared-key");
        s.put("model", "gpt-4o-mini");
        s.put("maxRetries", "0");
        s.put("endpoints.0.name", "ollama");
        s.put("endpoints.0.baseUrl", "http://localhost:11434/v1");
        s.put("endpoints.0.apiKey", "ollama");
        s.put("endpoints.0.model", "llama3.2");
        s.put("endpoints.0.structuredOutput", "false");
        s.put("endpoints.1.baseUrl", "https://api.openai.com/v1");
        s.put("endpoints.1.weight", "0");
        s.put("endpoints.1.dailyTokenQuota", "100000");
        s.put("failover.failureThreshold", "5");
        s.put("failover.coolDown", "1m");
        OpenAiEngineConfig c = OpenAiEngineConfig.fromSettings(s, NONE, NONE).orElseThrow();
        assertThat(c.endpoints()).hasSize(2);
        EndpointConfig local = c.endpoints().get(0);
        EndpointConfig hosted = c.endpoints().get(1);
        assertThat(local.name()).isEqualTo("ollama");
        assertThat(local.apiKey()).isEqualTo("ollama");
        assertThat(local.model()).isEqualTo("llama3.2");
        assertThat(local.structuredOutput()).isFalse();
        assertThat(hosted.name()).isEqualTo("endpoint-1");
        assertThat(hosted.apiKey()).isEqualTo("shared-key");
        assertThat(hosted.model()).isEqualTo("gpt-4o-mini");
        assertThat(hosted.weight()).isZero();
        assertThat(hosted.maxRetries()).isZero();
        assertThat(hosted.dailyTokenQuota()).isEqualTo(100_000);
        assertThat(c.failureThreshold()).isEqualTo(5);
        assertThat(c.coolDown()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void keyFromFileAndEncryptedKeys(@TempDir Path dir) throws Exception {
        String master = ApiKeyCipher.generateMasterKey();
        String encrypted = ApiKeyCipher.fromBase64(master).encrypt("sk-secret-value-1234567890");
        assertThat(encrypted).startsWith("enc:").doesNotContain("sk-secret");
        Path file = dir.resolve("key.txt");
        Files.writeString(file, encrypted + "\n");

        Map<String, String> vars = Map.of(ApiKeyCipher.MASTER_KEY_ENV, master);
        OpenAiEngineConfig c = OpenAiEngineConfig.fromSettings(Map.of("baseUrl", "http://x/v1",
                "apiKeyFile", file.toString()), env(vars), NONE).orElseThrow();
        assertThat(c.endpoints().get(0).apiKey()).isEqualTo("sk-secret-value-1234567890");
        assertThat(c.toString()).doesNotContain("sk-secret-value").contains("****");

        // Without the master key: a clear error that shows neither value.
        assertThatThrownBy(() -> OpenAiEngineConfig.fromSettings(Map.of("baseUrl", "http://x/v1", "apiKey", encrypted),
                NONE, NONE)).hasMessageContaining(ApiKeyCipher.MASTER_KEY_ENV).hasMessageNotContaining(encrypted);
        // With a wrong master key: the GCM tag check fails.
        String other = ApiKeyCipher.generateMasterKey();
        assertThatThrownBy(() -> ApiKeyCipher.fromBase64(other).decrypt(encrypted))
                .hasMessageContaining("cannot decrypt").hasMessageNotContaining(encrypted);
        assertThatThrownBy(() -> OpenAiEngineConfig.fromSettings(Map.of("baseUrl", "http://x/v1",
                "apiKeyFile", dir.resolve("missing").toString()), NONE, NONE)).hasMessageContaining("apiKeyFile");
    }

    @Test
    void malformedValuesFailFastNamingTheKey() {
        assertThatThrownBy(() -> OpenAiEngineConfig.fromSettings(Map.of("baseUrl", "http://x/v1", "apiKey", "k",
                "maxRetries", "many"), NONE, NONE)).hasMessageContaining("maxRetries");
    }

    @Test
    void envNames() {
        assertThat(OpenAiEngineConfig.envName("baseUrl")).isEqualTo("AI_FILTERS_LLM_BASE_URL");
        assertThat(OpenAiEngineConfig.envName("apiKeyFile")).isEqualTo("AI_FILTERS_LLM_API_KEY_FILE");
        assertThat(OpenAiEngineConfig.envName("failover.coolDown")).isEqualTo("AI_FILTERS_LLM_FAILOVER_COOL_DOWN");
    }

    @Test
    void providerIsFoundByServiceLoaderAndBuildsAnEngine() {
        Optional<LlmClientProvider> provider = ServiceLoader.load(LlmClientProvider.class).findFirst();
        assertThat(provider).containsInstanceOf(OpenAiLlmClientProvider.class);
        Map<String, String> settings = Map.of("baseUrl", "http://127.0.0.1:9/v1", "apiKey", "local");
        try (LlmClient client = provider.get().create(settings, new SimpleMeterRegistry()).orElseThrow()) {
            assertThat(client).isInstanceOf(LlmGateway.class);
        }
        Optional<OpenAiLlmEngine> engine = new OpenAiLlmClientProvider(NONE, NONE).engine(settings);
        assertThat(engine).isPresent();
        try (OpenAiLlmEngine e = engine.get()) {
            assertThat(e.name()).isEqualTo("openai");
            assertThat(e.toString()).doesNotContain("local,").contains("****");
        }
    }
}
