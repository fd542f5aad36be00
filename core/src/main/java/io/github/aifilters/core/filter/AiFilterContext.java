package io.github.aifilters.core.filter;

import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.engine.AiEngine;
import io.github.aifilters.core.engine.EmbeddedEngine;
import io.github.aifilters.core.engine.HybridEngine;
import io.github.aifilters.core.engine.llm.LlmEngine;
import io.github.aifilters.core.engine.llm.LlmEngineProvider;
import io.github.aifilters.core.engine.llm.LlmGateway;
import io.github.aifilters.core.engine.llm.LlmGatewayConfig;
import io.github.aifilters.core.problem.ProblemWriter;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.redact.Redactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContext;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the filters of one web application share, kept as {@link ServletContext} attributes (not static
 * singletons): the {@link MeterRegistry}, the {@link AiEngine} and the {@link Redactor}. An app presets any of them by
 * setting the attribute before the filters initialise; otherwise the first filter creates a default.
 */
public final class AiFilterContext {

    /** Context attribute: the app's {@link MeterRegistry}. Default: a {@link SimpleMeterRegistry}. */
    public static final String METER_REGISTRY = "io.github.aifilters.meterRegistry";
    /** Context attribute: the shared {@link AiEngine}. Default: embedded, or hybrid when an LLM is configured. */
    public static final String ENGINE = "io.github.aifilters.engine";
    /**
     * Context attribute: the shared {@link Redactor}. Default: {@link DefaultRedactor#defaults()} plus the additions
     * in context-params {@code aifilters.redact.headers}, {@code .cookies}, {@code .fields}, {@code .fieldNames}
     * and {@code .patterns} (see {@link DefaultRedactor#fromParams}).
     */
    public static final String REDACTOR = "io.github.aifilters.redactor";
    /**
     * Context attribute: the {@link AlertPublisher} filters publish alerts to (registered by the monitoring module or
     * the app). No default: without one, filters only log.
     */
    public static final String ALERT_PUBLISHER = "io.github.aifilters.alertPublisher";
    /** Prefix of the toolkit's context-params. */
    public static final String CONTEXT_PARAM_PREFIX = "aifilters.";
    /** Prefix of context-params passed to {@link LlmEngineProvider}s, e.g. {@code aifilters.llm.baseUrl}. */
    public static final String LLM_PARAM_PREFIX = "aifilters.llm.";

    private AiFilterContext() {
    }

    public static MeterRegistry meterRegistry(ServletContext context) {
        return shared(context, METER_REGISTRY, MeterRegistry.class, SimpleMeterRegistry::new);
    }

    public static Redactor redactor(ServletContext context) {
        return shared(context, REDACTOR, Redactor.class, () -> DefaultRedactor.fromParams(
                InitParams.of("servlet context", contextParams(context)), CONTEXT_PARAM_PREFIX));
    }

    public static ProblemWriter problemWriter(ServletContext context) {
        return shared(context, ProblemWriter.class.getName(), ProblemWriter.class, ProblemWriter::new);
    }

    /** The shared engine: the app's, else hybrid over the first configured {@link LlmEngineProvider}, else embedded. */
    public static AiEngine engine(ServletContext context) {
        return shared(context, ENGINE, AiEngine.class, () -> createEngine(context));
    }

    private static AiEngine createEngine(ServletContext context) {
        Map<String, String> settings = llmSettings(context);
        for (LlmEngineProvider provider : ServiceLoader.load(LlmEngineProvider.class,
                AiFilterContext.class.getClassLoader())) {
            Optional<LlmEngine> engine = provider.create(settings);
            if (engine.isPresent()) {
                // Gateway settings (deadline, breaker, cache, prices …) come from the same aifilters.llm.* params.
                return new HybridEngine(new EmbeddedEngine(), new LlmGateway(engine.get(),
                        LlmGatewayConfig.fromSettings(settings), meterRegistry(context)), redactor(context));
            }
        }
        return new EmbeddedEngine();
    }

    /** Context-params under {@value #LLM_PARAM_PREFIX}, prefix removed. Providers add environment and properties. */
    public static Map<String, String> llmSettings(ServletContext context) {
        Map<String, String> settings = new LinkedHashMap<>();
        Enumeration<String> names = context.getInitParameterNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith(LLM_PARAM_PREFIX)) {
                settings.put(name.substring(LLM_PARAM_PREFIX.length()), context.getInitParameter(name));
            }
        }
        return settings;
    }

    /** Every context-param, for typed reading through {@link InitParams}. */
    public static Map<String, String> contextParams(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        Enumeration<String> names = context.getInitParameterNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            params.put(name, context.getInitParameter(name));
        }
        return params;
    }

    private static <T> T shared(ServletContext context, String name, Class<T> type, java.util.function.Supplier<T> create) {
        synchronized (context) {
            Object existing = context.getAttribute(name);
            if (type.isInstance(existing)) {
                return type.cast(existing);
            }
            T created = create.get();
            context.setAttribute(name, created);
            return created;
        }
    }
}
