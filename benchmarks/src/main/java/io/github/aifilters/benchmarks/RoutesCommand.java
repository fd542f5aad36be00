package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.internal.RouteMatcher;
import io.github.aifilters.filters.routes.RouteSource;
import io.github.aifilters.filters.routes.RouteSuggestion;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code routes --catalog FILE --queries FILE [--predictions OUT]}: loads a catalog ({@code METHOD /template} lines),
 * runs the route suggestion filter's matcher for every query of a JSONL file and reports top-1/top-3 accuracy and
 * per-lookup latency (single-threaded, after a warm-up pass).
 *
 * <p>{@code routes --synthetic 1000 [--queries-count 2000] [--seed 7]} builds a synthetic catalog of that many routes
 * and mistaken requests of kinds beyond the dev data (missing/extra/swapped segments, wrong method...). With
 * {@code --catalog} too, the synthetic routes are added to the given catalog (a bigger index for the same queries).
 *
 * <p>{@code routes --openapi FILE} takes the catalog from an OpenAPI document (every path and method); with
 * {@code --catalog} or {@code --openapi} and no {@code --queries}, the mistaken requests are generated from that
 * catalog's own routes ({@code --queries-count}, {@code --seed}), so that any public API can serve as held-out data.
 * {@code --kinds typo,missing-segment} keeps only those kinds.
 */
final class RoutesCommand implements BenchCommand {

