package io.github.aifilters.filters.validation.internal;

import com.networknt.schema.JsonNodePath;

/** JSON pointer (RFC 6901) helpers. */
public final class Pointers {

    private Pointers() {
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, String token) {
        return parent + "/" + escape(token);
    }

    public static String of(JsonNodePath path) {
        if (path == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return b.toString();
    }

    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    public static String lastToken(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? "" : pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    }

    public static int depth(String pointer) {
        int n = 0;
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }
}
