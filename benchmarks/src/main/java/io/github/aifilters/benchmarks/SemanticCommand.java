package io.github.aifilters.benchmarks;

import static io.github.aifilters.benchmarks.IntentsCommand.percentile;
import static io.github.aifilters.benchmarks.IntentsCommand.putRatio;
import static io.github.aifilters.benchmarks.IntentsCommand.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.semantic.EncoderOptions;
import io.github.aifilters.semantic.LabeledText;
import io.github.aifilters.semantic.SemanticIntentModel;
import io.github.aifilters.semantic.SemanticIntentTrainer;
import io.github.aifilters.semantic.SemanticOptions;
import io.github.aifilters.semantic.SemanticPrediction;
import io.github.aifilters.semantic.SentenceEncoder;
import io.github.aifilters.semantic.SentenceEncoders;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code semantic --train FILE --test FILE [--shots N] [--threshold T] [--head LOGISTIC|CENTROID|KNN]
 * [--lexical-weight W] [--encoder BGE_SMALL_EN_V15_Q|ALL_MINILM_L6_V2_Q] [--concurrency N] [--predictions OUT]
 * [--cv K [--cv-blocks]] [--intent-names true|false]}: trains the semantic intent model of module
 * {@code ai-filters-semantic} on the in-scope rows of the training file ({@code --shots N}: only the first N rows of
 * each intent, in file order) and classifies every test row, {@code oos} rows being the negatives the out-of-scope
 * decision must catch — the same protocol and metrics as {@code intents}, so the two lines can be set side by side.
 *
 * <p>Latency: the encoder's cache is off, so every test row pays one real encoding; the first 200 test rows are
 * encoded once before the timed pass (ONNX Runtime and JIT warm-up). {@code p50/p99EmbedMillis} time the encoding
 * alone ({@code …EmbedCpuMillis}: its CPU time), {@code p50/p99ClassifyMillis} encoding plus classifier, one call at
 * a time on this thread.
 * {@code --cv-blocks} puts each intent's rows into folds by contiguous blocks (rows 1–20% of an intent in fold 0,
 * …) instead of round-robin: an intent's neighbouring rows, often written alike, then stay on one side, which is
 * closer to classifying requests worded unlike the examples. {@code --intent-names false} trains without the
 * intents' names as examples.
 * {@code oosCurve} lists in-scope accuracy and oos recall at other thresholds of the same model.
 */
final class SemanticCommand implements BenchCommand {

