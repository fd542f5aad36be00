package io.github.aifilters.benchmarks;

import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.internal.RouteMatcher;
import io.github.aifilters.filters.routes.RouteSuggestion;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One "did you mean" lookup against a synthetic catalog, single-threaded:
 * {@code java -jar benchmarks/target/ai-filters-bench.jar jmh --include RouteMatcherBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouteMatcherBenchmark {

    @Param({"1000"})
    public int routes;

    private RouteMatcher matcher;
    private List<RouteSynthetic.Query> queries;
    private int next;

    @Setup
    public void setUp() {
        RouteSynthetic synthetic = new RouteSynthetic(7);
        List<Route> catalog = synthetic.catalog(routes);
        matcher = FiltersTestSupport.routeMatcher(catalog);
        queries = synthetic.queries(catalog, 2000);
    }

    @Benchmark
    public List<RouteSuggestion> suggest() {
        RouteSynthetic.Query q = queries.get(next);
        next = next + 1 == queries.size() ? 0 : next + 1;
        return matcher.suggest(q.method(), q.path(), 5);
    }
}
