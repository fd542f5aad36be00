package io.github.aifilters.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} arguments of a subcommand. */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                values.put(name, argv[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("missing --" + name));
    }

    public Path path(String name) {
        return Path.of(require(name));
    }

    public Optional<Path> optionalPath(String name) {
        return get(name).map(Path::of);
    }

    public int integer(String name, int defaultValue) {
        return get(name).map(Integer::parseInt).orElse(defaultValue);
    }
}
