package io.github.aifilters.benchmarks;

import io.github.aifilters.monitoring.anomaly.DefaultAnomalyDetector;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Developer tool (not a subcommand): scores detector configurations on NAB in memory.
 * {@code java -cp ai-filters-bench.jar io.github.aifilters.benchmarks.NabTune DATA [name=v1,v2 ...]} tries the
 * defaults with each listed override (one parameter varied at a time) and prints the three normalised scores.
 * Used to pick the shipped defaults; the shipped detector never reads anything but its own past.
 */
public final class NabTune {

    private NabTune() {
    }

    public static void main(String[] argv) throws Exception {
        List<NabCorpus.DataFile> corpus = NabCorpus.load(Path.of(argv[0]));
        List<NabScorer.Profile> profiles = NabScoreCommand.profiles(Path.of(argv[0]));
        DefaultAnomalyDetector.Config base = DefaultAnomalyDetector.Config.defaults();
        String baseSpec = System.getProperty("base", "");
        for (String part : baseSpec.isEmpty() ? new String[0] : baseSpec.split(":")) {
            String[] kv = part.split("=", 2);
            base = with(base, kv[0], kv[1]);
        }
        report("defaults", base, corpus, profiles, argv.length > 1 && argv[1].equals("-v"));
        for (int a = 1; a < argv.length; a++) {
            if (argv[a].equals("-v")) {
                continue;
            }
            if (argv[a].contains(":")) {
                DefaultAnomalyDetector.Config c = base;
                for (String part : argv[a].split(":")) {
                    String[] kv = part.split("=", 2);
                    c = with(c, kv[0], kv[1]);
                }
                report(argv[a], c, corpus, profiles, false);
                continue;
            }
            String[] kv = argv[a].split("=", 2);
            for (String v : kv[1].split(",")) {
                report(kv[0] + "=" + v, with(base, kv[0], v), corpus, profiles, false);
            }
        }
    }

    static DefaultAnomalyDetector.Config with(DefaultAnomalyDetector.Config c, String name, String value)
            throws Exception {
        RecordComponent[] rc = DefaultAnomalyDetector.Config.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        boolean found = false;
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = rc[i].getAccessor().invoke(c);
            if (rc[i].getName().equals(name)) {
                found = true;
                Class<?> t = rc[i].getType();
                args[i] = t == int.class ? Integer.parseInt(value) : t == long.class ? Long.parseLong(value)
                        : t == boolean.class ? Boolean.parseBoolean(value) : (Object) Double.parseDouble(value);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return DefaultAnomalyDetector.Config.class.getDeclaredConstructor(types).newInstance(args);
    }

    static void report(String label, DefaultAnomalyDetector.Config c, List<NabCorpus.DataFile> corpus,
                       List<NabScorer.Profile> profiles, boolean perFile) {
        NabScorer scorer = new NabScorer();
        List<String> lines = new ArrayList<>();
        for (NabCorpus.DataFile f : corpus) {
            double[] s = NabCommand.detect(f, DefaultAnomalyDetector.factory(c));
            scorer.addFile(f.epochMillis(), s, f.windows());
            if (perFile) {
                NabScorer one = new NabScorer();
                one.addFile(f.epochMillis(), s, f.windows());
                NabScorer.Result r = one.score(profiles.get(0));
                double thr = Double.parseDouble(System.getProperty("thr", "2"));
                int probation = (int) Math.min(Math.floor(0.15 * s.length), 750);
                int hits = 0;
                int hitsOut = 0;
                for (int i = probation; i < s.length; i++) {
                    if (s[i] >= thr) {
                        hits++;
                        if (f.label(i) == 0) {
                            hitsOut++;
                        }
                    }
                }
                lines.add(String.format(Locale.ROOT, "  %-60s at %.3f: raw=%7.3f hits=%d outside=%d windows=%d",
                        f.key(), thr, one.scoreAt(profiles.get(0), thr), hits, hitsOut, f.windows().size()));
                lines.add(String.format(Locale.ROOT, "  %-60s thr=%.3f raw=%7.3f det=%d/%d fpRows=%d", f.key(),
                        r.threshold(), r.rawScore(), r.windowsDetected(), r.windows(), r.fp()));
            }
        }
        StringBuilder sb = new StringBuilder(label);
        for (NabScorer.Profile p : profiles) {
            NabScorer.Result r = scorer.score(p);
            sb.append(String.format(Locale.ROOT, "  %s=%.2f(thr %.4f det %d fp %d)", p.name().replace("reward_", ""),
                    r.normalized(), r.threshold(), r.windowsDetected(), r.fp()));
        }
        System.out.println(sb);
        lines.forEach(System.out::println);
    }
}
