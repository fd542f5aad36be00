package io.github.aifilters.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Entry point of {@code ai-filters-bench.jar}: {@code java -jar ai-filters-bench.jar SUBCOMMAND --opt value ...}. */
public final class BenchMain {

    private static Map<String, Supplier<BenchCommand>> commands() {
        Map<String, Supplier<BenchCommand>> c = new LinkedHashMap<>();
        c.put("intents", IntentsCommand::new);
        c.put("validate", ValidateCommand::new);
        c.put("routes", RoutesCommand::new);
        c.put("errors", ErrorsCommand::new);
        c.put("errors-evaluate", ErrorsEvaluateCommand::new);
        c.put("nab", NabCommand::new);
        c.put("nab-score", NabScoreCommand::new);
        c.put("semantic", SemanticCommand::new);
        c.put("paths", PathsCommand::new);
        c.put("jmh", JmhCommand::new);
        return c;
    }

    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, Supplier<BenchCommand>> commands = commands();
        if (argv.length == 0 || !commands.containsKey(argv[0])) {
            System.err.println("usage: java -jar ai-filters-bench.jar <" + String.join("|", commands.keySet())
                    + "> [--option value ...]");
            System.exit(2);
        }
        // "intents evaluate --file F": a sub-subcommand for a user's own intents file
        int code = argv.length > 1 && "intents".equals(argv[0]) && "evaluate".equals(argv[1])
                ? new EvaluateCommand().run(new Args(argv, 2))
                : commands.get(argv[0]).get().run(new Args(argv, 1));
        System.out.flush();
        System.exit(code);
    }
}
