package io.github.aifilters.filters.routes.internal;

import java.util.Locale;

/**
 * Text helpers for comparing path segments: normal forms that erase case, {@code _}/{@code -}/{@code .} and camelCase
 * differences, a light English plural stemmer, and optimal string alignment distance (Damerau-Levenshtein with
 * adjacent transpositions) with an early cut-off.
 */
final class SegmentText {

    private SegmentText() {
    }

    /** Lower-case letters and digits only: {@code creditGrants}, {@code credit_grants}, {@code Credit-Grants} agree. */
    static String norm(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * A light plural stemmer on a {@link #norm normal form}: {@code categories -> category}, {@code boxes -> box},
     * {@code users -> user}, {@code people -> person}. Words ending in {@code ss}/{@code us}/{@code is} are kept.
     */
    static String stem(String n) {
        int len = n.length();
        if (len <= 3) {
            return n;
        }
        switch (n) {
            case "people":
                return "person";
            case "children":
                return "child";
            case "men":
                return "man";
            case "indices":
                return "index";
            case "data":
                return "datum";
            default:
                break;
        }
        if (n.endsWith("ies") && len > 4) {
            return n.substring(0, len - 3) + "y";
        }
        if (n.endsWith("sses") || n.endsWith("xes") || n.endsWith("ches") || n.endsWith("shes")
                || n.endsWith("zes")) {
            return n.substring(0, len - 2);
        }
        if (n.endsWith("s") && !n.endsWith("ss") && !n.endsWith("us") && !n.endsWith("is")) {
            return n.substring(0, len - 1);
        }
        return n;
    }

    /** {@code v1}, {@code v2}, {@code V10}, {@code v1beta}, {@code v2alpha1}. */
    static boolean isVersion(String s) {
        int len = s.length();
        if (len < 2 || len > 12 || (s.charAt(0) != 'v' && s.charAt(0) != 'V') || !Character.isDigit(s.charAt(1))) {
            return false;
        }
        for (int i = 2; i < len; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Optimal string alignment distance, or {@code max + 1} as soon as it must exceed {@code max}.
     */
    static int osa(String a, String b, int max) {
        return osa(a.toCharArray(), b.toCharArray(), max);
    }

    /** {@link #osa(String, String, int)} on character arrays (the matcher keeps its words as arrays). */
    static int osa(char[] a, char[] b, int max) {
        return osa(a, b, max, null);
    }

    /** As {@link #osa(char[], char[], int)}, with three rows of work space ({@code 3 * (b.length + 1)}) reused. */
    static int osa(char[] a, char[] b, int max, int[][] rows) {
        int n = a.length;
        int m = b.length;
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        if (n == 0 || m == 0) {
            return Math.max(n, m);
        }
        boolean reuse = rows != null && rows[0].length > m;
        int[] prev2 = reuse ? rows[0] : new int[m + 1];
        int[] prev = reuse ? rows[1] : new int[m + 1];
        int[] cur = reuse ? rows[2] : new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        int prevRowMin = 0;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = i;
            char ca = a[i - 1];
            for (int j = 1; j <= m; j++) {
                char cb = b[j - 1];
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            // a transposition reaches back two rows, so both rows must exceed the cut-off
            if (rowMin > max && prevRowMin > max) {
                return max + 1;
            }
            prevRowMin = rowMin;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