    @Override
    public int run(Args args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        int limit = args.integer("limit", 5);
        List<Route> catalog = new ArrayList<>();
        if (args.get("catalog").isPresent()) {
            for (String line : Files.readAllLines(args.path("catalog"), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    catalog.add(Route.parse(line, RouteSource.DECLARED));
                }
            }
        }
        if (args.get("openapi").isPresent()) {
            // any public OpenAPI document is a catalog the matcher has never been tuned on
            catalog.addAll(FiltersTestSupport.openApiRoutes(Files.readAllBytes(args.path("openapi")), true));
        }
        List<RouteSynthetic.Query> queries = new ArrayList<>();
        RouteSynthetic synthetic = new RouteSynthetic(args.integer("seed", 7));
        int syntheticRoutes = args.integer("synthetic", 0);
        if (syntheticRoutes > 0) {
            List<Route> generated = synthetic.catalog(syntheticRoutes);
            if (args.get("queries").isEmpty()) {
                queries.addAll(synthetic.queries(generated, args.integer("queries-count", 2000)));
            }
            catalog.addAll(generated);
        }
        if (args.get("queries").isEmpty() && syntheticRoutes == 0 && !catalog.isEmpty()) {
            // no query file: mistaken requests of every kind made from the catalog's own routes
            queries.addAll(synthetic.queries(catalog, args.integer("queries-count", 2000)));
        }
        if (args.get("kinds").isPresent()) {
            List<String> keep = List.of(args.require("kinds").split(","));
            queries.removeIf(q -> !keep.contains(q.kind()));
        }
        if (args.get("queries").isPresent()) {
            for (String line : Files.readAllLines(args.path("queries"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode q = json.readTree(line);
                queries.add(new RouteSynthetic.Query(q.path("method").asText("GET"), q.path("path").asText("/"),
                        q.path("expected").asText(""), q.path("kind").asText("")));
            }
        }
        if (catalog.isEmpty() || queries.isEmpty()) {
            System.out.println("{\"error\":\"need --catalog FILE and/or --synthetic N, and queries\"}");
            return 2;
        }
        // warm-up: let the JIT compile the lookup before anything is timed (at least 3 passes). Every pass uses a
        // fresh matcher, so that the word-analysis path (skipped on word-cache hits) gets compiled too, and the
        // measured matcher starts with an empty word cache, as after a deployment
        long warmUntil = System.nanoTime() + args.integer("warmup-ms", 5000) * 1_000_000L;
        int passes = 0;
        do {
            RouteMatcher warm = FiltersTestSupport.routeMatcher(catalog);
            for (RouteSynthetic.Query q : queries) {
                warm.suggest(q.method(), q.path(), limit, false);
            }
        } while (++passes < 3 || System.nanoTime() < warmUntil);
        RouteMatcher matcher = FiltersTestSupport.routeMatcher(catalog);

        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long alloc0 = allocated();
        long wall0 = System.nanoTime();
        long[] nanos = new long[queries.size()];
        List<List<RouteSuggestion>> results = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            RouteSynthetic.Query q = queries.get(i);
            long t0 = System.nanoTime();
            List<RouteSuggestion> s = matcher.suggest(q.method(), q.path(), limit, false);
            nanos[i] = System.nanoTime() - t0;
            results.add(s);
        }
        long cpuMeasured = threads.getCurrentThreadCpuTime() - cpu0;
        long wallMeasured = System.nanoTime() - wall0;
        long allocMeasured = allocated() - alloc0;
        // a second timed pass on a fresh matcher with the thread's CPU clock per lookup: on a busy machine the
        // wall-clock tail is mostly time spent descheduled, the CPU tail is the lookup's own
        RouteMatcher cpuMatcher = FiltersTestSupport.routeMatcher(catalog);
        long[] cpuNanos = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            RouteSynthetic.Query q = queries.get(i);
            long c0 = threads.getCurrentThreadCpuTime();
            cpuMatcher.suggest(q.method(), q.path(), limit, false);
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpuNanos);

        // CPU time per lookup next to wall-clock percentiles: on a shared machine the wall clock includes waiting
        double cpuMicros = cpuMeasured / 1000.0 / queries.size();
        double wallMicros = wallMeasured / 1000.0 / queries.size();
        long allocPerLookup = allocMeasured / queries.size();
        int top1 = 0;
        int top3 = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        BufferedWriter out = args.get("predictions").isPresent()
                ? Files.newBufferedWriter(args.path("predictions"), StandardCharsets.UTF_8) : null;
        for (int i = 0; i < queries.size(); i++) {
            RouteSynthetic.Query q = queries.get(i);
            List<RouteSuggestion> s = results.get(i);
            int rank = -1;
            ArrayNode list = json.createArrayNode();
            for (int r = 0; r < s.size(); r++) {
                String display = s.get(r).route().display();
                if (display.equals(q.expected()) && rank < 0) {
                    rank = r;
                }
                list.addObject().put("route", display).put("score", s.get(r).score());
            }
            boolean hit1 = rank == 0;
            if (!hit1 && args.get("misses").isPresent()) {
                System.err.println(q.kind() + "\t" + q.method() + " " + q.path() + "\texpected " + q.expected()
                        + "\tgot " + list);
            }
            boolean hit3 = rank >= 0 && rank < 3;
            top1 += hit1 ? 1 : 0;
            top3 += hit3 ? 1 : 0;
            int[] k = byKind.computeIfAbsent(q.kind(), x -> new int[3]);
            k[0]++;
            k[1] += hit1 ? 1 : 0;
            k[2] += hit3 ? 1 : 0;
            if (out != null) {
                ObjectNode line = json.createObjectNode();
                line.put("method", q.method()).put("path", q.path()).set("suggestions", list);
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }
        if (out != null) {
            out.close();
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = queries.size();
        ObjectNode summary = json.createObjectNode();
        summary.put("n", n);
        summary.put("top1", round((double) top1 / n));
        summary.put("top3", round((double) top3 / n));
        summary.put("p50Micros", round(sorted[(int) Math.floor(0.50 * (n - 1))] / 1000.0));
        summary.put("p99Micros", round(sorted[(int) Math.floor(0.99 * (n - 1))] / 1000.0));
        summary.put("maxMicros", round(sorted[n - 1] / 1000.0));
        summary.put("meanMicros", round(wallMicros));
        summary.put("meanCpuMicros", round(cpuMicros));
        summary.put("p50CpuMicros", round(cpuNanos[(int) Math.floor(0.50 * (n - 1))] / 1000.0));
        summary.put("p99CpuMicros", round(cpuNanos[(int) Math.floor(0.99 * (n - 1))] / 1000.0));
        summary.put("allocatedBytesPerLookup", allocPerLookup);
        summary.put("catalogRoutes", matcher.size());
        ObjectNode kinds = summary.putObject("byKind");
        byKind.forEach((kind, k) -> kinds.putObject(kind.isEmpty() ? "-" : kind).put("n", k[0])
                .put("top1", round((double) k[1] / k[0])).put("top3", round((double) k[2] / k[0])));
        System.out.println(json.writeValueAsString(summary));
        return 0;
    }

    /** Bytes allocated by this thread so far (HotSpot), or 0 where unsupported. */
    private static long allocated() {
        if (java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
