package io.github.aifilters.benchmarks;

import io.github.aifilters.filters.internal.FiltersTestSupport;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSource;
import io.github.aifilters.filters.routes.internal.RouteMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic synthetic API (GitHub-, Twilio- and Stripe-like shapes: version prefixes, nested resources,
 * snake_case, camelCase, kebab-case and PascalCase names, actions) and mistaken requests against it, with kinds the
 * Stripe dev data does not have: missing or extra segments, swapped segments, wrong method, missing version.
 */
final class RouteSynthetic {

    /** One mistaken request and the route it was made from. */
    record Query(String method, String path, String expected, String kind) {
    }

    private static final String[] WORDS = {"account", "address", "alert", "application", "approval", "asset",
        "attachment", "audit_log", "balance", "batch", "billing_plan", "branch", "build", "calendar", "call",
        "campaign", "card", "category", "certificate", "channel", "charge", "check_run", "checkout_session", "client",
        "collaborator", "comment", "commit", "conference", "connection", "contact", "contract", "conversation",
        "coupon", "credential", "credit_note", "customer", "dashboard", "deployment", "device", "discount", "dispute",
        "document", "domain", "download", "draft", "event", "export", "feature_flag", "file", "fleet", "folder",
        "fork", "gist", "group", "hook", "identity", "import", "incident", "installation", "invitation", "invoice",
        "issue", "job", "key", "label", "license", "line_item", "list", "location", "log", "mandate", "media",
        "meeting", "member", "message", "meter", "milestone", "notification", "order", "organization", "package",
        "page", "participant", "payment", "payout", "permission", "phone_number", "pipeline", "plan", "policy",
        "price", "product", "project", "promotion_code", "pull_request", "queue", "quote", "reaction", "reader",
        "recording", "refund", "release", "reminder", "report", "repository", "request", "review", "role", "room",
        "rule", "run", "schedule", "secret", "segment", "session", "setting", "shipment", "signature", "snapshot",
        "source", "subscription", "tag", "task", "team", "template", "ticket", "token", "topic", "transaction",
        "transcription", "transfer", "trigger", "usage_record", "user", "variable", "verification", "video",
        "volume", "wallet", "webhook", "workflow", "workspace"};
    private static final String[] ACTIONS = {"cancel", "confirm", "capture", "close", "reopen", "archive", "approve",
        "publish", "search", "merge", "lock", "verify", "refresh", "retry", "finalize", "void"};
    private static final String[] PREFIXES = {"/v1", "/v2", "/api", "/api/v3", "", "/2010-04-01"};
    private static final String[] WORD_IDS = {"octocat", "main", "acme-corp", "hello-world", "default", "primary"};

    private final Random random;

    RouteSynthetic(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} distinct routes. */
    List<Route> catalog(int n) {
        Map<String, Route> out = new LinkedHashMap<>();
        int style = 0;
        while (out.size() < n) {
            String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
            int depth = 1 + random.nextInt(3);
            StringBuilder path = new StringBuilder(prefix);
            style = random.nextInt(4);
            for (int d = 0; d < depth; d++) {
                String word = styled(plural(WORDS[random.nextInt(WORDS.length)]), style);
                path.append('/').append(word);
                if (d < depth - 1 || random.nextInt(3) > 0) {
                    path.append("/{").append(style == 1 ? "id" + d : "id").append('}');
                }
            }
            String method;
            if (path.toString().endsWith("}") && random.nextInt(4) == 0) {
                path.append('/').append(ACTIONS[random.nextInt(ACTIONS.length)]);
                method = "POST";
            } else {
                method = new String[] {"GET", "GET", "POST", "DELETE", "PATCH", "PUT"}[random.nextInt(6)];
            }
            Route r = new Route(method, path.toString(), RouteSource.DECLARED);
            out.putIfAbsent(r.display(), r);
        }
        return new ArrayList<>(out.values());
    }

