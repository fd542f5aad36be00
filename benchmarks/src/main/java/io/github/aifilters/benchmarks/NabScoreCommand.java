package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nab-score --data DIR --results DIR --detector NAME}: scores NAB result files with the NAB method
 * ({@link NabScorer}) and prints, last, {@code {"standard":..,"lowFP":..,"lowFN":..}} (normalised, 2 decimals).
 * A line per profile before it gives the threshold, raw score and counts.
 */
final class NabScoreCommand implements BenchCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int run(Args args) throws Exception {
        Path data = args.path("data");
        Path results = args.path("results");
        String detector = args.require("detector");
        List<NabScorer.Result> scored = score(data, results, detector);
        for (NabScorer.Result r : scored) {
            ObjectNode line = JSON.createObjectNode();
            line.put("profile", r.profile().name());
            line.put("threshold", r.threshold());
            line.put("rawScore", round(r.rawScore(), 4));
            line.put("nullScore", r.nullScore());
            line.put("perfectScore", r.perfectScore());
            line.put("windowsDetected", r.windowsDetected());
            line.put("windows", r.windows());
            line.put("tpRows", r.tp());
            line.put("fpRows", r.fp());
            line.put("normalized", round(r.normalized(), 2));
            System.out.println(JSON.writeValueAsString(line));
        }
        System.out.println(JSON.writeValueAsString(summary(scored)));
        return 0;
    }

    /** The final summary object: normalised score per profile, rounded to 2 decimals as NAB's scoreboard. */
    static ObjectNode summary(List<NabScorer.Result> scored) {
        ObjectNode s = JSON.createObjectNode();
        s.put("standard", round(scored.get(0).normalized(), 2));
        s.put("lowFP", round(scored.get(1).normalized(), 2));
        s.put("lowFN", round(scored.get(2).normalized(), 2));
        return s;
    }

    /** Scores the results of {@code detector}; the list holds standard, low-FP, low-FN in that order. */
    static List<NabScorer.Result> score(Path data, Path results, String detector) throws IOException {
        List<NabCorpus.DataFile> corpus = NabCorpus.load(data);
        NabScorer scorer = new NabScorer();
        for (NabCorpus.DataFile f : corpus) {
            Path rp = NabCorpus.resultPath(results, detector, f);
            if (!Files.isRegularFile(rp)) {
                throw new IllegalStateException("missing result file " + rp);
            }
            String[] header = NabCorpus.header(rp);
            int col = -1;
            for (int i = 0; i < header.length; i++) {
                if (header[i].trim().equals("anomaly_score")) {
                    col = i;
                }
            }
            if (col < 0) {
                throw new IllegalStateException("no anomaly_score column in " + rp);
            }
            List<String[]> rows = NabCorpus.readCsv(rp);
            if (rows.size() != f.size()) {
                throw new IllegalStateException(rp + " has " + rows.size() + " rows, data has " + f.size());
            }
            double[] scores = new double[rows.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Double.parseDouble(rows.get(i)[col]);
            }
            // NAB takes the timestamps from the data (label) file and the scores from the result file.
            scorer.addFile(f.epochMillis(), scores, f.windows());
        }
        List<NabScorer.Profile> profiles = profiles(data);
        List<NabScorer.Result> out = new ArrayList<>();
        for (NabScorer.Profile p : profiles) {
            out.add(scorer.score(p));
        }
        return out;
    }

    /** The three profiles from {@code profiles.json} when present, else NAB's published cost matrices. */
    static List<NabScorer.Profile> profiles(Path data) throws IOException {
        Path file = data.resolve("profiles.json");
        List<NabScorer.Profile> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return List.of(NabScorer.STANDARD, NabScorer.LOW_FP, NabScorer.LOW_FN);
        }
        JsonNode root = JSON.readTree(file.toFile());
        for (String name : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            JsonNode m = root.path(name).path("CostMatrix");
            if (m.isMissingNode()) {
                throw new IllegalStateException("profiles.json has no " + name);
            }
            out.add(new NabScorer.Profile(name, m.path("tpWeight").asDouble(), m.path("fpWeight").asDouble(),
                    m.path("fnWeight").asDouble()));
        }
        return out;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
