package io.github.aifilters.core.config;

import jakarta.servlet.FilterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only, typed view of a filter's init-parameters (web.xml, {@code FilterRegistration.setInitParameter},
 * Spring Boot's {@code FilterRegistrationBean.addInitParameter}) or of a plain map given to a builder.
 *
 * <p>A value that cannot be parsed fails fast with a message naming the key: a misconfigured filter must fail at
 * start-up, not on the first request.
 */
public final class InitParams {

    private final String owner;
    private final Map<String, String> values;

    private InitParams(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(values);
    }

    public static InitParams of(String owner, Map<String, String> values) {
        return new InitParams(owner, new LinkedHashMap<>(values));
    }

    public static InitParams empty(String owner) {
        return new InitParams(owner, Map.of());
    }

    public static InitParams from(FilterConfig config) {
        Map<String, String> map = new LinkedHashMap<>();
        Enumeration<String> names = config.getInitParameterNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            map.put(name, config.getInitParameter(name));
        }
        return new InitParams(config.getFilterName(), map);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> string(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> switch (v.toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, v, "a boolean (true/false)");
        }).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "an integer");
            }
        }).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return string(key).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "an integer");
            }
        }).orElse(defaultValue);
    }

    public double decimal(String key, double defaultValue) {
        return string(key).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a number");
            }
        }).orElse(defaultValue);
    }

    /** A size such as {@code 65536}, {@code 64KB}, {@code 64KiB}, {@code 1MB}. */
    public long bytes(String key, long defaultValue) {
        return string(key).map(v -> parseBytes(key, v)).orElse(defaultValue);
    }

    /** A duration such as {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT2S}. */
    public Duration duration(String key, Duration defaultValue) {
        return string(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    /** A comma- or whitespace-separated list; empty when absent. */
    public List<String> list(String key) {
        return string(key).map(InitParams::splitList).orElse(List.of());
    }

    public List<String> list(String key, List<String> defaultValue) {
        return string(key).map(InitParams::splitList).orElse(defaultValue);
    }

    public static List<String> splitList(String v) {
        List<String> out = new ArrayList<>();
        for (String part : v.split("[,\\s]+")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    private IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(
                "Filter '" + owner + "': init-param '" + key + "' must be " + expected + ", got '" + value + "'");
    }

    private long parseBytes(String key, String v) {
        String s = v.trim().toUpperCase().replace(" ", "");
        long unit = 1;
        for (String[] suffix : new String[][] {{"KIB", "1024"}, {"MIB", "1048576"}, {"KB", "1024"}, {"MB", "1048576"},
                {"K", "1024"}, {"M", "1048576"}, {"B", "1"}}) {
            if (s.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                s = s.substring(0, s.length() - suffix[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw invalid(key, v, "a non-negative size");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, v, "a size such as 65536 or 64KiB");
        }
    }

    private Duration parseDuration(String key, String v) {
        String s = v.trim().toLowerCase();
        try {
            if (s.startsWith("p")) {
                return Duration.parse(v.trim().toUpperCase());
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofMillis(Long.parseLong(s));
            };
        } catch (RuntimeException e) {
            throw invalid(key, v, "a duration such as 250ms, 2s, 5m or PT2S");
        }
    }
}
