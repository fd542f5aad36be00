package io.github.aifilters.filters.intent.internal;

import io.github.aifilters.core.exchange.Entity;
import io.github.aifilters.core.internal.IgnoreCaseSearch;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds entities with character offsets into the original text: {@code url}, {@code email}, {@code uuid},
 * {@code money}, {@code date} (ISO dates, "March 3", and relative ones: today, tomorrow, yesterday, next/last/this
 * Friday, in 3 days), {@code phone}, {@code number}, and the user's gazetteers (by their list name). Where matches
 * overlap, the earlier kind wins — URL, e-mail, UUID, money, date, gazetteers, phone, number — so a URL's digits
 * are not also a number and "Galaxy S24" is a product, not a number. Relative dates are resolved against the
 * {@link Clock}. Immutable and thread-safe.
 */
public final class EntityExtractor {

    /** At most this many entities are reported for one text (bounds the work and the attribute's size). */
    public static final int MAX_ENTITIES = 32;

    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile(
            "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern MONEY = Pattern.compile(
            "(?<![\\w.])(?:([$€£¥])\\s?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?"
                    + "|(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?\\s?(dollars?|usd|euros?|eur|pounds?|gbp|yen|jpy"
                    + "|yuan|cny|rmb|元|块))(?![\\w])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    static final Pattern RELATIVE_DATE = Pattern.compile(
            "\\b(?:(day after tomorrow|today|tonight|tomorrow|yesterday)"
                    + "|(?:(next|this|last|coming)\\s+)?(" + WEEKDAY + ")"
                    + "|in\\s+(\\d{1,3})\\s+(days?|weeks?)"
                    + "|(" + MONTH + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]\\d{2,4}){1,4}(?![\\w])"
                    + "|(?<![\\w+])\\+\\d{8,15}(?!\\w)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:[.,]\\d+)*(?![\\w])");

    private static final Map<String, String> CURRENCY = Map.ofEntries(Map.entry("$", "USD"), Map.entry("€", "EUR"),
            Map.entry("£", "GBP"), Map.entry("¥", "JPY"), Map.entry("dollar", "USD"), Map.entry("dollars", "USD"),
            Map.entry("usd", "USD"), Map.entry("euro", "EUR"), Map.entry("euros", "EUR"), Map.entry("eur", "EUR"),
            Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"), Map.entry("gbp", "GBP"), Map.entry("yen", "JPY"),
            Map.entry("jpy", "JPY"), Map.entry("yuan", "CNY"), Map.entry("cny", "CNY"), Map.entry("rmb", "CNY"),
            Map.entry("元", "CNY"), Map.entry("块", "CNY"));

    /** A gazetteer surface form, lower-cased, and what it stands for. */
    private record Form(String lower, String type, String value) {
    }

    private final Clock clock;
    /** Forms by their first character (lower-cased), longest first: a small index so matching is not O(forms). */
    private final Map<Character, List<Form>> gazetteer;

    public EntityExtractor(Map<String, List<GazetteerEntry>> gazetteers, Clock clock) {
        this.clock = clock;
        Map<Character, List<Form>> index = new HashMap<>();
        gazetteers.forEach((type, entries) -> {
            for (GazetteerEntry e : entries) {
                for (String f : e.forms()) {
                    String lower = f.strip().toLowerCase(Locale.ROOT);
                    if (!lower.isEmpty()) {
                        index.computeIfAbsent(lower.charAt(0), c -> new ArrayList<>()).add(new Form(lower, type,
                                e.value()));
                    }
                }
            }
        });
        index.values().forEach(l -> l.sort(Comparator.comparingInt((Form f) -> -f.lower().length())));
        this.gazetteer = Map.copyOf(index);
    }

    public static EntityExtractor builtInOnly(Clock clock) {
        return new EntityExtractor(Map.of(), clock);
    }

    public List<Entity> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int cap = TextFeaturizer.MAX_CHARS * 4;
        String t = text.length() > cap ? text.substring(0, cap) : text;
        List<Entity> found = new ArrayList<>();
        boolean[] taken = new boolean[t.length()];
        // cheap pre-checks skip the patterns that cannot match (most texts have no '@', no digit, no URL)
        boolean digit = false;
        boolean at = false;
        boolean dash = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            digit |= c >= '0' && c <= '9';
            at |= c == '@';
            dash |= c == '-';
        }
        if (containsIgnoreCase(t, "http") || containsIgnoreCase(t, "www.")) {
            find(URL, t, taken, found, m -> {
                String s = trimTrailingPunctuation(m.group());
                return new Entity("url", s, s, m.start(), m.start() + s.length());
            });
        }
        if (at) {
            find(EMAIL, t, taken, found, m -> new Entity("email", m.group(), m.group().toLowerCase(Locale.ROOT),
                    m.start(), m.end()));
        }
        if (dash && digit) {
            find(UUID, t, taken, found, m -> new Entity("uuid", m.group(), m.group().toLowerCase(Locale.ROOT),
                    m.start(), m.end()));
        }
        if (digit) {
            find(MONEY, t, taken, found, this::money);
            find(ISO_DATE, t, taken, found, m -> {
                try {
                    LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                    return new Entity("date", m.group(), d.toString(), m.start(), m.end());
                } catch (RuntimeException invalid) {
                    return null;
                }
            });
        }
        if (mayHaveRelativeDate(t, digit)) {
            find(RELATIVE_DATE, t, taken, found, this::relativeDate);
        }
        gazetteers(t, taken, found); // the user's own lists win over phone numbers and bare numbers
        if (digit) {
            find(PHONE, t, taken, found, m -> {
                String digits = m.group().replaceAll("[^0-9+]", "");
                long count = digits.chars().filter(Character::isDigit).count();
                return count >= 7 && count <= 15 ? new Entity("phone", m.group(), digits, m.start(), m.end()) : null;
            });
            find(NUMBER, t, taken, found, m -> {
                String v = m.group().replace(",", "");
                try {
                    return new Entity("number", m.group(), new BigDecimal(v).toPlainString(), m.start(), m.end());
                } catch (NumberFormatException e) {
                    return null;
                }
            });
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return found.size() > MAX_ENTITIES ? List.copyOf(found.subList(0, MAX_ENTITIES)) : List.copyOf(found);
    }

    /** Words one of which every {@link #RELATIVE_DATE} match contains whatever else it has. */
    private static final List<String> DAY_WORDS = List.of("today", "tonight", "tomorrow", "yesterday", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    /** Words one of which a match with a number ("in 3 days", "march 5") contains. */
    private static final List<String> DATED_WORDS = List.of("day", "week", "jan", "feb", "mar", "apr", "may", "jun",
            "jul", "aug", "sep", "oct", "nov", "dec");

    /**
     * Whether {@link #RELATIVE_DATE} can match: each alternative needs a day word, or a number and a day, week or
     * month word. The expression, run on every classified text, tries its alternatives at every word; a text
     * without these words (most of them) skips it.
     */
    static boolean mayHaveRelativeDate(String t, boolean hasDigit) {
        for (String w : DAY_WORDS) {
            if (containsIgnoreCase(t, w)) {
                return true;
            }
        }
        if (hasDigit) {
            for (String w : DATED_WORDS) {
                if (containsIgnoreCase(t, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String lowerNeedle) {
        return IgnoreCaseSearch.contains(text, lowerNeedle, text.length());
    }

    private interface Maker {
        Entity make(Matcher m);
    }

    private static void find(Pattern p, String t, boolean[] taken, List<Entity> out, Maker maker) {
        Matcher m = p.matcher(t);
        while (m.find() && out.size() < MAX_ENTITIES * 2) {
            if (free(taken, m.start(), m.end())) {
                Entity e = maker.make(m);
                if (e != null) {
                    mark(taken, e.start(), e.end());
                    out.add(e);
                }
            }
        }
    }

    private static boolean free(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    private static void mark(boolean[] taken, int from, int to) {
        for (int i = from; i < to; i++) {
            taken[i] = true;
        }
    }

    private static String trimTrailingPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?)]}".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private Entity money(Matcher m) {
        String symbol = m.group(1);
        String whole = symbol != null ? m.group(2) : m.group(4);
        String cents = symbol != null ? m.group(3) : m.group(5);
        String unit = symbol != null ? symbol : m.group(6).toLowerCase(Locale.ROOT);
        String amount = whole.replace(",", "") + (cents == null ? "" : "." + cents);
        String currency = CURRENCY.getOrDefault(unit, unit.toUpperCase(Locale.ROOT));
        return new Entity("money", m.group(), new BigDecimal(amount).toPlainString() + " " + currency, m.start(),
                m.end());
    }

    private Entity relativeDate(Matcher m) {
        LocalDate today = LocalDate.now(clock);
        LocalDate d;
        if (m.group(1) != null) {
            d = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "tomorrow" -> today.plusDays(1);
                case "yesterday" -> today.minusDays(1);
                case "day after tomorrow" -> today.plusDays(2);
                default -> today;
            };
        } else if (m.group(3) != null) {
            DayOfWeek dow = DayOfWeek.valueOf(m.group(3).toUpperCase(Locale.ROOT));
            String mod = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            d = switch (mod) {
                // "next Friday": the Friday after the coming one when said early in the week is ambiguous; we take
                // the first Friday strictly after today, the reading most calendars use.
                case "next", "coming", "" -> today.with(TemporalAdjusters.next(dow));
                case "last" -> today.with(TemporalAdjusters.previous(dow));
                default -> today.with(TemporalAdjusters.nextOrSame(dow)); // "this Friday"
            };
        } else if (m.group(4) != null) {
            int n = Integer.parseInt(m.group(4));
            d = m.group(5).toLowerCase(Locale.ROOT).startsWith("week") ? today.plusWeeks(n) : today.plusDays(n);
        } else {
            Month month = month(m.group(6));
            int day = Integer.parseInt(m.group(7));
            try {
                int year = m.group(8) != null ? Integer.parseInt(m.group(8)) : today.getYear();
                d = LocalDate.of(year, month, day);
                if (m.group(8) == null && d.isBefore(today.minusMonths(6))) {
                    d = d.plusYears(1); // "January 5" said in December means the coming one
                }
            } catch (RuntimeException invalid) {
                return null;
            }
        }
        return new Entity("date", m.group(), d.toString(), m.start(), m.end());
    }

    private static Month month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Month mo : Month.values()) {
            String full = mo.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.startsWith(n.substring(0, 3))) {
                return mo;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private void gazetteers(String t, boolean[] taken, List<Entity> out) {
        if (gazetteer.isEmpty()) {
            return;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.length() != t.length()) {
            lower = lowerSameLength(t); // keep offsets valid (a few characters change length when lower-cased)
        }
        int i = 0;
        while (i < lower.length() && out.size() < MAX_ENTITIES * 2) {
            List<Form> candidates = gazetteer.get(lower.charAt(i));
            boolean atBoundary = i == 0 || !isWordChar(lower.charAt(i - 1)) || isCjk(lower.charAt(i));
            Form hit = null;
            if (candidates != null && atBoundary && !taken[i]) {
                for (Form f : candidates) {
                    int end = i + f.lower().length();
                    if (lower.startsWith(f.lower(), i)
                            && (end == lower.length() || !isWordChar(lower.charAt(end)) || isCjk(lower.charAt(end - 1)))
                            && free(taken, i, end)) {
                        hit = f;
                        break;
                    }
                }
            }
            if (hit != null) {
                int end = i + hit.lower().length();
                out.add(new Entity(hit.type(), t.substring(i, end), hit.value(), i, end));
                mark(taken, i, end);
                i = end;
            } else {
                i++;
            }
        }
    }

    private static String lowerSameLength(String t) {
        char[] c = t.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(c[i]);
        }
        return new String(c);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isCjk(char c) {
        return TextFeaturizer.isIdeographic(c);
    }
}
