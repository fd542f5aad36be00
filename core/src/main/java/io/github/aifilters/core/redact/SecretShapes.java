package io.github.aifilters.core.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret shapes {@link DefaultRedactor} recognises by their form alone, whatever surrounds them: provider tokens
 * with a fixed prefix (the formats secret scanners such as gitleaks, trufflehog and GitHub secret scanning look for),
 * JWTs, PEM private keys, credentials inside URLs and {@code Bearer}/{@code Basic} values.
 *
 * <p>Each shape names the literal anchors one of which every match contains. {@link #scan} looks for all anchors in
 * one allocation-free pass and answers which shapes can match at all, so clean text (the common case) runs no regex.
 * Every pattern is linear-time: no nested unbounded quantifiers, and "does this look like a credential" checks are
 * done in code on the match rather than with backtracking look-aheads.
 *
 * <p>The corpus {@code core/src/test/resources/redaction/secrets.txt} holds at least one example of every shape and
 * {@code near-misses.txt} the look-alikes each shape must leave alone; a new shape goes in with examples in both.
 */
final class SecretShapes {

    /** A shape: anchors (literal, case-sensitive unless {@code ignoreCase}), a pattern, a test on the secret part. */
    record Shape(String id, List<String> anchors, boolean ignoreCase, Pattern pattern, Predicate<String> accept) {

        /**
         * The part of a match to mask: the named group {@code secret} when the pattern has one (the scheme, user
         * name or keyword around it stays readable), else the whole match.
         */
        String secretOf(Matcher m) {
            return hasSecretGroup() ? m.group("secret") : m.group();
        }

        boolean hasSecretGroup() {
            return pattern.pattern().contains("(?<secret>");
        }
    }

    private static final Predicate<String> ANY = v -> true;

    /** In the order they are applied: multi-line and structured shapes first, so later ones see the mask. */
    static final List<Shape> SHAPES = List.of(
            shape("pem-private-key", List.of("-----BEGIN"),
                    "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY"
                            + "(?: BLOCK)?-----|$)"),
            // scheme://user:password@host — the password only; user and host stay for the reader. The password
            // runs to the last '@' before the path, so an unencoded '@' inside it is covered.
            shape("url-credentials", List.of("://"),
                    "\\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\\s/?#@:\"'<>]*+:(?<secret>[^\\s/?#\"'<>]+)@"),
            shape("slack-webhook", List.of("hooks.slack.com"),
                    "hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_-]{20,}+)"),
            shape("discord-webhook", List.of("/api/webhooks/"),
                    "/api/webhooks/\\d{5,}+/(?<secret>[A-Za-z0-9_-]{30,}+)"),
            shape("jwt", List.of("eyJ"), "\\beyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]{5,}+"),
            // sk-…/sk_live_…/pk_…/rk_… (OpenAI, Anthropic sk-ant-, Stripe): the body must have a digit or a long
            // separator-free run, so a constraint name such as pk_order_items_by_customer stays.
            new Shape("prefixed-key", List.of("sk-", "sk_", "pk-", "pk_", "rk-", "rk_"), false,
                    Pattern.compile("\\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{16,}+"), SecretShapes::keyLike),
            shape("aws-access-key-id", List.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA",
                    "ANPA", "ANVA", "APKA"), "\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)"
                    + "[0-9A-Z]{16}\\b"),
            shape("google-api-key", List.of("AIza"), "\\bAIza[0-9A-Za-z_-]{30,}+"),
            shape("google-oauth", List.of("GOCSPX-", "ya29."), "\\bGOCSPX-[A-Za-z0-9_-]{20,}+|\\bya29\\.[A-Za-z0-9_-]{20,}+"),
            shape("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    "\\bgh[pousr]_[A-Za-z0-9]{30,}+|\\bgithub_pat_[A-Za-z0-9_]{22,}+"),
            shape("gitlab-token", List.of("glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glcbt-"),
                    "\\bgl(?:pat|dt|rt|ptt|soat|cbt)-[A-Za-z0-9_-]{20,}+"),
            shape("slack-token", List.of("xox", "xapp-"), "\\bxox[abposre]-[A-Za-z0-9-]{10,}+|\\bxapp-\\d-[A-Za-z0-9-]{10,}+"),
            shape("stripe-webhook-secret", List.of("whsec_"), "\\bwhsec_[A-Za-z0-9]{24,}+"),
            shape("twilio-api-key", List.of("SK"), "\\bSK[0-9a-fA-F]{32}\\b"),
            shape("sendgrid-api-key", List.of("SG."), "\\bSG\\.[A-Za-z0-9_-]{16,}+\\.[A-Za-z0-9_-]{16,}+"),
            shape("npm-token", List.of("npm_"), "\\bnpm_[A-Za-z0-9]{36}\\b"),
            shape("pypi-token", List.of("pypi-"), "\\bpypi-[A-Za-z0-9_-]{50,}+"),
            shape("shopify-token", List.of("shpat_", "shpca_", "shppa_", "shpss_"), "\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\\b"),
            shape("heroku-api-key", List.of("HRKU-"), "\\bHRKU-[A-Za-z0-9_-]{20,}+"),
            shape("mailgun-api-key", List.of("key-"), "\\bkey-[0-9a-zA-Z]{32}\\b"),
            shape("digitalocean-token", List.of("dop_v1_", "doo_v1_", "dor_v1_"), "\\bdo[opr]_v1_[a-f0-9]{64}\\b"),
            shape("huggingface-token", List.of("hf_"), "\\bhf_[A-Za-z0-9]{30,}+"),
            shape("databricks-token", List.of("dapi"), "\\bdapi[a-f0-9]{32}(?:-\\d)?\\b"),
            shape("docker-hub-token", List.of("dckr_pat_"), "\\bdckr_pat_[A-Za-z0-9_-]{20,}+"),
            shape("hashicorp-vault-token", List.of("hvs.", "hvb."), "\\bhv[sb]\\.[A-Za-z0-9_-]{24,}+"),
            shape("postman-api-key", List.of("PMAK-"), "\\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\\b"),
            shape("new-relic-key", List.of("NRAK-"), "\\bNRAK-[A-Z0-9]{27}\\b"),
            shape("grafana-token", List.of("glsa_", "glc_"), "\\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\\b|\\bglc_[A-Za-z0-9+/]{32,}+={0,2}"),
            shape("sentry-token", List.of("sntrys_", "sntryu_"), "\\bsntry[su]_[A-Za-z0-9+/=_-]{30,}+"),
            shape("linear-api-key", List.of("lin_api_"), "\\blin_api_[A-Za-z0-9]{40}\\b"),
            shape("atlassian-api-token", List.of("ATATT3"), "\\bATATT3[A-Za-z0-9_=-]{50,}+"),
            shape("square-token", List.of("sq0atp-", "sq0csp-", "EAAA"), "\\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,}+|\\bEAAA[A-Za-z0-9_-]{60}\\b"),
            shape("notion-token", List.of("ntn_", "secret_"), "\\bntn_[A-Za-z0-9]{40,}+|\\bsecret_[A-Za-z0-9]{43}\\b"),
            shape("figma-token", List.of("figd_"), "\\bfigd_[A-Za-z0-9_-]{40,}+"),
            shape("age-secret-key", List.of("AGE-SECRET-KEY-1"), "\\bAGE-SECRET-KEY-1[0-9A-Z]{58}\\b"),
            // Azure AD client secrets: three characters, a digit, "Q~", then 31–34 more.
            shape("azure-client-secret", List.of("Q~"), "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}+"),
            // "Bearer x", "Basic x", "token x": the value is masked only when it looks like a credential (a digit or
            // mixed case), so "the token expired" and "basic understanding" stay readable.
            new Shape("auth-scheme", List.of("bearer", "basic", "token"), true, Pattern.compile(
                    "(?i)\\b(?:bearer|basic|token)(?:\\s++|\\s*+[:=]\\s*+)(?<secret>[A-Za-z0-9._~+/=-]{8,}+)"),
                    SecretShapes::secretish));

    private SecretShapes() {
    }

    private static Shape shape(String id, List<String> anchors, String regex) {
        return new Shape(id, anchors, false, Pattern.compile(regex), ANY);
    }

    /**
     * Bit {@code i} set when shape {@code i} of {@link #SHAPES} may match {@code s} (one of its anchors occurs),
     * found in one pass over the text without allocating. Anchors are looked up by their first two characters, so
     * at most positions the pass costs one array read.
     */
    static long scan(String s) {
        long found = 0L;
        int n = s.length();
        char c = n == 0 ? 0 : s.charAt(0);
        for (int i = 0; i < n - 1; i++) {
            char d = s.charAt(i + 1);
            Anchor[] candidates = c < 128 && d < 128 ? ANCHORS_BY_PAIR[c << 7 | d] : null;
            if (candidates != null) {
                for (Anchor a : candidates) {
                    if ((found & a.bit) == 0 && s.regionMatches(a.ignoreCase, i, a.text, 0, a.text.length())) {
                        found |= a.bit;
                    }
                }
            }
            c = d;
        }
        return found;
    }

    /** Applies every shape whose bit is set in {@code candidates}. */
    static String apply(String text, long candidates, String mask) {
        String s = text;
        for (int i = 0; i < SHAPES.size(); i++) {
            if ((candidates & (1L << i)) != 0) {
                s = mask(SHAPES.get(i), s, mask);
            }
        }
        return s;
    }

    private static String mask(Shape shape, String s, String mask) {
        Matcher m = shape.pattern().matcher(s);
        StringBuilder out = null;
        int last = 0;
        boolean group = shape.hasSecretGroup();
        while (m.find()) {
            String secret = shape.secretOf(m);
            if (!shape.accept().test(secret)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            int start = group ? m.start("secret") : m.start();
            int end = group ? m.end("secret") : m.end();
            out.append(s, last, start).append(mask);
            last = end;
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    private record Anchor(String text, boolean ignoreCase, long bit) {
    }

    /**
     * Anchors by their first two characters ({@code c0 << 7 | c1}; every case combination for a case-insensitive
     * anchor). Anchors are ASCII and at least two characters long.
     */
    private static final Anchor[][] ANCHORS_BY_PAIR = anchorTable();

    private static Anchor[][] anchorTable() {
        if (SHAPES.size() > Long.SIZE) {
            throw new IllegalStateException("more shapes than bits in a long");
        }
        Map<Integer, List<Anchor>> byPair = new HashMap<>();
        for (int i = 0; i < SHAPES.size(); i++) {
            Shape shape = SHAPES.get(i);
            for (String text : shape.anchors()) {
                Anchor a = new Anchor(text, shape.ignoreCase(), 1L << i);
                for (char c0 : cases(text.charAt(0), shape.ignoreCase())) {
                    for (char c1 : cases(text.charAt(1), shape.ignoreCase())) {
                        byPair.computeIfAbsent(c0 << 7 | c1, k -> new ArrayList<>()).add(a);
                    }
                }
            }
        }
        Anchor[][] table = new Anchor[128 * 128][];
        byPair.forEach((pair, anchors) -> table[pair] = anchors.toArray(Anchor[]::new));
        return table;
    }

    private static Set<Character> cases(char c, boolean ignoreCase) {
        if (c >= 128) {
            throw new IllegalStateException("anchors are ASCII");
        }
        return ignoreCase ? Set.copyOf(List.of(Character.toLowerCase(c), Character.toUpperCase(c))) : Set.of(c);
    }

    /**
     * A prefixed key ({@code sk-…}) rather than a snake-case identifier ({@code pk_order_customer_id}): it has a
     * digit, or a run of 16+ letters and digits with no separator, which no identifier made of words has.
     */
    static boolean keyLike(String v) {
        if (hasDigit(v)) {
            return true;
        }
        int run = 0;
        for (int i = 3; i < v.length(); i++) {
            char c = v.charAt(i);
            run = c == '-' || c == '_' ? 0 : run + 1;
            if (run >= 16) {
                return true;
            }
        }
        return false;
    }

    /** Looks like a credential rather than a word: has a digit, or both lower and upper case letters. */
    static boolean secretish(String v) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        return lower && upper;
    }

    private static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
