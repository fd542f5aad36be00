package io.github.aifilters.benchmarks;

/**
 * One subcommand of {@code ai-filters-bench.jar}. Contract: per-item output goes to files named by the arguments;
 * the last line written to standard output is one JSON object summarising the run.
 */
public interface BenchCommand {

    /** @return the process exit code */
    int run(Args args) throws Exception;
}
