package io.github.aifilters.benchmarks;

/** {@code jmh [JMH options]}: runs the JMH benchmarks in this jar (all, or those matching a regex). */
final class JmhCommand implements BenchCommand {
    @Override
    public int run(Args args) throws Exception {
        String include = args.get("include").orElse(".*");
        org.openjdk.jmh.runner.options.Options opts = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(include)
                .forks(args.integer("forks", 1))
                .warmupIterations(args.integer("warmup", 3))
                .measurementIterations(args.integer("iterations", 5))
                .build();
        new org.openjdk.jmh.runner.Runner(opts).run();
        return 0;
    }
}
