package io.github.aifilters.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.internal.CompiledSchema;
import io.github.aifilters.filters.validation.internal.JsonBodyValidator;
import io.github.aifilters.filters.validation.internal.ValidationOutcome;
import io.github.aifilters.filters.validation.Violation;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --schemas DIR --cases FILE --predictions OUT [--repeat N]}: runs the smart validation filter's
 * validation and auto-correction (enabled) — the same {@link JsonBodyValidator} the filter uses, without HTTP — over
 * JSONL cases {@code {"schema","body","fixed","pointers"}}; schema {@code NAME} is {@code DIR/NAME.schema.json}.
 *
 * <p>Writes one line per case to OUT: {@code {"index","status","body","pointers","suggestions"}}. The last stdout
 * line: {@code {"n","fixed","wrongFixes","falseRejects","pointerRecall","p50Micros", ...}} where
 * <ul>
 *   <li>{@code fixed}: fixable cases whose corrected body equals the expected one;</li>
 *   <li>{@code wrongFixes}: cases corrected to anything but the expected body (incl. cases with no safe fix);</li>
 *   <li>{@code falseRejects}: valid bodies not accepted untouched;</li>
 *   <li>{@code pointerRecall}: expected pointers reported / expected pointers (all cases with pointers);</li>
 *   <li>{@code p50Micros}: median time of one evaluation (parse, validate, correct) after warm-up.</li>
 * </ul>
 */
final class ValidateCommand implements BenchCommand {

    private record Case(String schema, JsonNode body, JsonNode fixed, List<String> pointers) {
    }

    @Override
    public int run(Args args) throws Exception {
        Path schemas = args.path("schemas");
        Path casesFile = args.path("cases");
        Path out = args.path("predictions");
        int repeat = args.integer("repeat", 200);

        JsonBodyValidator validator = FiltersTestSupport.validator(ValidationFilterConfig.ofDefaults());
        ObjectMapper mapper = validator.mapper();
        Map<String, CompiledSchema> compiled = new HashMap<>();

        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(casesFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = mapper.readTree(line);
            List<String> pointers = new ArrayList<>();
            c.path("pointers").forEach(p -> pointers.add(p.asText()));
            JsonNode fixed = c.path("fixed");
            cases.add(new Case(c.path("schema").asText(), c.get("body"),
                    fixed.isMissingNode() || fixed.isNull() ? null : fixed, pointers));
        }
        List<byte[]> bodies = new ArrayList<>();
        List<CompiledSchema> caseSchemas = new ArrayList<>();
        for (Case c : cases) {
            caseSchemas.add(compiled.computeIfAbsent(c.schema(),
                    name -> FiltersTestSupport.compileSchema(schemas.resolve(name + ".schema.json").toString(),
                            ValidateCommand.class.getClassLoader())));
            bodies.add(mapper.writeValueAsBytes(c.body()));
        }

        int fixed = 0;
        int wrongFixes = 0;
        int falseRejects = 0;
        int fixable = 0;
        int valid = 0;
        int missedFixes = 0;
        int expectedPointers = 0;
        int foundPointers = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                ValidationOutcome o = validator.evaluate(caseSchemas.get(i), bodies.get(i), StandardCharsets.UTF_8,
                        true);
                String status = switch (o.status()) {
                    case ACCEPTED -> "accepted";
                    case CORRECTED -> "corrected";
                    case REJECTED, MALFORMED -> "rejected";
                };
                JsonNode received = o.status() == ValidationOutcome.Status.CORRECTED
                        ? mapper.readTree(o.correctedBytes())
                        : o.status() == ValidationOutcome.Status.ACCEPTED ? c.body() : null;
                Set<String> reported = new LinkedHashSet<>();
                List<String> suggestions = new ArrayList<>();
                for (Violation v : o.violations()) {
                    reported.add(v.pointer());
                    if (v.suggestion() != null) {
                        suggestions.add(v.suggestion());
                    }
                }
                ObjectNode line = mapper.createObjectNode();
                line.put("index", i);
                line.put("status", status);
                line.set("body", received);
                ArrayNode ptrs = line.putArray("pointers");
                reported.forEach(ptrs::add);
                ArrayNode sugg = line.putArray("suggestions");
                suggestions.forEach(sugg::add);
                w.write(mapper.writeValueAsString(line));
                w.newLine();

                boolean isValid = c.fixed() == null && c.pointers().isEmpty();
                if (c.fixed() != null) {
                    fixable++;
                }
                if (isValid) {
                    valid++;
                    if (!"accepted".equals(status)) {
                        falseRejects++;
                    }
                }
                if ("corrected".equals(status)) {
                    if (c.fixed() != null && sameJson(c.fixed(), received)) {
                        fixed++;
                    } else {
                        wrongFixes++;
                    }
                } else if (c.fixed() != null) {
                    missedFixes++;
                }
                for (String p : c.pointers()) {
                    expectedPointers++;
                    if (reported.contains(p)) {
                        foundPointers++;
                    }
                }
            }
        }

        // Timing: warm up the JIT, then time single evaluations of every case.
        int n = cases.size();
        for (int r = 0; r < Math.max(repeat, 1) * 5; r++) {
            for (int i = 0; i < n; i++) {
                validator.evaluate(caseSchemas.get(i), bodies.get(i), StandardCharsets.UTF_8, true);
            }
        }
        long[] samples = new long[n * Math.max(repeat, 1)];
        int k = 0;
        for (int r = 0; r < Math.max(repeat, 1); r++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                validator.evaluate(caseSchemas.get(i), bodies.get(i), StandardCharsets.UTF_8, true);
                samples[k++] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(samples);
        double p50 = samples.length == 0 ? 0 : samples[samples.length / 2] / 1000.0;
        double p99 = samples.length == 0 ? 0 : samples[(int) Math.min(samples.length - 1, samples.length * 0.99)] / 1000.0;

        ObjectNode summary = mapper.createObjectNode();
        summary.put("n", n);
        summary.put("fixed", fixed);
        summary.put("wrongFixes", wrongFixes);
        summary.put("falseRejects", falseRejects);
        summary.put("pointerRecall", expectedPointers == 0 ? 1.0 : round((double) foundPointers / expectedPointers));
        summary.put("p50Micros", round(p50));
        summary.put("p99Micros", round(p99));
        summary.put("fixable", fixable);
        summary.put("missedFixes", missedFixes);
        summary.put("valid", valid);
        System.out.println(mapper.writeValueAsString(summary));
        return 0;
    }

    /** Structural equality with numbers compared by value (2.5 as double equals 2.5 as decimal). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC, b);
    }

    private static final Comparator<JsonNode> NUMERIC = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
