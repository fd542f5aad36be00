package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.intent.internal.IntentDefinition;
import io.github.aifilters.filters.intent.internal.IntentTrainingOptions;
import io.github.aifilters.filters.intent.internal.IntentsDefinition;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code intents --train FILE --test FILE [--predictions OUT]}: trains the embedded intent classifier exactly as the
 * intent filter does (default options, intents in order of first appearance, examples in file order) on the in-scope
 * rows of the training file — rows labelled {@code oos} are never trained, since an intents file has no out-of-scope
 * intent — and classifies every test row, {@code oos} rows being the negatives the answer {@code none} must catch.
 *
 * <p>Latency: the test rows are classified to warm the JIT (at least 20,000 calls), then once more, timed one call at a
 * time
 * ({@code classify}, entities included, as the filter calls it); the timed pass produces the predictions. The model
 * size is the estimate from the model's arrays ({@link IntentClassifier#estimatedBytes()}).
 *
 * <p>{@code inScopeAccuracy} counts an in-scope row right only when the answer, after the default {@code none}
 * threshold, is its intent; {@code inScopeAccuracyNoThreshold} is the top-1 accuracy of the same model with the
 * {@code none} answer disabled (what a classifier without out-of-scope detection, like the scikit-learn baseline,
 * is measured on).
 */
final class IntentsCommand implements BenchCommand {

    static final String OOS = "oos";

    record Row(String text, String intent) {
    }

    @Override
    public int run(Args args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        if (args.get("cv").isPresent()) {
            return LexicalCv.run(args, mapper);
        }
        List<Row> train = read(mapper, args.path("train"));
        List<Row> test = read(mapper, args.path("test"));
        if (args.get("cascade").isPresent()) {
            return CascadeBench.run(args, mapper, train, test);
        }
        IntentTrainingOptions options = IntentTrainingOptions.DEFAULTS;
        if (args.get("none-threshold").isPresent()) {
            options = options.withNoneThreshold(Double.parseDouble(args.require("none-threshold")));
        }
        IntentsDefinition definition = definition(train);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        IntentClassifier model = FiltersTestSupport.trainIntents(definition, options);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double trainCpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;

        // JIT warm-up: at least 20,000 calls (a small test set is repeated), so the timed pass runs compiled code
        for (int done = 0; done < Math.max(test.size(), 20_000) && !test.isEmpty(); ) {
            for (Row r : test) {
                model.classify(r.text());
                done++;
            }
        }
        System.gc(); // start the timed pass with a clean heap: the training garbage is not the classifier's cost
        long[] nanos = new long[test.size()];
        long[] cpuNanos = new long[test.size()];
        IntentResult[] results = new IntentResult[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            results[i] = model.classify(test.get(i).text());
            nanos[i] = System.nanoTime() - s;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - c;
        }

        int inScope = 0;
        int inScopeRight = 0;
        int inScopeTop1 = 0;
        int oos = 0;
        int oosRight = 0;
        BufferedWriter out = args.get("predictions").isPresent()
                ? Files.newBufferedWriter(args.path("predictions"), StandardCharsets.UTF_8) : null;
        try {
            for (int i = 0; i < test.size(); i++) {
                Row r = test.get(i);
                IntentResult res = results[i];
                if (OOS.equals(r.intent())) {
                    oos++;
                    oosRight += res.isNone() ? 1 : 0;
                } else {
                    inScope++;
                    inScopeRight += r.intent().equals(res.intent()) ? 1 : 0;
                    inScopeTop1 += r.intent().equals(model.predict(r.text()).topIntent()) ? 1 : 0;
                }
                if (out != null) {
                    ObjectNode line = mapper.createObjectNode();
                    line.put("text", r.text());
                    line.put("expected", r.intent());
                    line.put("predicted", res.isNone() ? IntentResult.NONE : res.intent());
                    line.put("confidence", Math.round(res.confidence() * 10000) / 10000.0);
                    out.write(mapper.writeValueAsString(line));
                    out.write('\n');
                }
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        ObjectNode summary = mapper.createObjectNode();
        summary.put("n", test.size());
        putRatio(summary, "inScopeAccuracy", inScopeRight, inScope);
        putRatio(summary, "oosRecall", oosRight, oos);
        putRatio(summary, "inScopeAccuracyNoThreshold", inScopeTop1, inScope);
        summary.put("trainSeconds", round(trainSeconds, 3));
        summary.put("p50Micros", round(percentile(sorted, 0.50) / 1000.0, 1));
        summary.put("p99Micros", round(percentile(sorted, 0.99) / 1000.0, 1));
        summary.put("modelBytes", model.estimatedBytes());
        long[] cpuSorted = cpuNanos.clone();
        Arrays.sort(cpuSorted);
        // the machine is shared: CPU time per call shows the classifier's own cost without the waits for a core
        summary.put("p50CpuMicros", round(percentile(cpuSorted, 0.50) / 1000.0, 1));
        summary.put("p99CpuMicros", round(percentile(cpuSorted, 0.99) / 1000.0, 1));
        summary.put("modelBytesMethod", "estimate from the model's arrays");
        summary.put("trainCpuSeconds", round(trainCpuSeconds, 3));
        summary.put("trainExamples", model.report().examples());
        summary.put("intents", model.report().intents());
        summary.put("features", model.report().features());
        summary.put("heldOut", model.report().heldOut());
        summary.put("heldOutAccuracy", round(model.report().heldOutAccuracy(), 4));
        summary.put("noneThreshold", model.noneThreshold());
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }

    /** Intents in order of first appearance, examples in file order; {@code oos} rows left out. */
    static IntentsDefinition definition(List<Row> rows) {
        Map<String, List<String>> byIntent = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!OOS.equals(r.intent())) {
                byIntent.computeIfAbsent(r.intent(), k -> new ArrayList<>()).add(r.text());
            }
        }
        List<IntentDefinition> intents = new ArrayList<>();
        byIntent.forEach((name, examples) -> intents.add(new IntentDefinition(name, examples, null, null)));
        return new IntentsDefinition(intents, Map.of());
    }

    static List<Row> read(ObjectMapper mapper, Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            rows.add(new Row(n.path("text").asText(), n.path("intent").asText()));
        }
        return rows;
    }

    static void putRatio(ObjectNode node, String name, int right, int total) {
        if (total == 0) {
            node.putNull(name);
        } else {
            node.put(name, round(right / (double) total, 4));
        }
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
