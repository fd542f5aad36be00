package io.github.aifilters.core.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.core.exchange.JsonBodies;
import io.github.aifilters.core.intent.IntentRoutes;
import io.github.aifilters.core.internal.JsonParsing;
import io.github.aifilters.core.llm.LlmClient;
import io.github.aifilters.core.llm.LlmClientProvider;
import io.github.aifilters.core.problem.ProblemWriter;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.core.redact.Redactor;
import io.github.aifilters.core.route.RouteResolvers;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContext;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the filters of one web application share, kept as {@link ServletContext} attributes (not static
 * singletons): the {@link MeterRegistry}, the {@link LlmClient} and the {@link Redactor}. An app presets any of them by
 * setting the attribute before the filters initialise; otherwise the first filter creates a default.
 */
public final class AiFilterContext {

    /** Context attribute: the app's {@link MeterRegistry}. Default: see {@link #meterRegistry(ServletContext)}. */
    public static final String METER_REGISTRY = "io.github.aifilters.meterRegistry";
    /**
     * Context attribute: the shared {@link LlmClient}. Default: the first configured {@link LlmClientProvider}'s
     * client (e.g. the {@code openai} module's, when a base URL and key are set), else {@link LlmClient#disabled()}.
     */
    public static final String LLM = "io.github.aifilters.llm";
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
    /** Prefix of context-params passed to {@link LlmClientProvider}s, e.g. {@code aifilters.llm.baseUrl}. */
    public static final String LLM_PARAM_PREFIX = "aifilters.llm.";

    private static final String BODY_CAP = "io.github.aifilters.bodyCap";

    private AiFilterContext() {
    }

    /**
     * The app's registry (context attribute {@link #METER_REGISTRY}), else one created for the toolkit: the registry
     * of the one {@link MeterRegistryContributor} found (e.g. the monitoring module's Prometheus registry for its
     * scrape servlet, so a web.xml-only app can export the metrics), a {@link CompositeMeterRegistry} over several,
     * a {@link SimpleMeterRegistry} when there is none. No composite over a single registry: every request records
     * a few meters, and a composite adds a dispatch (and an iterator) to each recording.
     */
    public static MeterRegistry meterRegistry(ServletContext context) {
        return shared(context, METER_REGISTRY, MeterRegistry.class, () -> createMeterRegistry(context));
    }

    private static MeterRegistry createMeterRegistry(ServletContext context) {
        List<MeterRegistry> children = new java.util.ArrayList<>();
        for (MeterRegistryContributor contributor : ServiceLoader.load(MeterRegistryContributor.class,
                AiFilterContext.class.getClassLoader())) {
            try {
                contributor.create(context).ifPresent(children::add);
            } catch (RuntimeException | LinkageError e) {
                // an exporter that cannot start must not stop the filters: they still count in a simple registry
                org.slf4j.LoggerFactory.getLogger(AiFilterContext.class).warn(
                        "meter registry contributor {} failed: {}", contributor.getClass().getName(), e.toString());
            }
        }
        if (children.isEmpty()) {
            return new SimpleMeterRegistry();
        }
        // the children are in place before the first meter: each sees every recording
        return children.size() == 1 ? children.get(0) : new CompositeMeterRegistry(Clock.SYSTEM, children);
    }

    public static Redactor redactor(ServletContext context) {
        return shared(context, REDACTOR, Redactor.class, () -> DefaultRedactor.fromParams(
                InitParams.of("servlet context", contextParams(context)), CONTEXT_PARAM_PREFIX));
    }

    public static ProblemWriter problemWriter(ServletContext context) {
        return shared(context, ProblemWriter.class.getName(), ProblemWriter.class, ProblemWriter::new);
    }

    /** The shared LLM client: the app's, else the first configured provider's, else {@link LlmClient#disabled()}. */
    public static LlmClient llm(ServletContext context) {
        LlmClient client = shared(context, LLM, LlmClient.class, () -> createLlm(context));
        alertOnBreaker(context, client);
        return client;
    }