    List<Query> queries(List<Route> catalog, int n) {
        String[] kinds = {"typo", "plural", "case", "trailing-slash", "wrong-version", "missing-segment",
            "extra-segment", "swapped", "wrong-method", "camel-case", "missing-version", "double-slash", "typo2"};
        List<Query> out = new ArrayList<>(n);
        // a mistaken request that some route serves exactly is no mistake (POST /issues where both GET and POST
        // exist, a missing segment that leaves another route's path): such requests are not generated
        RouteMatcher index = FiltersTestSupport.routeMatcher(catalog);
        // a kind that a catalog cannot produce (no version segment anywhere) is dropped, not retried forever
        java.util.Set<String> dead = new java.util.HashSet<>();
        int skip = 0;
        int failures = 0;
        int guard = 0;
        while (out.size() < n && guard++ < n * 20 && dead.size() < kinds.length) {
            Route r = catalog.get(random.nextInt(catalog.size()));
            String kind = kinds[(out.size() + skip) % kinds.length];
            if (dead.contains(kind)) {
                skip++;
                continue;
            }
            if (++failures > 200) {
                dead.add(kind);
                failures = 0;
                continue;
            }
            List<String> segs = new ArrayList<>();
            for (String s : r.template().split("/")) {
                if (!s.isEmpty()) {
                    segs.add(Route.isParam(s) ? idValue() : s);
                }
            }
            String method = r.method();
            List<Integer> statics = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                String t = r.template().split("/")[i + 1];
                if (!Route.isParam(t) && !t.matches("v\\d+|api|\\d{4}-\\d\\d-\\d\\d")) {
                    statics.add(i);
                }
            }
            if (statics.isEmpty()) {
                continue;
            }
            int at = statics.get(random.nextInt(statics.size()));
            String trailing = "";
            switch (kind) {
                case "typo" -> segs.set(at, typo(segs.get(at)));
                case "typo2" -> {
                    // two independent typos in one segment: only words long enough to stay recognisable
                    String s = segs.get(at);
                    if (s.length() < 6) {
                        continue;
                    }
                    String twice = typo(typo(s));
                    if (twice.equals(s)) {
                        continue;
                    }
                    segs.set(at, twice);
                }
                case "plural" -> segs.set(at, flipPlural(segs.get(at)));
                case "case" -> segs.set(at, random.nextBoolean() ? segs.get(at).toUpperCase(Locale.ROOT)
                        : Character.toUpperCase(segs.get(at).charAt(0)) + segs.get(at).substring(1));
                case "trailing-slash" -> trailing = "/";
                case "wrong-version" -> {
                    int v = versionIndex(segs);
                    if (v < 0) {
                        continue;
                    }
                    segs.set(v, segs.get(v).equals("v1") ? "v2" : "v1");
                }
                case "missing-version" -> {
                    int v = versionIndex(segs);
                    if (v < 0) {
                        continue;
                    }
                    segs.remove(v);
                }
                case "missing-segment" -> {
                    if (segs.size() < 3) {
                        continue;
                    }
                    segs.remove(at);
                }
                case "extra-segment" -> segs.add(random.nextBoolean() ? "details" : idValue());
                case "swapped" -> {
                    if (at + 1 >= segs.size()) {
                        continue;
                    }
                    String a = segs.get(at);
                    segs.set(at, segs.get(at + 1));
                    segs.set(at + 1, a);
                }
                case "wrong-method" -> method = method.equals("GET") ? "POST" : "GET";
                case "camel-case" -> {
                    String s = segs.get(at);
                    String changed = s.contains("_") ? styled(s, 1) : s.matches(".*[a-z][A-Z].*")
                            ? s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT) : s.replace('_', '-');
                    if (changed.equals(s)) {
                        continue;
                    }
                    segs.set(at, changed);
                }
                case "double-slash" -> segs.set(at, "/" + segs.get(at));
                default -> {
                }
            }
            String path = "/" + String.join("/", segs) + trailing;
            if (index.exactMatch(method, path).isPresent()) {
                continue;
            }
            failures = 0;
            out.add(new Query(method, path, r.display(), kind));
        }
        return out;
    }

    private static int versionIndex(List<String> segs) {
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).matches("v\\d+")) {
                return i;
            }
        }
        return -1;
    }

    private String idValue() {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(1 + random.nextInt(99_999));
            case 1 -> UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes()).toString();
            case 2 -> "cus_" + Long.toString(Math.abs(random.nextLong()), 36);
            case 3 -> WORD_IDS[random.nextInt(WORD_IDS.length)];
            default -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        };
    }

    private String typo(String s) {
        if (s.length() < 3) {
            return s + "x";
        }
        int i = 1 + random.nextInt(s.length() - 2);
        return switch (random.nextInt(4)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            case 2 -> s.substring(0, i) + (char) ('a' + random.nextInt(26)) + s.substring(i + 1);
            default -> s.substring(0, i) + (char) ('a' + random.nextInt(26)) + s.substring(i);
        };
    }

    private static String plural(String w) {
        if (w.endsWith("y") && !w.endsWith("ay") && !w.endsWith("ey")) {
            return w.substring(0, w.length() - 1) + "ies";
        }
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("ch") || w.endsWith("sh")) {
            return w + "es";
        }
        return w + "s";
    }

    private static String flipPlural(String w) {
        if (w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("es") && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s")) {
            return w.substring(0, w.length() - 1);
        }
        return w + "s";
    }

    private static String styled(String snake, int style) {
        return switch (style) {
            case 1 -> camel(snake, false);
            case 2 -> snake.replace('_', '-');
            case 3 -> camel(snake, true);
            default -> snake;
        };
    }

    private static String camel(String snake, boolean pascal) {
        StringBuilder b = new StringBuilder();
        boolean up = pascal;
        for (char c : snake.toCharArray()) {
            if (c == '_' || c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
