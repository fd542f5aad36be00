package io.github.aifilters.core.internal;

import java.nio.charset.Charset;

/**
 * The one entry point of the benchmarks (and of other modules' tests) into core's internal helpers: the route-shape
 * guess and the Content-Type parsing every filter uses. The toolkit's own modules use {@code core.internal} directly;
 * nothing else should. Like everything in an {@code internal} package, no compatibility promise.
 */
public final class CoreTestSupport {

    private static final RouteTemplater TEMPLATER = new RouteTemplater();

    private CoreTestSupport() {
    }

    /** The route template guessed from a path's shape ({@code /users/42} → {@code /users/{id}}). */
    public static String routeTemplate(String path) {
        return TEMPLATER.template(path);
    }

    /** {@code "Application/JSON; charset=UTF-8"} → {@code "application/json"}. */
    public static String mediaType(String contentType) {
        return MediaTypes.mediaType(contentType);
    }

    /** Whether a media type is JSON ({@code application/json}, {@code application/*+json}, {@code text/json}). */
    public static boolean isJson(String mediaType) {
        return MediaTypes.isJson(mediaType);
    }

    /** The charset parameter of a Content-Type, else UTF-8. */
    public static Charset charset(String contentType) {
        return MediaTypes.charset(contentType);
    }
}
