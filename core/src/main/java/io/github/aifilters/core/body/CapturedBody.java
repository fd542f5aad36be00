package io.github.aifilters.core.body;

import io.github.aifilters.core.internal.MediaTypes;
import java.nio.charset.Charset;

/**
 * The body as buffered for the filters. Immutable; {@link #bytes()} returns the internal array, do not modify it.
 *
 * @param bytes the whole body (never truncated: an over-cap body is never a {@code CapturedBody})
 * @param charset charset from Content-Type; UTF-8 for JSON and when absent
 * @param mediaType lower-cased media type without parameters, e.g. {@code application/json}; may be empty
 */
public record CapturedBody(byte[] bytes, Charset charset, String mediaType) {

    public String text() {
        return new String(bytes, charset);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isJson() {
        return MediaTypes.isJson(mediaType);
    }

    public boolean isForm() {
        return MediaTypes.FORM.equals(mediaType);
    }
}
