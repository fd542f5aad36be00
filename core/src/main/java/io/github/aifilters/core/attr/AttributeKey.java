package io.github.aifilters.core.attr;

import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed request-attribute key: the only channel through which the filters talk to each other and to the app.
 *
 * @param name the attribute name, namespaced under {@code io.github.aifilters}
 * @param type the value type; a value of another type under this name reads as absent
 * @param <T> value type
 */
public record AttributeKey<T>(String name, Class<T> type) {

    public AttributeKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public Optional<T> get(ServletRequest request) {
        Object value = request.getAttribute(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    public void set(ServletRequest request, T value) {
        request.setAttribute(name, value);
    }

    public void remove(ServletRequest request) {
        request.removeAttribute(name);
    }
}
