package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.exchange.IntentResult;
import io.github.aifilters.filters.intent.IntentFilterConfig;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.semantic.EncoderOptions;
import io.github.aifilters.semantic.LabeledText;
import io.github.aifilters.semantic.SemanticIntentModel;
import io.github.aifilters.semantic.SemanticOptions;
import io.github.aifilters.semantic.SemanticPrediction;
import io.github.aifilters.semantic.SentenceEncoder;
import io.github.aifilters.semantic.SentenceEncoders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code intents --cascade --train FILE --test FILE [--shots N] [--lexical-confidence P] [--budget-ms B]
 * [--encoder MODEL] [--intent-names true|false] [--semantic-first-below N]}: the intent filter's cascade with its
 * defaults — the lexical answer when its top probability reaches {@link IntentFilterConfig#DEFAULT_LEXICAL_CONFIDENCE}
 * and the training file has at least {@link IntentFilterConfig#DEFAULT_SEMANTIC_FIRST_BELOW} examples per intent, else the semantic tier ({@link EncoderOptions#DEFAULTS}
 * or {@code --encoder}, {@link SemanticOptions#DEFAULTS}) — over every test row. {@code --shots N} trains both tiers on the first N examples
 * of each intent in file order.
 *
 * <p>Latency is the wall time of one cascade call, one call at a time, with the encoder's cache off (every row that
 * reaches the semantic tier pays a real encoding). A semantic call slower than the budget counts as the filter sees it:
 * the lexical answer stands, at the budget's latency ({@code overBudget} counts them).
 */
final class CascadeBench {

    private CascadeBench() {
    }

    static int run(Args args, ObjectMapper mapper, List<IntentsCommand.Row> train, List<IntentsCommand.Row> test)
            throws Exception {
        int shots = args.integer("shots", 0);
        if (shots > 0) {
            train = firstPerIntent(train, shots);
        }
        double lexicalConfidence = args.get("lexical-confidence").map(Double::parseDouble)
                .orElse(IntentFilterConfig.DEFAULT_LEXICAL_CONFIDENCE);
        long budgetNanos = args.get("budget-ms").map(Long::parseLong)
                .orElse(IntentFilterConfig.DEFAULT_SEMANTIC_BUDGET.toMillis()) * 1_000_000L;
        // the file is named only because a config requires one: the bench trains the tiers itself
        IntentFilterConfig cascade = IntentFilterConfig.builder().intentsFile(args.require("train"))
                .lexicalConfidence(lexicalConfidence)
                .semanticFirstBelow(args.integer("semantic-first-below",
                        IntentFilterConfig.DEFAULT_SEMANTIC_FIRST_BELOW))
                .build();
        int topK = IntentFilterConfig.DEFAULT_TOP_K;
        double margin = IntentFilterConfig.DEFAULT_AMBIGUITY_MARGIN;

        long t0 = System.nanoTime();
        IntentClassifier lexical = FiltersTestSupport.trainIntents(IntentsCommand.definition(train));
        double lexicalSeconds = (System.nanoTime() - t0) / 1e9;
        double examplesPerIntent = lexical.report().examplesPerIntent();
        List<LabeledText> examples = new ArrayList<>();
        for (IntentsCommand.Row r : train) {
            if (!IntentsCommand.OOS.equals(r.intent())) {
                examples.add(new LabeledText(r.text(), r.intent()));
            }
        }
        try (SentenceEncoder encoder = SentenceEncoders.load(SemanticCommand.encoderOptions(args)
                .withCacheSize(0))) {
            long t1 = System.nanoTime();
            SemanticOptions semanticOptions = SemanticOptions.DEFAULTS.withIntentNameExamples(
                    args.get("intent-names").map(Boolean::parseBoolean).orElse(true));
            SemanticIntentModel semantic = SemanticIntentModel.train(examples, semanticOptions, encoder);
            double semanticSeconds = (System.nanoTime() - t1) / 1e9;

            // warm-up: the lexical path many times, the semantic path on 200 training sentences
            for (int done = 0; done < Math.max(test.size(), 20_000) && !test.isEmpty(); ) {
                for (IntentsCommand.Row r : test) {
                    lexical.classify(r.text(), topK, margin);
                    done++;
                }
            }
            for (int i = 0; i < Math.min(200, examples.size()); i++) {
                semantic.classify(examples.get(i * Math.max(1, examples.size() / 200) % examples.size()).text());
            }
            System.gc();

            long[] nanos = new long[test.size()];
            int inScope = 0;
            int inScopeRight = 0;
            int oos = 0;
            int oosRight = 0;
            int bySemantic = 0;
            int overBudget = 0;
            int ambiguous = 0;
            int rankedTopKHit = 0;
            int top1 = 0;
            for (int i = 0; i < test.size(); i++) {
                IntentsCommand.Row row = test.get(i);
                long s = System.nanoTime();
                IntentResult lex = lexical.classify(row.text(), topK, margin);
                String answer = lex.intent();
                List<String> rankedNames = names(lex);
                boolean amb = lex.ambiguous();
                double top = lex.ranked().isEmpty() ? lex.confidence() : lex.ranked().get(0).score();
                long elapsed;
                if (cascade.asksSemanticTier(top, examplesPerIntent)) {
                    SemanticPrediction p = semantic.classify(row.text());
                    elapsed = System.nanoTime() - s;
                    if (elapsed > budgetNanos) {
                        overBudget++;
                        elapsed = budgetNanos; // the filter stops waiting here and keeps the lexical answer
                    } else {
                        bySemantic++;
                        answer = p.outOfScope() ? IntentResult.NONE : p.topIntent();
                        rankedNames = new ArrayList<>();
                        for (var si : p.ranked().subList(0, Math.min(topK, p.ranked().size()))) {
                            rankedNames.add(si.intent());
                        }
                        amb = p.ranked().size() > 1 && p.ranked().get(0).score() - p.ranked().get(1).score() < margin;
                    }
                } else {
                    elapsed = System.nanoTime() - s;
                }
                nanos[i] = elapsed;
                ambiguous += amb ? 1 : 0;
                if (IntentsCommand.OOS.equals(row.intent())) {
                    oos++;
                    oosRight += IntentResult.NONE.equals(answer) ? 1 : 0;
                } else {
                    inScope++;
                    inScopeRight += row.intent().equals(answer) ? 1 : 0;
                    rankedTopKHit += rankedNames.contains(row.intent()) ? 1 : 0;
                    top1 += !rankedNames.isEmpty() && rankedNames.get(0).equals(row.intent()) ? 1 : 0;
                }
            }
            if (args.get("sweep").isPresent()) {
                sweep(mapper, lexical, semantic, test, topK, margin);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            ObjectNode summary = mapper.createObjectNode();
            summary.put("mode", "cascade");
            summary.put("n", test.size());
            summary.put("shots", shots);
            IntentsCommand.putRatio(summary, "inScopeAccuracy", inScopeRight, inScope);
            IntentsCommand.putRatio(summary, "oosRecall", oosRight, oos);
            // the answering tier's best intent whatever its out-of-scope decision (top-1 as the literature counts it)
            IntentsCommand.putRatio(summary, "inScopeTop1", top1, inScope);
            IntentsCommand.putRatio(summary, "inScopeTopKRecall", rankedTopKHit, inScope);
            IntentsCommand.putRatio(summary, "answeredBySemantic", bySemantic, test.size());
            summary.put("overBudget", overBudget);
            IntentsCommand.putRatio(summary, "ambiguous", ambiguous, test.size());
            summary.put("p50Micros", IntentsCommand.round(IntentsCommand.percentile(sorted, 0.50) / 1000.0, 1));
            summary.put("p90Micros", IntentsCommand.round(IntentsCommand.percentile(sorted, 0.90) / 1000.0, 1));
            summary.put("p99Micros", IntentsCommand.round(IntentsCommand.percentile(sorted, 0.99) / 1000.0, 1));
            summary.put("budgetMillis", budgetNanos / 1_000_000);
            summary.put("lexicalConfidence", lexicalConfidence);
            summary.put("semanticFirstBelow", cascade.semanticFirstBelow());
            summary.put("examplesPerIntent", Math.round(examplesPerIntent * 10) / 10.0);
            summary.put("lexicalModelBytes", lexical.estimatedBytes());
            summary.put("semanticModelBytes", semantic.memoryBytes());
            summary.put("encoderModel", encoder.modelName());
            summary.put("intentNameExamples", semanticOptions.intentNameExamples());
            summary.put("modelBytesMethod", "lexical: arrays estimate; semantic: classifier arrays; the encoder's "
                    + "ONNX model (23 MB MiniLM, 34 MB bge) and ONNX Runtime's native memory not counted");
            summary.put("lexicalTrainSeconds", IntentsCommand.round(lexicalSeconds, 3));
            summary.put("semanticTrainSeconds", IntentsCommand.round(semanticSeconds, 1));
            summary.put("trainExamples", examples.size());
            System.out.println(mapper.writeValueAsString(summary));
        }
        return 0;
    }

    /**
     * {@code --sweep}: both tiers' answers for every row (no timing), then one line per lexical-confidence threshold
     * with the accuracy, out-of-scope recall and share sent to the semantic tier, as if it always answered in time.
     * To document the curve; the default was not chosen from it (see docs/intent-recognition.md).
     */
    private static void sweep(ObjectMapper mapper, IntentClassifier lexical, SemanticIntentModel semantic,
                              List<IntentsCommand.Row> test, int topK, double margin) throws Exception {
        int n = test.size();
        double[] lexTop = new double[n];
        String[] lexAnswer = new String[n];
        String[] semAnswer = new String[n];
        for (int i = 0; i < n; i++) {
            IntentResult r = lexical.classify(test.get(i).text(), topK, margin);
            lexTop[i] = r.ranked().isEmpty() ? r.confidence() : r.ranked().get(0).score();
            lexAnswer[i] = r.intent();
            SemanticPrediction p = semantic.classify(test.get(i).text());
            semAnswer[i] = p.outOfScope() ? IntentResult.NONE : p.topIntent();
        }
        for (double t : new double[] {0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.01}) {
            int in = 0;
            int inRight = 0;
            int oos = 0;
            int oosRight = 0;
            int sent = 0;
            for (int i = 0; i < n; i++) {
                boolean toSemantic = lexTop[i] < t;
                sent += toSemantic ? 1 : 0;
                String a = toSemantic ? semAnswer[i] : lexAnswer[i];
                if (IntentsCommand.OOS.equals(test.get(i).intent())) {
                    oos++;
                    oosRight += IntentResult.NONE.equals(a) ? 1 : 0;
                } else {
                    in++;
                    inRight += test.get(i).intent().equals(a) ? 1 : 0;
                }
            }
            ObjectNode line = mapper.createObjectNode();
            line.put("lexicalConfidence", t);
            IntentsCommand.putRatio(line, "inScopeAccuracy", inRight, in);
            IntentsCommand.putRatio(line, "oosRecall", oosRight, oos);
            IntentsCommand.putRatio(line, "sentToSemantic", sent, n);
            System.out.println(mapper.writeValueAsString(line));
        }
    }

    private static List<String> names(IntentResult r) {
        List<String> out = new ArrayList<>(r.ranked().size());
        r.ranked().forEach(i -> out.add(i.intent()));
        return out;
    }

    /** The first {@code n} rows of each intent, in file order ({@code oos} rows dropped). */
    static List<IntentsCommand.Row> firstPerIntent(List<IntentsCommand.Row> rows, int n) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<IntentsCommand.Row> out = new ArrayList<>();
        for (IntentsCommand.Row r : rows) {
            if (!IntentsCommand.OOS.equals(r.intent()) && seen.merge(r.intent(), 1, Integer::sum) <= n) {
                out.add(r);
            }
        }
        return out;
    }
}
