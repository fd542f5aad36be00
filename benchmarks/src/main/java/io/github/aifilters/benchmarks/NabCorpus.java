package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The NAB corpus as laid out in {@code ../shared/data/nab}: {@code data/<category>/<name>.csv} (columns
 * {@code timestamp,value}) and {@code labels/combined_windows.json} (key {@code <category>/<name>.csv}, a list of
 * {@code [start, end]} timestamp pairs, both ends inclusive).
 */
final class NabCorpus {

    /** An anomaly window; both edges are timestamps of rows of the file (NAB matches them exactly). */
    record Window(long startMillis, long endMillis) {
    }

    /**
     * One data file. {@code rawTimestamps}/{@code rawValues} are kept verbatim so result files repeat the data rows
     * exactly.
     */
    record DataFile(String category, String fileName, String[] rawTimestamps, String[] rawValues,
                    long[] epochMillis, double[] values, List<Window> windows) {

        /** The key used by NAB's label files, e.g. {@code realTraffic/speed_t4013.csv}. */
        String key() {
            return category + "/" + fileName;
        }

        int size() {
            return epochMillis.length;
        }

        /** NAB's {@code label} column: 1 inside a window (edges included), else 0. */
        int label(int row) {
            long t = epochMillis[row];
            for (Window w : windows) {
                if (t >= w.startMillis() && t <= w.endMillis()) {
                    return 1;
                }
            }
            return 0;
        }
    }

    private NabCorpus() {
    }

    /** Parses NAB timestamps: {@code 2014-04-01 00:00:00} in data, {@code 2014-04-10 07:15:00.000000} in labels. */
    static long parseTimestamp(String s) {
        // NAB's timestamps carry no zone; UTC keeps hour-of-day and day-of-week as written.
        return LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Loads every data file under {@code nabDir/data} with its windows, sorted by key for a stable order. */
    static List<DataFile> load(Path nabDir) throws IOException {
        JsonNode labels = new ObjectMapper().readTree(nabDir.resolve("labels/combined_windows.json").toFile());
        Path dataDir = nabDir.resolve("data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> p.getParent() != null && !p.getParent().equals(dataDir))
                    .sorted()
                    .toList();
        }
        List<DataFile> out = new ArrayList<>(files.size());
        for (Path p : files) {
            String category = p.getParent().getFileName().toString();
            String fileName = p.getFileName().toString();
            JsonNode w = labels.get(category + "/" + fileName);
            if (w == null) {
                throw new IllegalStateException("no label entry for " + category + "/" + fileName);
            }
            List<Window> windows = new ArrayList<>();
            for (Iterator<JsonNode> it = w.elements(); it.hasNext(); ) {
                JsonNode pair = it.next();
                windows.add(new Window(parseTimestamp(pair.get(0).asText()), parseTimestamp(pair.get(1).asText())));
            }
            out.add(readData(p, category, fileName, windows));
        }
        return out;
    }

    private static DataFile readData(Path p, String category, String fileName, List<Window> windows) {
        List<String[]> rows = readCsv(p);
        int n = rows.size();
        String[] ts = new String[n];
        String[] vs = new String[n];
        long[] ms = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            ts[i] = r[0];
            vs[i] = r[1];
            ms[i] = parseTimestamp(r[0]);
            values[i] = Double.parseDouble(r[1]);
        }
        return new DataFile(category, fileName, ts, vs, ms, values, List.copyOf(windows));
    }

    /** Reads a header-first CSV without quoting (NAB files have none); returns the data rows. */
    static List<String[]> readCsv(Path p) {
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalStateException("empty file " + p);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header columns of a CSV file. */
    static String[] header(Path p) {
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String h = r.readLine();
            return h == null ? new String[0] : h.split(",", -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Result file path: {@code results/<detector>/<category>/<detector>_<name>.csv}. */
    static Path resultPath(Path resultsDir, String detector, DataFile f) {
        return resultsDir.resolve(detector).resolve(f.category()).resolve(detector + "_" + f.fileName());
    }
}
