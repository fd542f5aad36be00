package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code intents --cv K --train FILE [--max-per-intent N]}: K-fold cross-validation on one training file of the
 * lexical classifier (top-1, no {@code none} threshold) beside {@link TfidfSvmBaseline}, on the same folds. Row j of an
 * intent goes to fold j mod K; {@code oos} rows are dropped; {@code --max-per-intent N} keeps the first N rows of each
 * intent (to subsample a large set, or to measure few-shot).
 */
final class LexicalCv {

    private LexicalCv() {
    }

    static int run(Args args, ObjectMapper mapper) throws Exception {
        List<IntentsCommand.Row> rows = IntentsCommand.read(mapper, args.path("train"));
        int k = args.integer("cv", 5);
        int cap = args.integer("max-per-intent", Integer.MAX_VALUE);
        rows = CascadeBench.firstPerIntent(rows, cap);
        int[] fold = new int[rows.size()];
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < fold.length; i++) {
            fold[i] = (seen.merge(rows.get(i).intent(), 1, Integer::sum) - 1) % k;
        }
        int n = 0;
        int lexRight = 0;
        int baseRight = 0;
        double lexTrain = 0;
        double baseTrain = 0;
        for (int f = 0; f < k; f++) {
            List<IntentsCommand.Row> part = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] != f) {
                    part.add(rows.get(i));
                    texts.add(rows.get(i).text());
                    labels.add(rows.get(i).intent());
                }
            }
            long t0 = System.nanoTime();
            IntentClassifier lexical = FiltersTestSupport.trainIntents(IntentsCommand.definition(part));
            lexTrain += (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            TfidfSvmBaseline baseline = new TfidfSvmBaseline();
            baseline.train(texts, labels);
            baseTrain += (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    IntentsCommand.Row r = rows.get(i);
                    n++;
                    lexRight += r.intent().equals(lexical.predict(r.text()).topIntent()) ? 1 : 0;
                    baseRight += r.intent().equals(baseline.predict(r.text())) ? 1 : 0;
                }
            }
        }
        ObjectNode summary = mapper.createObjectNode();
        summary.put("mode", "cv");
        summary.put("data", args.require("train"));
        summary.put("folds", k);
        summary.put("maxPerIntent", cap == Integer.MAX_VALUE ? -1 : cap);
        summary.put("n", n);
        summary.put("intents", seen.size());
        IntentsCommand.putRatio(summary, "lexicalTop1", lexRight, n);
        IntentsCommand.putRatio(summary, "baselineTop1", baseRight, n);
        summary.put("baseline", "TF-IDF word 1-2 grams + one-vs-rest L2-loss linear SVM C=0.5 (Java)");
        summary.put("lexicalTrainSeconds", IntentsCommand.round(lexTrain, 2));
        summary.put("baselineTrainSeconds", IntentsCommand.round(baseTrain, 2));
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }
}
