package io.github.aifilters.benchmarks;

/** Placeholder until the feature issue implements this subcommand. */
final class NabScoreCommand implements BenchCommand {
    @Override
    public int run(Args args) {
        System.out.println("{\"error\":\"not implemented yet\"}");
        return 1;
    }
}
