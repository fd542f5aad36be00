package io.github.aifilters.core.problem;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail. {@code detail} must already be safe for a client: the writer does not guess.
 *
 * @param type stable URI per error kind (see {@link ProblemTypes})
 * @param title short, human-readable summary of the kind
 * @param status HTTP status
 * @param detail explanation specific to this occurrence, sanitised; may be null
 * @param instance the request path (or an error-id URN); may be null
 * @param extensions extension members, written after the standard ones in insertion order
 */
public record Problem(URI type, String title, int status, String detail, String instance,
                      Map<String, Object> extensions) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599), got " + status);
        }
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Builder builder(URI type, String title, int status) {
        return new Builder(type, title, status);
    }

    /** Fluent builder; extension members keep their insertion order. */
    public static final class Builder {
        private final URI type;
        private final String title;
        private final int status;
        private String detail;
        private String instance;
        private final Map<String, Object> extensions = new LinkedHashMap<>();

        private Builder(URI type, String title, int status) {
            this.type = type;
            this.title = title;
            this.status = status;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder with(String name, Object value) {
            if (value != null) {
                extensions.put(name, value);
            }
            return this;
        }

        public Problem build() {
            return new Problem(type, title, status, detail, instance, extensions);
        }
    }
}