    private static final double[] CURVE = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7};

    @Override
    public int run(Args args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<IntentsCommand.Row> train = IntentsCommand.read(mapper, args.path("train"));
        // cross-validation uses the training file alone
        List<IntentsCommand.Row> test = args.get("cv").isPresent() ? List.of()
                : IntentsCommand.read(mapper, args.path("test"));
        int shots = args.integer("shots", 0);
        SemanticOptions options = SemanticOptions.DEFAULTS;
        if (args.get("threshold").isPresent()) {
            options = options.withOutOfScopeThreshold(Double.parseDouble(args.require("threshold")));
        }
        if (args.get("head").isPresent()) {
            options = options.withHead(SemanticOptions.Head.valueOf(args.require("head")));
        }
        if (args.get("lexical-weight").isPresent()) {
            options = options.withLexicalWeight(Double.parseDouble(args.require("lexical-weight")));
        }
        if (args.get("intent-names").isPresent()) {
            options = options.withIntentNameExamples(Boolean.parseBoolean(args.require("intent-names")));
        }
        List<LabeledText> examples = examples(train, shots);
        EncoderOptions encoderOptions = encoderOptions(args).withMaxConcurrency(args.integer("concurrency", 2))
                .withCacheSize(0);

        if (args.get("cv").isPresent()) {
            try (SentenceEncoder encoder = SentenceEncoders.load(encoderOptions)) {
                return crossValidate(mapper, encoder, options, examples, train, args.integer("cv", 5), shots,
                        args.get("cv-blocks").isPresent());
            }
        }
        long l0 = System.nanoTime();
        try (SentenceEncoder encoder = SentenceEncoders.load(encoderOptions)) {
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            long t0 = System.nanoTime();
            SemanticIntentModel model = new SemanticIntentTrainer(encoder, options).train(examples);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;

            for (int i = 0; i < Math.min(200, test.size()); i++) {
                encoder.embed(test.get(i).text());
            }
            // the machine is shared: the CPU time of an encoding (ONNX Runtime runs on the calling thread with one
            // intra-op thread) shows its own cost without the waits for a core
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] embedCpuNanos = new long[test.size()];
            long[] embedNanos = new long[test.size()];
            long[] classifyNanos = new long[test.size()];
            SemanticPrediction[] results = new SemanticPrediction[test.size()];
            for (int i = 0; i < test.size(); i++) {
                String text = test.get(i).text();
                long cpu = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                float[] v = encoder.embed(text);
                long m = System.nanoTime();
                embedCpuNanos[i] = threads.getCurrentThreadCpuTime() - cpu;
                results[i] = model.classifyVector(text, v);
                long e = System.nanoTime();
                embedNanos[i] = m - s;
                classifyNanos[i] = e - s;
            }

            int inScope = 0;
            int inScopeRight = 0;
            int inScopeTop1 = 0;
            int oos = 0;
            int oosRight = 0;
            int[] curveIn = new int[CURVE.length];
            int[] curveOos = new int[CURVE.length];
            BufferedWriter out = args.get("predictions").isPresent()
                    ? Files.newBufferedWriter(args.path("predictions"), StandardCharsets.UTF_8) : null;
            try {
                for (int i = 0; i < test.size(); i++) {
                    IntentsCommand.Row r = test.get(i);
                    SemanticPrediction p = results[i];
                    boolean isOos = IntentsCommand.OOS.equals(r.intent());
                    boolean right = r.intent().equals(p.topIntent());
                    if (isOos) {
                        oos++;
                        oosRight += p.outOfScope() ? 1 : 0;
                    } else {
                        inScope++;
                        inScopeRight += right && !p.outOfScope() ? 1 : 0;
                        inScopeTop1 += right ? 1 : 0;
                    }
                    for (int t = 0; t < CURVE.length; t++) {
                        boolean rejected = p.confidence() < CURVE[t];
                        curveOos[t] += isOos && rejected ? 1 : 0;
                        curveIn[t] += !isOos && right && !rejected ? 1 : 0;
                    }
                    if (out != null) {
                        ObjectNode line = mapper.createObjectNode();
                        line.put("text", r.text());
                        line.put("expected", r.intent());
                        line.put("predicted", p.outOfScope() ? IntentsCommand.OOS : p.topIntent());
                        line.put("confidence", Math.round(p.confidence() * 10000) / 10000.0);
                        out.write(mapper.writeValueAsString(line));
                        out.write('\n');
                    }
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }

            ObjectNode summary = mapper.createObjectNode();
            summary.put("n", test.size());
            summary.put("model", encoder.modelName());
            summary.put("head", options.head().name());
            summary.put("lexicalWeight", options.lexicalWeight());
            summary.put("intentNameExamples", options.intentNameExamples());
            summary.put("shots", shots);
            summary.put("trainExamples", model.trainingExamples());
            summary.put("intents", model.intents().size());
            putRatio(summary, "inScopeAccuracy", inScopeRight, inScope);
            putRatio(summary, "oosRecall", oosRight, oos);
            putRatio(summary, "inScopeAccuracyNoThreshold", inScopeTop1, inScope);
            summary.put("threshold", model.outOfScopeThreshold());
            ObjectNode curve = summary.putObject("oosCurve");
            for (int t = 0; t < CURVE.length; t++) {
                ObjectNode point = curve.putObject(String.valueOf(CURVE[t]));
                putRatio(point, "inScopeAccuracy", curveIn[t], inScope);
                putRatio(point, "oosRecall", curveOos[t], oos);
            }
            summary.put("loadSeconds", round(loadSeconds, 3));
            summary.put("trainSeconds", round(trainSeconds, 3));
            long[] e = embedNanos.clone();
            Arrays.sort(e);
            long[] c = classifyNanos.clone();
            Arrays.sort(c);
            summary.put("p50EmbedMillis", round(percentile(e, 0.50) / 1e6, 2));
            summary.put("p99EmbedMillis", round(percentile(e, 0.99) / 1e6, 2));
            summary.put("p50ClassifyMillis", round(percentile(c, 0.50) / 1e6, 2));
            summary.put("p99ClassifyMillis", round(percentile(c, 0.99) / 1e6, 2));
            long[] cpuSorted = embedCpuNanos.clone();
            Arrays.sort(cpuSorted);
            summary.put("p50EmbedCpuMillis", round(percentile(cpuSorted, 0.50) / 1e6, 2));
            summary.put("p99EmbedCpuMillis", round(percentile(cpuSorted, 0.99) / 1e6, 2));
            summary.put("modelBytes", model.memoryBytes());
            summary.put("modelBytesMethod", "classifier arrays (weights / prototypes); encoder model not counted");
            summary.put("encoderConcurrency", encoderOptions.maxConcurrency());
            System.out.println(mapper.writeValueAsString(summary));
        }
        return 0;
    }

    /**
     * {@code --cv K}: K-fold cross-validation on the training file alone (how the defaults were chosen): in-scope rows
     * are split by their position within their intent (row j of an intent goes to fold j mod K), each fold's model
     * scores its held-out rows and every {@code oos} row of the training file. Prints top-1 accuracy and the
     * threshold curve over all folds.
     */
    private static int crossValidate(ObjectMapper mapper, SentenceEncoder encoder, SemanticOptions options,
                                     List<LabeledText> examples, List<IntentsCommand.Row> train, int k, int shots,
                                     boolean blocks) {
        List<String> oosTexts = new ArrayList<>();
        for (IntentsCommand.Row r : train) {
            if (IntentsCommand.OOS.equals(r.intent())) {
                oosTexts.add(r.text());
            }
        }
        List<String> texts = new ArrayList<>();
        examples.forEach(e -> texts.add(e.text()));
        List<float[]> vectors = encoder.embedAll(texts);
        List<float[]> oosVectors = oosTexts.isEmpty() ? List.of() : encoder.embedAll(oosTexts);
        int[] fold = new int[examples.size()];
        Map<String, Integer> perIntent = new HashMap<>();
        examples.forEach(e -> perIntent.merge(e.intent(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            String intent = examples.get(i).intent();
            int position = seen.merge(intent, 1, Integer::sum) - 1;
            fold[i] = blocks ? (int) ((long) position * k / perIntent.get(intent)) : (position + 1) % k;
        }
        SemanticIntentTrainer trainer = new SemanticIntentTrainer(encoder, options);
        double[] confidence = new double[examples.size()];
        boolean[] right = new boolean[examples.size()];
        List<Double> oosConfidence = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<LabeledText> part = new ArrayList<>();
            List<float[]> partVectors = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] != f) {
                    part.add(examples.get(i));
                    partVectors.add(vectors.get(i));
                }
            }
            SemanticIntentModel model = trainer.trainOnVectors(part, partVectors);
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    SemanticPrediction p = model.classifyVector(examples.get(i).text(), vectors.get(i));
                    confidence[i] = p.confidence();
                    right[i] = examples.get(i).intent().equals(p.topIntent());
                }
            }
            for (int i = 0; i < oosTexts.size(); i++) {
                oosConfidence.add(model.classifyVector(oosTexts.get(i), oosVectors.get(i)).confidence());
            }
        }
        int top1 = 0;
        for (boolean r : right) {
            top1 += r ? 1 : 0;
        }
        ObjectNode summary = mapper.createObjectNode();
        summary.put("model", encoder.modelName());
        summary.put("cvFolds", k);
        summary.put("cvFoldLayout", blocks ? "blocks" : "round-robin");
        summary.put("intentNameExamples", options.intentNameExamples());
        summary.put("shots", shots);
        summary.put("head", options.head().name());
        summary.put("lexicalWeight", options.lexicalWeight());
        summary.put("examples", examples.size());
        summary.put("oosScores", oosConfidence.size());
        putRatio(summary, "cvTop1", top1, examples.size());
        ObjectNode curve = summary.putObject("cvCurve");
        for (int t = 0; t <= 18; t++) {
            double threshold = t * 0.05;
            int kept = 0;
            for (int i = 0; i < right.length; i++) {
                kept += right[i] && confidence[i] >= threshold ? 1 : 0;
            }
            int rejected = 0;
            for (double c : oosConfidence) {
                rejected += c < threshold ? 1 : 0;
            }
            ObjectNode point = curve.putObject(String.format(java.util.Locale.ROOT, "%.2f", threshold));
            putRatio(point, "inScopeAccuracy", kept, right.length);
            putRatio(point, "oosRecall", rejected, oosConfidence.size());
        }
        try {
            System.out.println(mapper.writeValueAsString(summary));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    /** {@link EncoderOptions#DEFAULTS} with the model {@code --encoder} names, if given. */
    static EncoderOptions encoderOptions(Args args) {
        EncoderOptions options = EncoderOptions.DEFAULTS;
        if (args.get("encoder").isPresent()) {
            options = options.withModel(EncoderOptions.Model.valueOf(args.require("encoder")));
        }
        return options;
    }

    /** In-scope rows in file order; with {@code shots > 0} only the first {@code shots} of each intent. */
    static List<LabeledText> examples(List<IntentsCommand.Row> rows, int shots) {
        Map<String, Integer> seen = new HashMap<>();
        List<LabeledText> out = new ArrayList<>();
        for (IntentsCommand.Row r : rows) {
            if (IntentsCommand.OOS.equals(r.intent())) {
                continue;
            }
            int n = seen.merge(r.intent(), 1, Integer::sum);
            if (shots <= 0 || n <= shots) {
                out.add(new LabeledText(r.text(), r.intent()));
            }
        }
        return out;
    }
}
