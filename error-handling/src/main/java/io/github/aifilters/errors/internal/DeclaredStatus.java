package io.github.aifilters.errors.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads the HTTP status an exception carries itself (Spring's {@code ResponseStatusException}, JAX-RS
 * {@code WebApplicationException}, framework-neutral {@code getStatus()} exceptions) without depending on those
 * libraries: a public no-arg {@code getStatusCode()}, {@code getStatus()}, {@code getRawStatusCode()},
 * {@code status()}, {@code statusCode()} or {@code getHttpStatus()} returning an int, or an object with
 * {@code value()}/{@code getStatusCode()}/{@code getStatus()}/{@code code()} returning an int. JAX-RS: {@code getResponse().getStatus()}.
 *
 * <p>Lookups are cached per class ({@link ClassValue}), so the reflective search happens once per exception type.
 */
final class DeclaredStatus {

    private static final String[] ACCESSORS = {"getRawStatusCode", "getStatusCode", "getStatus", "status",
        "statusCode", "getHttpStatus", "getHttpStatusCode", "getResponse"};
    private static final String[] VALUE_ACCESSORS = {"value", "getStatusCode", "getStatus", "code", "getCode"};

    /** No accessor: the marker cached for classes without one. */
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private static final ClassValue<MethodHandle> ACCESSOR = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return find(type, ACCESSORS);
        }
    };

    private static final ClassValue<MethodHandle> VALUE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return find(type, VALUE_ACCESSORS);
        }
    };

    private DeclaredStatus() {
    }

    /** The 4xx/5xx status the throwable declares, or null. Never throws. */
    static Integer of(Throwable t) {
        Class<?> type = t.getClass();
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") && !name.startsWith("javax.ws.")) {
            return null;
        }
        Object v = invoke(ACCESSOR.get(type), t);
        if (v != null && !(v instanceof Number)) {
            v = invoke(VALUE.get(v.getClass()), v);
        }
        if (v instanceof Number n) {
            int status = n.intValue();
            return status >= 400 && status <= 599 ? status : null;
        }
        return null;
    }

    private static Object invoke(MethodHandle h, Object target) {
        if (h == NONE) {
            return null;
        }
        try {
            return h.invoke(target);
        } catch (Throwable e) {
            // A status accessor that fails tells nothing; the other evidence decides.
            return null;
        }
    }

    private static MethodHandle find(Class<?> type, String[] names) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (String n : names) {
            try {
                Method m = type.getMethod(n);
                if (Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?> r = m.getReturnType();
                if (r == void.class || r == String.class || r == boolean.class || r.isArray()) {
                    continue;
                }
                // Public method declared on a non-public class: find it on a public supertype.
                Method callable = publicDeclaration(m);
                if (callable == null) {
                    continue;
                }
                MethodHandle h = lookup.unreflect(callable);
                return h.asType(MethodType.methodType(Object.class, Object.class));
            } catch (NoSuchMethodException | IllegalAccessException | SecurityException e) {
                // try the next name
            }
        }
        return NONE;
    }

    private static Method publicDeclaration(Method m) {
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            return m;
        }
        for (Class<?> c = m.getDeclaringClass().getSuperclass(); c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(m.getName());
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
