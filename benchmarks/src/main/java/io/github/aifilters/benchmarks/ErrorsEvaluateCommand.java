package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.core.config.InitParams;
import io.github.aifilters.errors.ErrorAnalysis;
import io.github.aifilters.errors.ErrorDescription;
import io.github.aifilters.errors.ErrorFilterConfig;
import io.github.aifilters.errors.internal.EmbeddedErrorAnalyser;
import io.github.aifilters.errors.internal.ErrorsTestSupport;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code errors-evaluate --log app.log [--overrides overrides.yaml] [--rules R] [--categories C] [--top N]}: reads an app's own log of error events
 * (the error filter's one event per error: logback {@code JsonEncoder} lines with a {@code kvpList}, flat JSON lines
 * such as logstash-logback-encoder's, or the plain text message {@code Error <id> [category/status] METHOD route:
 * exception (occurrence n of fingerprint)}), analyses every exception again with the current embedded analyser (and
 * the overrides file and the filter's {@code rules} / {@code categories} init-param values, if given) and prints how they are categorised: counts per category, per exception class, the
 * ones answered as client errors (4xx) - to review before going live - and those whose category changed since they
 * were logged. Last stdout line: a JSON summary.
 */
final class ErrorsEvaluateCommand implements BenchCommand {

    private static final Pattern TEXT_EVENT = Pattern.compile(
            "Error (\\S+) \\[([a-z_]+)/(\\d{3})\\] (\\S+) (\\S+): (\\S+) \\(occurrence \\d+ of ([0-9a-f]+)\\)");
    private static final Pattern CAUSED_BY = Pattern.compile("^Caused by: ([\\w$.]+)(?::\\s?(.*))?$");
    private static final Pattern FRAME = Pattern.compile("^\\s+at (?:[\\w.$]+/)?([\\w.$<>]+)\\(");

    /** One logged error event, as far as the line tells. */
    record Event(String fingerprint, String loggedCategory, ErrorDescription description) {
    }

    @Override
    public int run(Args args) throws Exception {
        Path log = args.path("log");
        int top = args.integer("top", 20);
        // The app's own rules, categories and overrides file as the filter's init-params, so that the answer is the
        // filter's.
        Map<String, String> params = new HashMap<>();
        args.optionalPath("overrides").ifPresent(p -> {
            params.put(ErrorFilterConfig.CATEGORY_OVERRIDES, p.toString());
            params.put(ErrorFilterConfig.CATEGORY_OVERRIDES_RECHECK, "5s");
        });
        args.get("categories").ifPresent(v -> params.put(ErrorFilterConfig.CATEGORIES, v));
        args.get("rules").ifPresent(v -> params.put(ErrorFilterConfig.RULES, v));
        EmbeddedErrorAnalyser analyser = ErrorsTestSupport.analyser(
                ErrorFilterConfig.from(InitParams.of("errors-evaluate", params)));
        ObjectMapper mapper = new ObjectMapper();

        List<Event> events = new ArrayList<>();
        int lines = 0;
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines++;
                Event e = parse(line, mapper);
                if (e != null) {
                    events.add(e);
                }
            }
        }

        Map<String, Integer> perCategory = new TreeMap<>();
        Map<String, Map<String, Integer>> perClass = new TreeMap<>();
        Map<String, Integer> clientKinds = new LinkedHashMap<>();
        Map<String, Integer> changed = new LinkedHashMap<>();
        int client = 0;
        for (Event e : events) {
            ErrorAnalysis a = analyser.analyse(e.description(), null, e.fingerprint());
            perCategory.merge(a.category(), 1, Integer::sum);
            String cls = e.description().rootException() + (e.description().causes().isEmpty() ? ""
                    : " (in " + e.description().exception() + ")");
            perClass.computeIfAbsent(cls, k -> new TreeMap<>()).merge(a.category(), 1, Integer::sum);
            String kind = e.fingerprint() + " " + cls;
            if (a.status() < 500) {
                client++;
                clientKinds.merge(kind + " -> " + a.category() + "/" + a.status() + " :: "
                        + snippet(rootMessage(e.description())), 1, Integer::sum);
            }
            if (e.loggedCategory() != null && !e.loggedCategory().equals(a.category())) {
                changed.merge(kind + ": logged " + e.loggedCategory() + ", now " + a.category(), 1, Integer::sum);
            }
        }

        System.out.println("error events: " + events.size() + " (of " + lines + " log lines)");
        System.out.println("per category:");
        perCategory.forEach((c, n) -> System.out.printf("  %-18s %6d%n", c, n));
        System.out.println("per root exception class (top " + top + " by count):");
        perClass.entrySet().stream()
                .sorted((x, y) -> Integer.compare(total(y.getValue()), total(x.getValue())))
                .limit(top)
                .forEach(en -> System.out.printf("  %6d  %s  %s%n", total(en.getValue()), en.getKey(), en.getValue()));
        System.out.println("answered as client errors (4xx) - check that the caller really caused each ("
                + client + " events):");
        print(clientKinds, top);
        System.out.println("category changed since logged (" + changed.values().stream().mapToInt(i -> i).sum()
                + " events):");
        print(changed, top);

        ObjectNode summary = mapper.createObjectNode();
        summary.put("lines", lines);
        summary.put("events", events.size());
        summary.put("clientErrors", client);
        summary.put("clientShare", events.isEmpty() ? 0 : Math.round(10000.0 * client / events.size()) / 10000.0);
        summary.set("perCategory", mapper.valueToTree(perCategory));
        summary.put("changedSinceLogged", changed.values().stream().mapToInt(i -> i).sum());
        ArrayNode kinds = summary.putArray("clientKinds");
        clientKinds.keySet().stream().limit(top).forEach(kinds::add);
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }

    private static int total(Map<String, Integer> m) {
        return m.values().stream().mapToInt(i -> i).sum();
    }

    private static void print(Map<String, Integer> counts, int top) {
        counts.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue())).limit(top)
                .forEach(en -> System.out.printf("  %6d  %s%n", en.getValue(), en.getKey()));
    }

    private static String rootMessage(ErrorDescription d) {
        return d.causes().isEmpty() ? d.message() : d.causes().get(d.causes().size() - 1).message();
    }

    private static String snippet(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 100 ? one.substring(0, 100) + "..." : one;
    }

    /** An error event from one log line, or null when the line is something else. */
    static Event parse(String line, ObjectMapper mapper) {
        String trimmed = line.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode n = mapper.readTree(trimmed);
                Map<String, String> kv = new LinkedHashMap<>();
                JsonNode list = n.get("kvpList");
                if (list != null && list.isArray()) {
                    for (JsonNode pair : list) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = pair.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> f = it.next();
                            kv.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText());
                        }
                    }
                } else {
                    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        kv.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                    }
                }
                if (kv.get("exception") == null || kv.get("fingerprint") == null) {
                    return null;
                }
                ErrorDescription d = describe(kv.get("exception"), kv.get("errorMessage"), kv.get("rootException"),
                        kv.get("stackTrace"));
                if ("sendError".equals(kv.get("origin")) && kv.get("status") != null) {
                    // The app's own sendError(5xx): no exception, the status is what it declared.
                    d = new ErrorDescription(d.exception(), d.message(), d.causes(), d.frames(),
                            Integer.valueOf(kv.get("status")));
                }
                return new Event(kv.get("fingerprint"), kv.get("category"), d);
            } catch (Exception e) {
                return null;
            }
        }
        Matcher m = TEXT_EVENT.matcher(line);
        if (m.find()) {
            return new Event(m.group(7), m.group(2), describe(m.group(6), null, null, null));
        }
        return null;
    }

    /**
     * The exception as the analyser would have seen it: the cause chain and the top frames come from the rendered
     * stack trace (its "Caused by:" lines); without one, the root exception field is the only cause known.
     */
    static ErrorDescription describe(String exception, String message, String rootException, String stackTrace) {
        List<ErrorDescription.Cause> causes = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        if (stackTrace != null && !stackTrace.isEmpty()) {
            boolean outer = true;
            for (String l : stackTrace.split("\n")) {
                Matcher c = CAUSED_BY.matcher(l);
                if (c.find()) {
                    outer = false;
                    causes.add(new ErrorDescription.Cause(c.group(1), c.group(2)));
                    continue;
                }
                Matcher f = FRAME.matcher(l);
                if (outer && f.find() && frames.size() < ErrorDescription.MAX_FRAMES) {
                    frames.add(f.group(1));
                }
            }
        } else if (rootException != null && !rootException.equals(exception)) {
            causes.add(new ErrorDescription.Cause(rootException, null));
        }
        return new ErrorDescription(exception, message, causes, frames, null);
    }
}