    private static final String LLM_ALERT_HOOK = "io.github.aifilters.llm.alertHook";

    /**
     * Once per client: when its breaker opens, an alert goes through the app's {@link AlertPublisher} (the
     * monitoring filter's, when installed), so an LLM outage reaches ops instead of only degrading answers. Wired
     * here, where every filter obtains the client, so an app's own client is covered too.
     */
    private static void alertOnBreaker(ServletContext context, LlmClient client) {
        if (context.getAttribute(LLM_ALERT_HOOK) == client) {
            return; // hooked already: no lock (error handling asks for the client on every error)
        }
        synchronized (context) {
            if (context.getAttribute(LLM_ALERT_HOOK) == client) {
                return;
            }
            context.setAttribute(LLM_ALERT_HOOK, client);
        }
        try {
            client.onStatusChange(status -> {
                if (!status.open()) {
                    return;
                }
                Object publisher = context.getAttribute(ALERT_PUBLISHER);
                if (publisher instanceof AlertPublisher p) {
                    p.publish(new AlertQuery("llm.breaker." + status.engine(), "llm_breaker_open", null, 1, 0, 0,
                            "high", java.time.Instant.now(), Map.of("engine", status.engine(),
                            "failures", Long.toString(status.failures()), "timeouts",
                            Long.toString(status.timeouts())), false));
                }
            });
        } catch (RuntimeException e) {
            // a client whose hook fails still serves calls; ops then see its status in the views only
        }
    }

    private static LlmClient createLlm(ServletContext context) {
        Map<String, String> settings = llmSettings(context);
        for (LlmClientProvider provider : ServiceLoader.load(LlmClientProvider.class,
                AiFilterContext.class.getClassLoader())) {
            Optional<LlmClient> client = provider.create(settings, meterRegistry(context));
            if (client.isPresent()) {
                return client.get();
            }
        }
        return LlmClient.disabled();
    }

    /** The routes the app's intents file gives its intents, published by the intent filter for route suggestion. */
    public static IntentRoutes intentRoutes(ServletContext context) {
        return shared(context, IntentRoutes.class.getName(), IntentRoutes.class, IntentRoutes::new);
    }

    /** The app's route resolvers: filters register the routes they know; every request's exchange asks them. */
    public static RouteResolvers routes(ServletContext context) {
        return shared(context, RouteResolvers.class.getName(), RouteResolvers.class, RouteResolvers::new);
    }

    /**
     * The mapper the app's request exchanges parse JSON bodies with: the toolkit's one configuration
     * ({@link JsonBodies}) with the loosest limits the app's filters registered ({@link JsonBodies#DEFAULT} unless a
     * filter registered looser ones).
     */
    public static ObjectMapper jsonMapper(ServletContext context) {
        return JsonParsing.of(context).current().mapper();
    }

    /**
     * Records the JSON read limits a filter judges bodies by (at init). Every request's body is parsed once, with
     * the loosest registered limits, and each filter gets it judged by its own ({@code AiExchange.json(body,
     * limits)}), whatever the order of the filters.
     */
    public static void registerJsonLimits(ServletContext context, JsonBodies limits) {
        JsonParsing.of(context).register(limits);
    }

    /**
     * Records a filter's body cap: the shared body capture reads up to the largest cap of the app's filters, so that
     * each filter can judge the body against its own cap whatever the order in which they read it.
     */
    public static void registerBodyCap(ServletContext context, int maxBodyBytes) {
        shared(context, BODY_CAP, AtomicInteger.class, AtomicInteger::new).accumulateAndGet(maxBodyBytes, Math::max);
    }

    /** The largest body cap registered by the app's filters (0 when none registered). */
    public static int bodyCap(ServletContext context) {
        Object cap = context.getAttribute(BODY_CAP);
        return cap instanceof AtomicInteger a ? a.get() : 0;
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
        // Asked on every request (the exchange, the body cap, the registry): the attribute is read without a lock,
        // and only its creation, once per app, is serialised.
        Object present = context.getAttribute(name);
        if (type.isInstance(present)) {
            return type.cast(present);
        }
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
