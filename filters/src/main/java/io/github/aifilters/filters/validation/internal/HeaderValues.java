package io.github.aifilters.filters.validation.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds header-safe, length-capped list values (visible ASCII only; anything else percent-encoded). */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c > 0x20 && c < 0x7F && c != ',' && c != '%' && c != '"' && c != '\\') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }

    /** Comma-separated encoded items; when the cap is reached, the rest is summarised as {@code +N}. */
    public static String list(List<String> items, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String item = encode(items.get(i));
            String more = ",+" + (items.size() - i);
            int needed = (b.length() == 0 ? 0 : 1) + item.length();
            boolean last = i == items.size() - 1;
            if (b.length() + needed + (last ? 0 : more.length()) > maxLength) {
                if (b.length() == 0) {
                    return "+" + items.size();
                }
                return b.append(more).toString();
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(item);
        }
        return b.toString();
    }
}
