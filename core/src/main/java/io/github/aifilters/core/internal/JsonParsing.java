package io.github.aifilters.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.exchange.JsonBodies;
import jakarta.servlet.ServletContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How one web app parses JSON bodies: once per request, with the loosest of the limits its filters registered
 * ({@link JsonBodies#DEFAULT} always among them), so that every filter's limits can be judged on the one tree. When
 * some registered limits are stricter than the parser's, {@link #current()} says so and the exchange measures each
 * body's extents during that one parse.
 */
public final class JsonParsing {

    private static final String ATTRIBUTE = JsonParsing.class.getName();

    private final Set<JsonBodies> requested = new LinkedHashSet<>();
    private volatile Parser current;

    /** The parser configuration an exchange takes at creation. */
    public record Parser(JsonBodies limits, ObjectMapper mapper, boolean measures) {
    }

    private JsonParsing() {
        requested.add(JsonBodies.DEFAULT);
        current = new Parser(JsonBodies.DEFAULT, JsonBodies.DEFAULT.newMapper(), false);
    }

    /** The app's JSON parsing (a servlet-context attribute, created on first use). */
    public static JsonParsing of(ServletContext context) {
        Object present = context.getAttribute(ATTRIBUTE);
        if (present instanceof JsonParsing parsing) {
            return parsing;
        }
        synchronized (context) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof JsonParsing parsing) {
                return parsing;
            }
            JsonParsing created = new JsonParsing();
            context.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** Adds the limits a filter judges bodies by (at init, before requests are served). */
    public synchronized void register(JsonBodies limits) {
        if (!requested.add(limits)) {
            return;
        }
        JsonBodies loosest = JsonBodies.DEFAULT;
        for (JsonBodies r : requested) {
            loosest = loosest.loosest(r);
        }
        boolean stricterRequested = false;
        for (JsonBodies r : requested) {
            stricterRequested |= !r.equals(loosest);
        }
        ObjectMapper mapper = loosest.equals(current.limits()) ? current.mapper() : loosest.newMapper();
        current = new Parser(loosest, mapper, stricterRequested);
    }

    /** The parser to use now. */
    public Parser current() {
        return current;
    }
}
