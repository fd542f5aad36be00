package io.github.aifilters.filters.validation.internal;

import io.github.aifilters.filters.validation.Correction;
import io.github.aifilters.filters.validation.ValidationFilterConfig;
import io.github.aifilters.filters.validation.ValidationLevel;
import io.github.aifilters.filters.validation.Violation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aifilters.core.exchange.JsonBodies;
import io.github.aifilters.core.exchange.JsonBody;
import com.networknt.schema.ValidationMessage;
import io.github.aifilters.core.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Parses, validates and (optionally) auto-corrects one JSON body against a {@link CompiledSchema}. No HTTP here: the
 * filter and the benchmark use exactly this class. Thread-safe.
 *
 * <p>Parsing is bounded by Jackson's {@link StreamReadConstraints} (nesting depth, string and number length), so a
 * hostile document is rejected cleanly instead of exhausting the stack or the CPU; trailing content after the
 * document and duplicate property names are malformed (a duplicate would let the validator and the app see different
 * values).
 */
public final class JsonBodyValidator {

    /** Maximum repair rounds (a rename can expose a value problem beneath it). */
    private static final int MAX_ROUNDS = 3;

    private final JsonBodies parser;
    private final ObjectMapper mapper;
    private final ValidationFilterConfig.Limits limits;
    private final LevelPolicy levels;
    private final ViolationMapper violations;
    private final Redactor redactor;

