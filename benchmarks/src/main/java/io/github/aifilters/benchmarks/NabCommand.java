package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.monitoring.anomaly.AnomalyDetector;
import io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector;
import io.github.aifilters.monitoring.anomaly.DetectorFactory;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code nab --data DIR --out DIR [--detector NAME]}: runs the monitoring module's detector, exactly as the
 * filter builds it ({@code new DefaultAnomalyDetector()}, one fresh instance per file), over every NAB file and
 * writes NAB result files {@code OUT/<detector>/<category>/<detector>_<file>.csv}
 * ({@code timestamp,value,anomaly_score,label}). The detector gets one (timestamp, value) at a time, in order; it
 * never sees the file's length, range or labels. The label column is written for NAB compatibility only.
 */
final class NabCommand implements BenchCommand {

    /** The detector name used when {@code --detector} is absent; NAB names have no underscore. */
    static final String DEFAULT_NAME = "aifilters";

    @Override
    public int run(Args args) throws Exception {
        Path data = args.path("data");
        Path out = args.path("out");
        String name = args.get("detector").orElse(DEFAULT_NAME);
        if (name.isEmpty() || name.contains("_") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("--detector must be a plain name without '_' or '/': " + name);
        }
        // Every name runs the shipped detector: the name only labels the result folder (NAB's convention).
        DetectorFactory factory = DefaultAnomalyDetector::new;
        List<NabCorpus.DataFile> corpus = NabCorpus.load(data);
        long rows = 0;
        long nanos = 0;
        for (NabCorpus.DataFile f : corpus) {
            long t0 = System.nanoTime();
            double[] scores = detect(f, factory);
            nanos += System.nanoTime() - t0;
            rows += f.size();
            write(NabCorpus.resultPath(out, name, f), f, scores);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = json.createObjectNode();
        summary.put("detector", name);
        summary.put("files", corpus.size());
        summary.put("rows", rows);
        summary.put("nanosPerObservation", rows == 0 ? 0 : Math.round((double) nanos / rows));
        summary.put("results", out.resolve(name).toString());
        System.out.println(json.writeValueAsString(summary));
        return 0;
    }

    /** Feeds one file to a fresh detector, one observation at a time, and returns its scores. */
    static double[] detect(NabCorpus.DataFile f, DetectorFactory factory) {
        AnomalyDetector detector = factory.create();
        double[] scores = new double[f.size()];
        long[] ts = f.epochMillis();
        double[] vs = f.values();
        for (int i = 0; i < scores.length; i++) {
            double s = detector.observe(ts[i], vs[i]).score();
            if (!(s >= 0.0 && s <= 1.0)) {
                throw new IllegalStateException("score out of [0,1]: " + s + " in " + f.key() + " row " + i);
            }
            scores[i] = s;
        }
        return scores;
    }

    private static void write(Path file, NabCorpus.DataFile f, double[] scores) throws Exception {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score,label\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < scores.length; i++) {
                line.setLength(0);
                line.append(f.rawTimestamps()[i]).append(',').append(f.rawValues()[i]).append(',')
                        .append(scores[i]).append(',').append(f.label(i)).append('\n');
                w.write(line.toString());
            }
        }
    }
}
