package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorDescription;
import io.github.aifilters.errors.internal.EmbeddedErrorAnalyser;
import io.github.aifilters.errors.Fingerprinter;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code errors --cases FILE --predictions OUT [--repeat N]}: runs the embedded error analyser on JSONL exception
 * descriptions and writes one {@code {"index","category","status","fingerprint"}} line per case, in order. Latency:
 * after a warm-up, each case is analysed {@code repeat} times (default 200) and its median kept; p50 is the median
 * over cases. Summary (last stdout line): {@code {"n","accuracy","p50Micros","p99Micros","correct","labelled"}};
 * accuracy counts only cases with an {@code expected} label.
 */
final class ErrorsCommand implements BenchCommand {

    @Override
    public int run(Args args) throws Exception {
        Path cases = args.path("cases");
        Path out = args.path("predictions");
        int repeat = args.integer("repeat", 200);
        ObjectMapper mapper = new ObjectMapper();
        List<ErrorDescription> descriptions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            descriptions.add(describe(n));
            expected.add(n.hasNonNull("expected") ? n.get("expected").asText() : null);
        }
        EmbeddedErrorAnalyser analyser = new EmbeddedErrorAnalyser();
        Fingerprinter fingerprinter = new Fingerprinter();

        // Warm-up so the JIT has compiled the scorer before anything is timed.
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil && !descriptions.isEmpty()) {
            for (ErrorDescription d : descriptions) {
                analyser.analyse(d, null);
            }
        }

        int correct = 0;
        int labelled = 0;
        double[] medians = new double[descriptions.size()];
        long[] samples = new long[Math.max(1, repeat)];
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < descriptions.size(); i++) {
                ErrorDescription d = descriptions.get(i);
                ErrorAnalysis a = null;
                for (int r = 0; r < samples.length; r++) {
                    long t0 = System.nanoTime();
                    a = analyser.analyse(d, null);
                    samples[r] = System.nanoTime() - t0;
                }
                Arrays.sort(samples);
                medians[i] = samples[samples.length / 2] / 1000.0;
                ObjectNode line = mapper.createObjectNode();
                line.put("index", i);
                line.put("category", a.category());
                line.put("status", a.status());
                line.put("fingerprint", fingerprinter.fingerprint(d, null));
                w.write(mapper.writeValueAsString(line));
                w.newLine();
                if (expected.get(i) != null) {
                    labelled++;
                    if (expected.get(i).equals(a.category())) {
                        correct++;
                    }
                }
            }
        }
        Arrays.sort(medians);
        ObjectNode summary = mapper.createObjectNode();
        summary.put("n", descriptions.size());
        summary.put("accuracy", labelled == 0 ? 0.0 : Math.round(10000.0 * correct / labelled) / 10000.0);
        summary.put("p50Micros", medians.length == 0 ? 0 : round(medians[medians.length / 2]));
        summary.put("p99Micros", medians.length == 0 ? 0
                : round(medians[Math.min(medians.length - 1, (int) Math.ceil(medians.length * 0.99) - 1)]));
        summary.put("correct", correct);
        summary.put("labelled", labelled);
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static ErrorDescription describe(JsonNode n) {
        List<ErrorDescription.Cause> causes = new ArrayList<>();
        n.path("causes").forEach(c -> causes.add(new ErrorDescription.Cause(text(c, "exception"), text(c, "message"))));
        List<String> frames = new ArrayList<>();
        n.path("frames").forEach(f -> {
            if (f.isTextual()) {
                frames.add(f.asText());
            }
        });
        Integer declared = n.hasNonNull("declaredStatus") && n.get("declaredStatus").canConvertToInt()
                ? n.get("declaredStatus").asInt() : null;
        String exception = text(n, "exception");
        return new ErrorDescription(exception == null ? "java.lang.Exception" : exception, text(n, "message"), causes,
                frames, declared);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
