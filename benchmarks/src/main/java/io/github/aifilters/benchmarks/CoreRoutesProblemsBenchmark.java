package io.github.aifilters.benchmarks;

import io.github.aifilters.core.internal.CoreTestSupport;
import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.problem.ProblemWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-request core helpers that every filter runs: route templating (metric tags, error fingerprints, learned
 * routes), Content-Type parsing and writing an RFC 9457 problem. Body capture itself needs a container and is
 * covered by the load script instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoreRoutesProblemsBenchmark {

    /** Typical paths: numeric id, hex id, Stripe-like id, UUID, static path, query string. */
    static final String[] PATHS = {
        "/users/17/orders/9f1c2b7e4d3a5f60",
        "/v1/customers/cus_Nffrj3cQk2LmP0/invoices",
        "/api/orders/7c9e6679-7425-40de-944b-e07fc1f90ae7/items/3",
        "/api/search?q=find+red+shoes",
        "/api/health/ready",
    };

    private final ProblemWriter writer = new ProblemWriter();
    private Problem problem;

    @Setup
    public void setUp() {
        problem = Problem.builder(ProblemTypes.VALIDATION, "Request body does not match the schema", 400)
                .detail("2 fields are invalid; see errors.")
                .instance("/api/users")
                .with("errors", List.of(
                        Map.of("pointer", "/email", "message", "must be a valid e-mail address"),
                        Map.of("pointer", "/age", "message", "must be at least 0")))
                .with("corrected", false)
                .build();
        if (!CoreTestSupport.routeTemplate(PATHS[0]).equals("/users/{id}/orders/{id}")
                || !CoreTestSupport.routeTemplate(PATHS[1]).equals("/v1/customers/{id}/invoices")) {
            throw new IllegalStateException("templater does not give the expected templates");
        }
    }

    /** One call per path in {@link #PATHS}: the figure is for five paths. */
    @Benchmark
    public void templateFivePaths(Blackhole bh) {
        for (String p : PATHS) {
            bh.consume(CoreTestSupport.routeTemplate(p));
        }
    }

    @Benchmark
    public void mediaTypeParse(Blackhole bh) {
        String mt = CoreTestSupport.mediaType("application/json; charset=UTF-8");
        bh.consume(CoreTestSupport.isJson(mt));
        bh.consume(CoreTestSupport.charset("application/json; charset=UTF-8"));
    }

    @Benchmark
    public byte[] problemToBytes() {
        return writer.toBytes(problem);
    }
}