    public JsonBodyValidator(ValidationFilterConfig.Limits limits, LevelPolicy levels, Redactor redactor) {
        this.limits = limits;
        this.levels = levels;
        this.violations = new ViolationMapper(redactor);
        this.redactor = redactor;
        this.parser = new JsonBodies(limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
        this.mapper = parser.newMapper();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The parser configuration of this validator's limits (equal to {@link JsonBodies#DEFAULT} by default). */
    public JsonBodies parser() {
        return parser;
    }

    /** Parses and validates {@code body}; with {@code autoCorrect}, tries the safe repairs. */
    public ValidationOutcome evaluate(CompiledSchema schema, byte[] body, Charset charset, boolean autoCorrect) {
        return evaluate(schema, JsonBodies.parse(mapper, body, charset), autoCorrect);
    }

    /** Validates a body already parsed (once per request, by the exchange); a parse failure is reported as such. */
    public ValidationOutcome evaluate(CompiledSchema schema, JsonBody body, boolean autoCorrect) {
        if (body.malformed()) {
            return malformed(body.error());
        }
        if (body.empty()) {
            return new ValidationOutcome(ValidationOutcome.Status.MALFORMED, null, null, null, null, null,
                    new ValidationOutcome.BodyError("validation.request.empty", "the request body is empty", -1, -1));
        }
        return evaluate(schema, body.tree(), autoCorrect);
    }

    /** Validates an already parsed body (not modified); with {@code autoCorrect}, tries the safe repairs. */
    public ValidationOutcome evaluate(CompiledSchema schema, JsonNode tree, boolean autoCorrect) {
        List<Finding> findings = validate(schema, tree);
        if (findings.isEmpty()) {
            // the common case, a valid body: no streams to build three empty lists
            return new ValidationOutcome(ValidationOutcome.Status.ACCEPTED, tree, null, List.of(), List.of(), null, null);
        }
        List<Violation> reported = findings.stream().map(Finding::violation).toList();
        List<Violation> warnings = reported.stream().filter(v -> v.level() == ValidationLevel.WARN).toList();
        boolean hasErrors = reported.stream().anyMatch(v -> v.level() == ValidationLevel.ERROR);
        if (!hasErrors) {
            return new ValidationOutcome(ValidationOutcome.Status.ACCEPTED, tree, null, reported, warnings, null, null);
        }
        if (autoCorrect) {
            ValidationOutcome corrected = correct(schema, tree, findings, reported);
            if (corrected != null) {
                return corrected;
            }
        }
        return new ValidationOutcome(ValidationOutcome.Status.REJECTED, null, null, reported, warnings, null, null);
    }

    private ValidationOutcome correct(CompiledSchema schema, JsonNode original, List<Finding> findings,
                                      List<Violation> reported) {
        JsonNode current = original.deepCopy();
        List<Correction> changes = new ArrayList<>();
        List<Finding> now = findings;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            AutoCorrector.Round r = AutoCorrector.repair(schema, current, now, redactor::isSensitiveField);
            if (r.changes().isEmpty()) {
                return null;
            }
            changes.addAll(r.changes());
            current = r.root();
            now = validate(schema, current);
            if (now.stream().noneMatch(f -> f.violation().level() == ValidationLevel.ERROR)) {
                List<Violation> warnings = now.stream().map(Finding::violation)
                        .filter(v -> v.level() == ValidationLevel.WARN).toList();
                return new ValidationOutcome(ValidationOutcome.Status.CORRECTED, current, write(current), reported,
                        warnings, changes, null);
            }
        }
        return null;
    }

    /** Every violation of {@code tree}, mapped, levelled (ignored ones dropped), in document order, bounded. */
    List<Finding> validate(CompiledSchema schema, JsonNode tree) {
        // numbers beyond the long range compare exactly (see ExactNumbers); the tree itself is not changed
        Set<ValidationMessage> messages = schema.schema().validate(ExactNumbers.forValidation(tree));
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(Math.min(messages.size(), limits.maxViolations()));
        for (ValidationMessage m : messages) {
            Violation v = violations.map(m, schema, ValidationLevel.ERROR);
            ValidationLevel level = levels.levelOf(v.key());
            if (level == ValidationLevel.IGNORE) {
                continue;
            }
            out.add(new Finding(m, level == ValidationLevel.ERROR ? v : v.withLevel(level)));
        }
        out.sort(Comparator.comparing((Finding f) -> f.violation().pointer())
                .thenComparing(f -> f.violation().key()));
        return out.size() > limits.maxViolations() ? List.copyOf(out.subList(0, limits.maxViolations())) : out;
    }

    public byte[] write(JsonNode tree) {
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ValidationOutcome malformed(IOException e) {
        int line = -1;
        int column = -1;
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation loc = jpe.getLocation();
            line = loc.getLineNr();
            column = loc.getColumnNr();
        }
        String key;
        String message;
        if (e instanceof StreamConstraintsException) {
            key = "validation.request.limit";
            String raw = String.valueOf(e.getMessage());
            if (raw.contains("nesting depth")) {
                message = "the document nests deeper than " + limits.maxNestingDepth() + " levels";
            } else if (raw.contains("String value length")) {
                message = "a string value is longer than " + limits.maxStringLength() + " characters";
            } else if (raw.contains("Number value length")) {
                message = "a number is longer than " + limits.maxNumberLength() + " characters";
            } else {
                message = "the document exceeds a read limit";
            }
        } else {
            key = "validation.request.malformed";
            message = "malformed JSON" + (line > 0 ? " at line " + line + ", column " + column : "")
                    + ": " + describe(e);
        }
        return new ValidationOutcome(ValidationOutcome.Status.MALFORMED, null, null, null, null, null,
                new ValidationOutcome.BodyError(key, message, line, column));
    }

    /** What went wrong, without quoting the body (Jackson's messages may quote tokens of the source). */
    private static String describe(IOException e) {
        String raw = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : null;
        if (raw == null) {
            return "the body is not valid JSON";
        }
        if (raw.startsWith("Duplicate field")) {
            return "duplicate property name";
        }
        if (raw.startsWith("Unexpected end-of-input")) {
            return "unexpected end of input";
        }
        if (raw.startsWith("Trailing token")) {
            return "unexpected content after the JSON document";
        }
        if (raw.startsWith("Unexpected character")) {
            int colon = raw.indexOf("): ");
            return colon > 0 ? "unexpected character; " + raw.substring(colon + 3) : "unexpected character";
        }
        if (raw.startsWith("Unrecognized token")) {
            return "unrecognized token (expected a JSON value: string, number, array, object, true, false or null)";
        }
        if (raw.contains("Invalid UTF-8")) {
            return "invalid UTF-8";
        }
        if (raw.contains("Illegal unquoted character")) {
            return "illegal unquoted control character in a string (escape it)";
        }
        return "the body is not valid JSON";
    }
}
