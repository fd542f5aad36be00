package io.github.aifilters.filters.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aifilters.core.redact.DefaultRedactor;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.intent.internal.IntentClassifierTrainer;
import io.github.aifilters.filters.intent.internal.IntentTrainingOptions;
import io.github.aifilters.filters.intent.internal.IntentsDefinition;
import io.github.aifilters.filters.intent.internal.IntentsFileLoader;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.internal.RouteMatcher;
import io.github.aifilters.filters.routes.internal.RouteSources;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.internal.CompiledSchema;
import io.github.aifilters.filters.validation.internal.JsonBodyValidator;
import io.github.aifilters.filters.validation.internal.LevelPolicy;
import io.github.aifilters.filters.validation.internal.SchemaLoader;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The one entry point of the benchmarks (and of other modules' tests) into this module's engines: the intent
 * classifier, the route matcher and the JSON body validator, built as the filters build them. Callers hold and call
 * what these methods return, and use the data records those engines take (intents definitions, routes, training
 * options); they never construct an engine themselves. Like everything in an {@code internal} package this carries no
 * compatibility promise: it changes with the engines.
 */
public final class FiltersTestSupport {

    private FiltersTestSupport() {
    }

    /** An intents file (a path, or {@code classpath:…} read with {@code classLoader}), parsed and checked. */
    public static IntentsDefinition loadIntents(String location, ClassLoader classLoader) {
        return new IntentsFileLoader(location, classLoader).load();
    }

    /** The intent filter's classifier trained on {@code definition} with the shipped training options. */
    public static IntentClassifier trainIntents(IntentsDefinition definition) {
        return trainIntents(definition, IntentTrainingOptions.DEFAULTS);
    }

    /** The intent filter's classifier trained on {@code definition} with {@code options}. */
    public static IntentClassifier trainIntents(IntentsDefinition definition, IntentTrainingOptions options) {
        return new IntentClassifierTrainer(options).train(definition);
    }

    /** The route suggestion filter's matcher over {@code routes}, with its default options. */
    public static RouteMatcher routeMatcher(Collection<Route> routes) {
        return new RouteMatcher(routes);
    }

    /** The routes of an OpenAPI document (JSON or YAML), prefixed with its server path when {@code serverPath}. */
    public static List<Route> openApiRoutes(byte[] document, boolean serverPath) throws IOException {
        return RouteSources.openApi(document, serverPath);
    }

    /** The validation filter's validator with {@code config}'s limits and levels and the default redactor. */
    public static JsonBodyValidator validator(ValidationFilterConfig config) {
        return new JsonBodyValidator(config.limits(), new LevelPolicy(config.levels()),
                DefaultRedactor.defaults());
    }

    /** A schema read from {@code location} (a path or {@code classpath:…}) and compiled as the filter compiles it. */
    public static CompiledSchema compileSchema(String location, ClassLoader classLoader) {
        return new SchemaLoader(classLoader).compile(location);
    }

    /** A schema document compiled as the filter compiles it, under {@code name} and base IRI {@code iri}. */
    public static CompiledSchema compileSchema(String name, String iri, JsonNode document, ClassLoader classLoader) {
        return new SchemaLoader(classLoader).compile(name, iri, document);
    }
}
