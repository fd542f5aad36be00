package io.github.aifilters.errors;

import io.github.aifilters.core.problem.Problem;
import io.github.aifilters.core.problem.ProblemTypes;
import io.github.aifilters.core.redact.Redactor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the client's problem document. The rule: nothing from the exception reaches the client except, for
 * validation errors, a message that survives a strict sanitiser (no class names, SQL, paths, URLs, hosts, IPs, stack
 * frames, secrets). Every other category gets a fixed text.
 */
final class ClientProblems {

    static final String GENERIC_VALIDATION = "The request is invalid. Check it against the API documentation.";

    private static final int MAX_DETAIL = 240;
    private static final Pattern FIELD_ERROR = Pattern.compile(
            "on field '([\\w.\\[\\]]+)'.*?default message \\[([^\\]]{1,200})\\]");
    private static final Pattern PATH_MESSAGE = Pattern.compile("^([\\w$]+(?:\\.[\\w$\\[\\]<>]+)+):\\s*(.+)$");
    private static final Pattern BACKTICK_TYPE = Pattern.compile("`(?:[\\w$]+\\.)+([\\w$]+)`");
    /** Jackson's pointer to the setting behind a limit: ", from `StreamReadConstraints.getMaxNestingDepth()`". */
    private static final Pattern FROM_SETTING = Pattern.compile(",?\\s*from `[^`]{1,200}`");
    private static final Pattern CUT = Pattern.compile(
            "\\s*(?:\\(through reference chain|; nested exception|\\bat \\[Source|\\n|\\r|\\(class [\\w.]+\\)).*",
            Pattern.DOTALL);
    /** Anything that reveals internals: class names, frames, SQL, paths, URLs, hosts, IPs, exception words, credentials. */
    private static final Pattern UNSAFE = Pattern.compile(
            "\\b[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[\\w$.]*[A-Za-z]"   // package.qualified.Name
                    + "|\\b[A-Z]\\w*(?:Exception|Error)\\b|\\bexception\\b"
                    // A nested class (Model$Command) or a member reference (StreamReadConstraints.getMaxNestingDepth()):
                    // library internals or the app's own classes, never the client's business.
                    + "|\\w\\$\\w|\\b[A-Z]\\w*\\.[a-z]\\w*\\("
                    + "|\\bat [\\w$.]+\\(|\\.java:\\d+"
                    + "|\\b(?:select|insert|update|delete|drop|alter)\\b[^.]{0,80}\\b(?:from|into|set|where|table)\\b"
                    + "|\\bsql\\b|\\bsqlstate\\b|\\bjdbc\\b|\\bhibernate\\b"
                    + "|://|(?:^|[\\s'\"(])(?:/[\\w.-]+){2,}|[A-Za-z]:\\\\"
                    + "|\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b|\\b[\\w-]+(?:\\.[\\w-]+)*:\\d{2,5}\\b"
                    + "|\\blocalhost\\b|\\$\\{|<\\w+"
                    // A credential assignment, whatever its value looks like (the redactor masks secret-shaped values
                    // only; a client message must not echo any of them).
                    + "|\\b(?:token|password|passwd|pwd|secret|api[_-]?key|credentials?|session[_-]?id)\\s*="
                    + "|\\bauthorization\\s*:|\\bbearer\\s+\\S{8,}",
            Pattern.CASE_INSENSITIVE);

    private final Redactor redactor;
    private final boolean validationDetail;
    private final long retryAfterSeconds;

