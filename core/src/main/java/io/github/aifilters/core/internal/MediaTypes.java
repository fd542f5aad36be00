package io.github.aifilters.core.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Content-Type parsing shared by body capture and the filters' content-type matching. */
public final class MediaTypes {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private MediaTypes() {
    }

    /**
     * The request's Content-Type, never throwing. Jetty 12 throws {@code UnsupportedCharsetException} from
     * {@code getContentType()} when the charset parameter names an unknown charset ({@code charset=x-bogus-42}); a
     * filter asking that would skip (or fail) the request, so a client could opt out of monitoring at will. The raw
     * header is the fallback: the media type is still known, and {@link #charset} falls back to UTF-8.
     */
    public static String contentType(jakarta.servlet.ServletRequest request) {
        try {
            return request.getContentType();
        } catch (RuntimeException unsupportedCharset) {
            return request instanceof jakarta.servlet.http.HttpServletRequest http
                    ? http.getHeader("Content-Type") : null;
        }
    }

    /** {@code "Application/JSON; charset=UTF-8"} to {@code "application/json"}; empty string for null. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code application/json}, {@code application/*+json} and {@code text/json}. */
    public static boolean isJson(String mediaType) {
        return JSON.equals(mediaType) || "text/json".equals(mediaType)
                || mediaType.startsWith("application/") && mediaType.endsWith("+json");
    }

    /**
     * Whether a body of this type may be buffered: JSON, form-urlencoded, text/*, XML. Never multipart,
     * octet-stream, event-stream or any other (unknown, probably binary) type.
     */
    public static boolean isCapturable(String mediaType) {
        if (mediaType.isEmpty()) {
            return false;
        }
        if (mediaType.equals("text/event-stream")) {
            return false;
        }
        return isJson(mediaType) || FORM.equals(mediaType) || mediaType.startsWith("text/")
                || "application/xml".equals(mediaType) || mediaType.endsWith("+xml");
    }

    /** The charset parameter of a Content-Type, else UTF-8 (JSON's only encoding; a sane default elsewhere). */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
