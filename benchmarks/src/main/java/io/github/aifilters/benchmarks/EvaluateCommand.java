package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.filters.intent.internal.IntentClassifier;
import io.github.aifilters.filters.intent.internal.IntentDefinition;
import io.github.aifilters.filters.intent.internal.IntentsDefinition;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code intents evaluate --file intents.yaml [--folds 5]}: how good is an intents file? K-fold cross-validation of
 * the lexical classifier the filter trains (default options, example j of an intent held out in fold j mod K), then
 * per intent: examples, precision, recall; the most confused pairs (true → predicted, with an example sentence); and
 * what to add — for each intent with recall under 90%, the held-out sentences it missed (write more examples like
 * them) and a warning for intents with fewer than 10 examples. Last line: the same as JSON.
 */
final class EvaluateCommand implements BenchCommand {

    private static final int MIN_EXAMPLES = 10;

    @Override
    public int run(Args args) throws Exception {
        String location = args.require("file");
        int k = args.integer("folds", 5);
        IntentsDefinition def = FiltersTestSupport.loadIntents(location, EvaluateCommand.class.getClassLoader());
        List<String> names = new ArrayList<>();
        for (IntentDefinition i : def.intents()) {
            names.add(i.name());
        }
        Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fn, fp
        names.forEach(n -> counts.put(n, new int[3]));
        Map<String, Integer> confused = new LinkedHashMap<>();
        Map<String, String> confusedExample = new LinkedHashMap<>();
        Map<String, List<String>> missed = new LinkedHashMap<>();
        int total = 0;
        int right = 0;
        for (int f = 0; f < k; f++) {
            List<IntentDefinition> part = new ArrayList<>();
            for (IntentDefinition i : def.intents()) {
                List<String> keep = new ArrayList<>();
                for (int j = 0; j < i.examples().size(); j++) {
                    if (j % k != f || i.examples().size() < 2) {
                        keep.add(i.examples().get(j));
                    }
                }
                part.add(new IntentDefinition(i.name(), keep, i.action(), i.route()));
            }
            IntentClassifier model = FiltersTestSupport.trainIntents(new IntentsDefinition(part, def.entities()));
            for (IntentDefinition i : def.intents()) {
                if (i.examples().size() < 2) {
                    continue; // nothing to hold out
                }
                for (int j = f; j < i.examples().size(); j += k) {
                    String text = i.examples().get(j);
                    String got = model.predict(text).topIntent();
                    total++;
                    if (got.equals(i.name())) {
                        right++;
                        counts.get(i.name())[0]++;
                    } else {
                        counts.get(i.name())[1]++;
                        counts.get(got)[2]++;
                        String pair = i.name() + " -> " + got;
                        confused.merge(pair, 1, Integer::sum);
                        confusedExample.putIfAbsent(pair, text);
                        missed.computeIfAbsent(i.name(), x -> new ArrayList<>()).add(text);
                    }
                }
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = mapper.createObjectNode();
        summary.put("file", location);
        summary.put("folds", k);
        summary.put("heldOut", total);
        summary.put("accuracy", IntentsCommand.round(total == 0 ? 0 : right / (double) total, 4));
        System.out.printf(Locale.ROOT, "%d-fold cross-validation of %s: %d held-out examples, accuracy %.1f%%%n%n",
                k, location, total, total == 0 ? 0 : 100.0 * right / total);
        System.out.printf(Locale.ROOT, "%-32s %8s %9s %7s%n", "intent", "examples", "precision", "recall");
        ArrayNode perIntent = summary.putArray("intents");
        for (IntentDefinition i : def.intents()) {
            int[] c = counts.get(i.name());
            double precision = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
            double recall = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            System.out.printf(Locale.ROOT, "%-32s %8d %8.1f%% %6.1f%%%n", i.name(), i.examples().size(),
                    100 * precision, 100 * recall);
            ObjectNode n = perIntent.addObject();
            n.put("intent", i.name());
            n.put("examples", i.examples().size());
            n.put("precision", IntentsCommand.round(precision, 4));
            n.put("recall", IntentsCommand.round(recall, 4));
        }
        System.out.println();
        System.out.println("Most confused (true -> predicted, count, an example):");
        ArrayNode pairs = summary.putArray("confused");
        confused.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(10).forEach(e -> {
                    System.out.printf(Locale.ROOT, "  %-50s %3d  \"%s\"%n", e.getKey(), e.getValue(),
                            confusedExample.get(e.getKey()));
                    ObjectNode p = pairs.addObject();
                    p.put("pair", e.getKey());
                    p.put("count", e.getValue());
                    p.put("example", confusedExample.get(e.getKey()));
                });
        if (confused.isEmpty()) {
            System.out.println("  none");
        }
        System.out.println();
        System.out.println("Examples to add:");
        ArrayNode advice = summary.putArray("toAdd");
        for (IntentDefinition i : def.intents()) {
            int[] c = counts.get(i.name());
            double recall = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            boolean few = i.examples().size() < MIN_EXAMPLES;
            if (recall >= 0.9 && !few) {
                continue;
            }
            ObjectNode a = advice.addObject();
            a.put("intent", i.name());
            StringBuilder why = new StringBuilder();
            if (few) {
                why.append("only ").append(i.examples().size()).append(" examples (write at least ")
                        .append(MIN_EXAMPLES).append(")");
            }
            if (recall < 0.9) {
                if (why.length() > 0) {
                    why.append("; ");
                }
                why.append(String.format(Locale.ROOT, "recall %.0f%%: add more sentences like the missed ones",
                        100 * recall));
            }
            a.put("why", why.toString());
            System.out.printf(Locale.ROOT, "  %s: %s%n", i.name(), why);
            ArrayNode m = a.putArray("missed");
            for (String s : missed.getOrDefault(i.name(), List.of()).stream().limit(5).toList()) {
                System.out.printf(Locale.ROOT, "      missed: \"%s\"%n", s);
                m.add(s);
            }
        }
        if (advice.isEmpty()) {
            System.out.println("  nothing: every intent has at least " + MIN_EXAMPLES
                    + " examples and 90% recall");
        }
        System.out.println();
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }
}