    ClientProblems(Redactor redactor, boolean validationDetail, long retryAfterSeconds) {
        this.redactor = redactor;
        this.validationDetail = validationDetail;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds to put in Retry-After, or -1 when the category is not worth retrying. */
    long retryAfter(String category) {
        return switch (category) {
            case ErrorCategories.RATE_LIMIT, ErrorCategories.EXTERNAL_SERVICE, ErrorCategories.DATABASE ->
                    retryAfterSeconds;
            default -> -1;
        };
    }

    Problem build(ErrorAnalysis a, ErrorDescription d, String fingerprint, String errorId, String instance) {
        String category = a.category();
        long retry = retryAfter(category);
        Problem.Builder b = Problem.builder(typeOf(category), title(category, a.status()), a.status())
                .detail(detail(category, d))
                .instance(instance)
                .with("errorId", errorId)
                .with("fingerprint", fingerprint)
                .with("category", category);
        List<String> suggestions = suggestions(category, retry);
        if (!suggestions.isEmpty()) {
            b.with("suggestions", suggestions);
        }
        if (retry >= 0) {
            b.with("retryAfter", retry);
        }
        return b.build();
    }

    /**
     * The problem document for an error status the app or its framework answered without a body of its own (a
     * Jakarta REST {@code WebApplicationException}, a servlet's {@code sendError(4xx)}): the status is kept, the text
     * is fixed per status (nothing of the framework's message reaches the client), and for 405 the {@code Allow}
     * header's methods are repeated as {@code allow}.
     */
    Problem forStatus(int status, String instance, String allowHeader) {
        String category = categoryOfStatus(status);
        Problem.Builder b;
        if (category != null) {
            b = Problem.builder(typeOf(category), title(category, status), status)
                    .detail(detail(category, null));
        } else if (status == 405) {
            b = Problem.builder(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", status)
                    .detail("This resource does not accept this method.");
        } else if (status == 415) {
            b = Problem.builder(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", status)
                    .detail("The request body's media type is not accepted here.");
        } else if (status == 413) {
            b = Problem.builder(ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", status)
                    .detail("The request body is larger than this resource accepts.");
        } else {
            // RFC 9457 4.2.1: with type about:blank the title is the status phrase.
            b = Problem.builder(URI.create("about:blank"), phrase(status), status);
        }
        b.instance(instance);
        if (category != null) {
            b.with("category", category);
        }
        if (status == 405 && allowHeader != null && !allowHeader.isBlank()) {
            List<String> methods = new ArrayList<>();
            for (String m : allowHeader.split(",")) {
                String t = m.trim();
                if (t.matches("[A-Z]{1,16}")) {
                    methods.add(t);
                }
            }
            b.with("allow", methods);
        }
        return b.build();
    }

    /** The category a bare status stands for, or null when none fits. */
    static String categoryOfStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorCategories.VALIDATION;
            case 401 -> ErrorCategories.AUTHENTICATION;
            case 403 -> ErrorCategories.AUTHORIZATION;
            case 404, 410 -> ErrorCategories.NOT_FOUND;
            case 429 -> ErrorCategories.RATE_LIMIT;
            default -> null;
        };
    }

    static String phrase(int status) {
        return switch (status) {
            case 402 -> "Payment Required";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }

    static URI typeOf(String category) {
        return switch (category) {
            case ErrorCategories.VALIDATION -> ProblemTypes.VALIDATION;
            case ErrorCategories.AUTHENTICATION -> ProblemTypes.AUTHENTICATION;
            case ErrorCategories.AUTHORIZATION -> ProblemTypes.AUTHORIZATION;
            case ErrorCategories.NOT_FOUND -> ProblemTypes.NOT_FOUND;
            case ErrorCategories.RATE_LIMIT -> ProblemTypes.RATE_LIMIT;
            case ErrorCategories.EXTERNAL_SERVICE -> ProblemTypes.EXTERNAL_SERVICE;
            case ErrorCategories.DATABASE -> ProblemTypes.DATABASE;
            case ErrorCategories.INTERNAL -> ProblemTypes.INTERNAL;
            default -> ProblemTypes.of(category);
        };
    }

    static String title(String category, int status) {
        return switch (category) {
            case ErrorCategories.VALIDATION -> "Invalid request";
            case ErrorCategories.AUTHENTICATION -> "Authentication required";
            case ErrorCategories.AUTHORIZATION -> "Access denied";
            case ErrorCategories.NOT_FOUND -> "Resource not found";
            case ErrorCategories.RATE_LIMIT -> "Too many requests";
            case ErrorCategories.EXTERNAL_SERVICE -> "Upstream service unavailable";
            case ErrorCategories.DATABASE -> "Service temporarily unavailable";
            case ErrorCategories.INTERNAL -> "Internal server error";
            default -> status >= 500 ? "Server error" : "Request could not be completed";
        };
    }

    String detail(String category, ErrorDescription d) {
        return switch (category) {
            case ErrorCategories.VALIDATION ->
                    validationDetail && d != null ? validationMessage(d) : GENERIC_VALIDATION;
            case ErrorCategories.AUTHENTICATION -> "Authentication is missing, invalid or expired.";
            case ErrorCategories.AUTHORIZATION -> "You do not have permission to perform this operation.";
            case ErrorCategories.NOT_FOUND -> "The requested resource was not found.";
            case ErrorCategories.RATE_LIMIT -> "Too many requests. Retry after the indicated delay.";
            case ErrorCategories.EXTERNAL_SERVICE -> "A service this request depends on is not available right now.";
            case ErrorCategories.DATABASE -> "The service is temporarily unavailable.";
            case ErrorCategories.INTERNAL -> "An unexpected error occurred. Quote the errorId when reporting it.";
            default -> "The request could not be completed.";
        };
    }

    static List<String> suggestions(String category, long retry) {
        List<String> out = new ArrayList<>(2);
        switch (category) {
            case ErrorCategories.VALIDATION ->
                    out.add("Correct the request as described and send it again.");
            case ErrorCategories.AUTHENTICATION ->
                    out.add("Sign in again or refresh the access token, then retry.");
            case ErrorCategories.AUTHORIZATION ->
                    out.add("Ask an administrator for access if you should have it.");
            case ErrorCategories.NOT_FOUND -> out.add("Check the identifier in the URL.");
            case ErrorCategories.RATE_LIMIT -> {
                out.add("Wait " + retry + " seconds before retrying.");
                out.add("Reduce the request rate.");
            }
            case ErrorCategories.EXTERNAL_SERVICE, ErrorCategories.DATABASE ->
                    out.add("Retry in " + retry + " seconds.");
            case ErrorCategories.INTERNAL ->
                    out.add("Retry later; if it persists, contact support with the errorId.");
            default -> {
            }
        }
        return out;
    }

    /** The first message of the chain (outermost first) that survives sanitising, else the generic text. */
    String validationMessage(ErrorDescription d) {
        String s = sanitise(d.message());
        if (s != null) {
            return s;
        }
        for (int i = d.causes().size() - 1; i >= 0; i--) {
            s = sanitise(d.causes().get(i).message());
            if (s != null) {
                return s;
            }
        }
        return GENERIC_VALIDATION;
    }

    /** A client-safe version of a validation message, or null when none can be made. */
    String sanitise(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String m = message.length() > 2000 ? message.substring(0, 2000) : message;
        Matcher field = FIELD_ERROR.matcher(m);
        if (field.find()) {
            // Spring's binding message: keep "field: default message", drop the method signature around it.
            m = lastSegment(field.group(1)) + ": " + field.group(2);
        } else {
            m = FROM_SETTING.matcher(m).replaceAll("");
            m = CUT.matcher(m).replaceFirst("");
            m = BACKTICK_TYPE.matcher(m).replaceAll("`$1`");
            StringBuilder sb = new StringBuilder();
            for (String part : m.split(",\\s+(?=[\\w$]+(?:\\.[\\w$\\[\\]<>]+)+:)")) {
                Matcher pm = PATH_MESSAGE.matcher(part.trim());
                // Bean Validation: "createUser.request.email: must be ..." -> "email: must be ..."
                String clean = pm.matches() ? lastSegment(pm.group(1)) + ": " + pm.group(2) : part.trim();
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(clean);
            }
            m = sb.toString();
        }
        m = m.strip();
        if (m.isEmpty() || m.length() > MAX_DETAIL) {
            return null;
        }
        String redacted = redactor.redactText(m);
        if (!redacted.equals(m) || redacted.contains(Redactor.MASK) || UNSAFE.matcher(redacted).find()) {
            return null;
        }
        for (int i = 0; i < redacted.length(); i++) {
            if (Character.isISOControl(redacted.charAt(i))) {
                return null;
            }
        }
        return redacted;
    }

    private static String lastSegment(String path) {
        String p = path.replaceAll("\\[\\d*]", "");
        int dot = p.lastIndexOf('.');
        String last = dot >= 0 ? p.substring(dot + 1) : p;
        return last.toLowerCase(Locale.ROOT).startsWith("arg") && last.length() <= 5 ? "value" : last;
    }
}
