package io.github.aifilters.errors.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an exception message may carry that is not a secret, so the redactor keeps it for the logs, yet is none of an
 * LLM provider's business: e-mail addresses (people), host names with a port or in a URL and IP addresses (the
 * network's layout), and the literal values of SQL statements (customer data). Applied to error prompts after
 * redaction; class names, SQL keywords and the shape of the message stay, since they are what the analysis needs.
 */
final class PromptScrubber {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** A host after {@code //} or {@code @} (URLs, JDBC URLs) or followed by a port. */
    private static final Pattern HOST = Pattern.compile(
            "(?<=//|@)[A-Za-z0-9][\\w.-]*|\\b[A-Za-z0-9][\\w-]*(?:\\.[\\w-]+)+(?=:\\d{2,5}\\b)");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:]{3,39}]");
    private static final Pattern SQL = Pattern.compile("\\b(?:select|insert|update|delete|where|values)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'");
    /** PostgreSQL's {@code Key (email)=(alice@x.org)} detail: the value in the second parentheses. */
    private static final Pattern KEY_DETAIL = Pattern.compile("(\\)=\\()[^)]*(\\))");

    private PromptScrubber() {
    }

    static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = EMAIL.matcher(text).replaceAll("[EMAIL]");
        s = IPV4.matcher(s).replaceAll("[IP]");
        s = IPV6.matcher(s).replaceAll("[IP]");
        s = HOST.matcher(s).replaceAll("[HOST]");
        s = KEY_DETAIL.matcher(s).replaceAll("$1[VALUE]$2");
        if (SQL.matcher(s.toLowerCase(Locale.ROOT)).find()) {
            s = SQL_LITERAL.matcher(s).replaceAll("'?'");
        }
        return s;
    }
}
