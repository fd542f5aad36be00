package io.github.aifilters.filters.routes.internal;

import io.github.aifilters.core.internal.RouteTemplater;
import io.github.aifilters.filters.routes.Route;
import io.github.aifilters.filters.routes.RouteSuggestion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable index of route templates and the "did you mean" lookup over it. Usable without a servlet container
 * (the benchmark drives it directly); the filter swaps whole instances when its catalog changes, so lookups take no
 * lock.
 *
 * <p>Matching works on segments, not characters: the request path and each template are split on {@code /} (so a
 * trailing or doubled slash costs nothing) and aligned by a small dynamic programme whose moves are
 * <ul>
 *   <li>compare a request segment with a template segment: a static segment costs 0 when equal, a little for case,
 *       {@code _}/{@code -}/camelCase or singular/plural differences, and more with each edit (optimal string
 *       alignment, so a transposition is one edit); a parameter segment accepts any value, cheapest when the value
 *       looks like an id (number, UUID, hex, prefixed id) and dearest when it is a known static word of the catalog;
 *       two version segments ({@code v1}/{@code v2}) differ cheaply;</li>
 *   <li>skip an extra request segment, or a template segment missing from the request (a version prefix is cheap);</li>
 *   <li>swap two adjacent segments.</li>
 * </ul>
 * A route of another method costs {@link #METHOD_COST} more, so the same method wins unless only another method
 * fits. The score is {@code exp(-cost / max(1, sqrt(n / 2)))} for a request of {@code n} segments: in [0,1], 1 for
 * an exact match, and a longer path tolerates a little more.
 *
 * <p>Lookups are bounded: candidates come from an inverted index of the request's near segments (rarest first),
 * capped by {@link Options#maxCandidates()}, templates more than two segments longer or shorter are skipped, each
 * alignment stops as soon as it cannot beat the current top results, and the whole lookup stops at
 * {@link Options#budgetNanos()}.
 */
public final class RouteMatcher {

    /** Extra cost of a route whose method differs from the request's. */
    public static final double METHOD_COST = 0.55;
    static final double FAR = 1.0;
    static final double SWAP = 0.3;
    /** A parameter swapped with a static segment reads as well as "a segment missing here, an extra one there". */
    static final double SWAP_PARAM = 0.5;
    static final double VERSION_SWAP = 0.3;
    static final double EXTRA_VERSION = 0.35;
    static final double EXTRA_ID = 0.6;
    static final double EXTRA_WORD = 0.7;
    static final double MISSING_VERSION = 0.35;
    static final double MISSING_PARAM = 0.45;
    /**
     * A static segment the request lacks. Chosen by leave-one-catalog-out cross-validation over nine public API
     * catalogs and the synthetic one (grid 0.5/0.6/0.7): 0.6 won every fold on overall top-1; 0.7 ranked "an extra
     * id" above "a missing word" too often, 0.5 starts to prefer dropping a word over an extra segment.
     */
    static final double MISSING_STATIC = 0.6;
    /** Near tokens at most this far seed the candidate set. */
    static final double SEED_MAX = 0.65;
    /** Candidates costing more than the best plus this are not worth ranking. */
    static final double WINDOW = 1.0;
    static final int MAX_SEGMENT_CHARS = 96;
    /** Distinct request words whose analysis is kept; the cache is emptied when full (bounded, no LRU needed). */
    static final int SEGMENT_CACHE_MAX = 4096;
    static final int SCRATCH_SLOTS = 8;

    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._~@:+\\-]{1,64}");

    /**
     * Lookup limits.
     *
     * @param maxCandidates templates aligned per lookup at most
     * @param budgetNanos wall-clock budget of one lookup; the best found so far is returned when it runs out
     * @param maxSegments requests with more segments are not matched at all
     */
    public record Options(int maxCandidates, long budgetNanos, int maxSegments) {
        public static Options defaults() {
            return new Options(64, 2_000_000L, 24);
        }
    }

    private final Options options;
    private final RouteTemplater templater;
    private final List<Route> routes;
    private final Tpl[] tpls;
    private final int[] tplLen;
    private final int longestWord;
    private final int[][] bySegmentCount;
    // interned static segments ("tokens")
    private final String[] tokRaw;
    private final String[] tokLower;
    private final String[] tokNorm;
    private final String[] tokStem;
    private final char[][] tokNormChars;
    private final char[][] tokStemChars;
    private final boolean[] tokVersion;
    private final int[][] tokTemplates;
    private final int[] versionTokens;
    private final Map<String, Integer> tokByRaw;
    private final Map<String, int[]> tokByLower;
    private final Map<Integer, int[]> tokByBigram;
    private final int[] tokBigramCount;
    private final double[] tokIdf;
    private final int[] weakTemplates;
    private final java.util.concurrent.ConcurrentHashMap<String, SegInfo> segmentCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Pooled work buffers: slots taken and returned with atomic swaps, so lookups stay lock-free. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Scratch> scratchPool =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(SCRATCH_SLOTS);

    private static final class Tpl {
        final Route route;
        final String[] segs;
        final int[] tok;
        final double[] missing;
        final int staticCount;
        /** Distinct static words (versions aside): each one no request segment is near costs at least SEED_MAX. */
        int distinctWords;

        Tpl(Route route, String[] segs, int[] tok, double[] missing, int staticCount) {
            this.route = route;
            this.segs = segs;
            this.tok = tok;
            this.missing = missing;
            this.staticCount = staticCount;
        }
    }

    /**
     * Working arrays of one lookup, pooled: a lookup on a 1,000-route catalog would otherwise allocate tens of
     * kilobytes, and the garbage shows up as long pauses on a busy machine.
     */
    private static final class Scratch {
        final float[][] costs;
        final int[] shared;
        final int[] touchedTokens;
        final int[] nearBuf;
        final float[] acc;
        final int[] touchedTemplates;
        final int[] hits;
        final int[][] osaRows;
        int touchedCount;
        final long[] keyed;
        final double[] dp;

        Scratch(int tokens, int templates, int maxSegments, int longestWord) {
            costs = new float[maxSegments][tokens];
            shared = new int[tokens];
            touchedTokens = new int[tokens];
            nearBuf = new int[tokens];
            acc = new float[templates];
            touchedTemplates = new int[templates];
            hits = new int[templates];
            osaRows = new int[3][longestWord + 2];
            keyed = new long[templates];
            dp = new double[(maxSegments + 1) * (maxSegments + 3)];
        }
    }

    /** Per-lookup view of one request segment. */
    private static final class QSeg {
        final String raw;
        final boolean version;
        final double extra;
        double param;
        float[] costs;
        int[] near = new int[0];

        QSeg(String raw, boolean version, double extra) {
            this.raw = raw;
            this.version = version;
            this.extra = extra;
        }
    }

    public RouteMatcher(Collection<Route> routes) {
        this(routes, Options.defaults(), new RouteTemplater());
    }

    public RouteMatcher(Collection<Route> routes, Options options, RouteTemplater templater) {
        this.options = options;
        this.templater = templater;
        Map<String, Route> unique = new LinkedHashMap<>();
        for (Route r : routes) {
            unique.putIfAbsent(r.method() + " " + r.template(), r);
        }
        this.routes = List.copyOf(unique.values());
        Map<String, Integer> tokIds = new HashMap<>();
        List<String> raws = new ArrayList<>();
        List<List<Integer>> postings = new ArrayList<>();
        tpls = new Tpl[this.routes.size()];
        tplLen = new int[tpls.length];
        Map<Integer, List<Integer>> bySize = new HashMap<>();
        List<Integer> weak = new ArrayList<>();
        for (int t = 0; t < tpls.length; t++) {
            Route route = this.routes.get(t);
            String[] segs = split(route.template());
            int[] tok = new int[segs.length];
            double[] missing = new double[segs.length];
            int statics = 0;
            boolean discriminating = false;
            for (int s = 0; s < segs.length; s++) {
                if (Route.isParam(segs[s])) {
                    tok[s] = -1;
                    missing[s] = MISSING_PARAM;
                    continue;
                }
                statics++;
                Integer id = tokIds.get(segs[s]);
                if (id == null) {
                    id = raws.size();
                    tokIds.put(segs[s], id);
                    raws.add(segs[s]);
                    postings.add(new ArrayList<>());
                }
                tok[s] = id;
                List<Integer> p = postings.get(id);
                if (p.isEmpty() || p.get(p.size() - 1) != t) {
                    p.add(t);
                }
                boolean version = SegmentText.isVersion(segs[s]);
                missing[s] = version ? MISSING_VERSION : MISSING_STATIC;
                discriminating |= !version;
            }
            tpls[t] = new Tpl(route, segs, tok, missing, statics);
            tplLen[t] = segs.length;
            bySize.computeIfAbsent(segs.length, k -> new ArrayList<>()).add(t);
            if (!discriminating) {
                weak.add(t);
            }
        }
        int v = raws.size();
        tokRaw = raws.toArray(new String[0]);
        tokLower = new String[v];
        tokNorm = new String[v];
        tokStem = new String[v];
        tokNormChars = new char[v][];
        tokStemChars = new char[v][];
        tokVersion = new boolean[v];
        tokTemplates = new int[v][];
        tokBigramCount = new int[v];
        tokIdf = new double[v];
        tokByRaw = Map.copyOf(tokIds);
        Map<String, List<Integer>> byLower = new HashMap<>();
        Map<Integer, List<Integer>> byBigram = new HashMap<>();
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            tokLower[i] = SegmentText.lower(tokRaw[i]);
            tokNorm[i] = SegmentText.norm(tokRaw[i]);
            tokStem[i] = SegmentText.stem(tokNorm[i]);
            tokNormChars[i] = tokNorm[i].toCharArray();
            tokStemChars[i] = tokStem[i].toCharArray();
            tokVersion[i] = SegmentText.isVersion(tokRaw[i]);
            tokTemplates[i] = postings.get(i).stream().mapToInt(Integer::intValue).toArray();
            tokIdf[i] = Math.log(1.0 + (double) tpls.length / tokTemplates[i].length);
            byLower.computeIfAbsent(tokLower[i], k -> new ArrayList<>()).add(i);
            if (tokVersion[i]) {
                versions.add(i);
            }
            int[] grams = bigrams(tokNorm[i]);
            tokBigramCount[i] = grams.length;
            for (int g : grams) {
                byBigram.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        tokByLower = toArrays(byLower);
        tokByBigram = toArrays(byBigram);
        versionTokens = versions.stream().mapToInt(Integer::intValue).toArray();
        longestWord = Arrays.stream(tokNorm).mapToInt(String::length).max().orElse(0);
        for (Tpl tpl : tpls) {
            tpl.distinctWords = (int) Arrays.stream(tpl.tok).filter(x -> x >= 0 && !tokVersion[x]).distinct().count();
        }
        weakTemplates = weak.stream().mapToInt(Integer::intValue).toArray();
        int maxSize = bySize.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        bySegmentCount = new int[maxSize + 1][];
        for (int s = 0; s <= maxSize; s++) {
            bySegmentCount[s] = bySize.getOrDefault(s, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static <K> Map<K, int[]> toArrays(Map<K, List<Integer>> in) {
        Map<K, int[]> out = new HashMap<>(in.size() * 2);
        in.forEach((k, list) -> out.put(k, list.stream().mapToInt(Integer::intValue).distinct().toArray()));
        return out;
    }

    /** The routes of this index, in catalog order, without duplicates. */
    public List<Route> routes() {
        return routes;
    }

    public int size() {
        return routes.size();
    }

    /**
     * The routes that serve this path exactly (static segments equal, parameters filled, no trailing or doubled
     * slash), whatever their method.
     */
    public List<Route> exactMatches(String path) {
        String clean = stripQuery(path);
        if (clean.length() > 1 && (clean.endsWith("/") || clean.contains("//"))) {
            return List.of();
        }
        String[] q = split(clean);
        if (q.length >= bySegmentCount.length) {
            return List.of();
        }
        List<Route> out = new ArrayList<>(2);
        for (int t : bySegmentCount[q.length]) {
            if (matchesExactly(tpls[t], q)) {
                out.add(tpls[t].route);
            }
        }
        return out;
    }

    /** The route serving this method and path exactly, if any. */
    public Optional<Route> exactMatch(String method, String path) {
        for (Route r : exactMatches(path)) {
            if (r.accepts(method)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Methods of the routes serving this path exactly ({@link Route#ANY} when one accepts any). */
    public Set<String> allowedMethods(String path) {
        Set<String> out = new LinkedHashSet<>();
        for (Route r : exactMatches(path)) {
            out.add(r.method());
        }
        return out;
    }

    /** Whether a concrete path fits a template exactly (static segments equal, parameters non-empty). */
    public static boolean fits(String template, String path) {
        String[] t = split(template);
        String[] q = split(stripQuery(path));
        if (t.length != q.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!Route.isParam(t[i]) && !t[i].equals(q[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesExactly(Tpl tpl, String[] q) {
        for (int i = 0; i < q.length; i++) {
            if (tpl.tok[i] >= 0 && !tpl.segs[i].equals(q[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The best routes for a request, best first, at most {@code limit}. Exact matches are included (cost 0); the
     * caller decides what is worth showing.
     */
    public List<RouteSuggestion> suggest(String method, String path, int limit) {
        return suggest(method, path, limit, true);
    }

    /**
     * As {@link #suggest(String, String, int)}; without examples when {@code examples} is false (an example costs
     * a second alignment per suggestion, wasted when only the ranking is wanted).
     */
    public List<RouteSuggestion> suggest(String method, String path, int limit, boolean examples) {
        if (limit <= 0 || tpls.length == 0) {
            return List.of();
        }
        long deadline = System.nanoTime() + options.budgetNanos();
        String m = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        String[] raw = split(stripQuery(path));
        int n = raw.length;
        if (n > options.maxSegments()) {
            return List.of();
        }
        Scratch scratch = takeScratch();
        try {
            return rank(m, n, analyse(raw, scratch), scratch, limit, examples, deadline);
        } finally {
            for (int i = 0; i < scratch.touchedCount; i++) {
                scratch.hits[scratch.touchedTemplates[i]] = 0;
            }
            scratch.touchedCount = 0;
            giveScratch(scratch);
        }
    }

    private Scratch takeScratch() {
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i < SCRATCH_SLOTS; i++) {
            Scratch s = scratchPool.getAndSet((start + i) & (SCRATCH_SLOTS - 1), null);
            if (s != null) {
                return s;
            }
        }
        return new Scratch(tokRaw.length, tpls.length, options.maxSegments(), longestWord);
    }

    private void giveScratch(Scratch scratch) {
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i < SCRATCH_SLOTS; i++) {
            if (scratchPool.compareAndSet((start + i) & (SCRATCH_SLOTS - 1), null, scratch)) {
                return;
            }
        }
    }

    private List<RouteSuggestion> rank(String m, int n, QSeg[] q, Scratch scratch, int limit, boolean examples,
                                       long deadline) {
        int[] candidates = candidates(q, scratch);
        boolean head = "HEAD".equals(m);

        int k = limit;
        int[] bestT = new int[k];
        double[] bestC = new double[k];
        Arrays.fill(bestC, Double.MAX_VALUE);
        int found = 0;
        double[] dp = scratch.dp;
        int evaluated = 0;
        for (int c = 0; c < candidates.length; c++) {
            if ((++evaluated & 31) == 0 && System.nanoTime() > deadline) {
                break;
            }
            int t = candidates[c];
            Tpl tpl = tpls[t];
            int mm = tpl.tok.length;
            if (Math.abs(mm - n) > 2) {
                continue;
            }
            String rm = tpl.route.method();
            double methodCost = rm.equals(m) || rm.equals(Route.ANY) || head && rm.equals("GET") ? 0 : METHOD_COST;
            double bound = found < k ? Double.MAX_VALUE : bestC[k - 1];
            if (found > 0) {
                bound = Math.min(bound, bestC[0] + WINDOW);
            }
            // lower bounds: each extra or missing segment costs at least a version's, and each distinct static word
            // of the template that no request segment is near costs at least SEED_MAX however it is aligned
            double lower = methodCost + Math.max(Math.abs(mm - n) * EXTRA_VERSION,
                    Math.max(0, tpl.distinctWords - scratch.hits[t]) * SEED_MAX);
            if (lower >= bound) {
                continue;
            }
            double cost = align(q, tpl, dp, bound - methodCost);
            if (Double.isNaN(cost)) {
                continue;
            }
            cost += methodCost;
            if (cost >= bound) {
                continue;
            }
            // insert into the top-k (see better() for ties)
            int pos = Math.min(found, k - 1);
            while (pos > 0 && better(cost, tpl, bestC[pos - 1], tpls[bestT[pos - 1]], n)) {
                if (pos < k) {
                    bestC[pos] = bestC[pos - 1];
                    bestT[pos] = bestT[pos - 1];
                }
                pos--;
            }
            bestC[pos] = cost;
            bestT[pos] = t;
            if (found < k) {
                found++;
            }
        }
        List<RouteSuggestion> out = new ArrayList<>(found);
        double scale = Math.max(1.0, Math.sqrt(n / 2.0));
        for (int i = 0; i < found; i++) {
            if (bestC[i] > bestC[0] + WINDOW) {
                break;
            }
            Tpl tpl = tpls[bestT[i]];
            double score = Math.exp(-bestC[i] / scale);
            out.add(new RouteSuggestion(tpl.route, round(score), round(bestC[i]),
                    examples ? example(q, tpl) : tpl.route.template()));
        }
        return out;
    }

    /**
     * Ranking: lower cost; on a tie, the template as long as the request, then the more specific one, then the safer
     * method.
     */
    private static boolean better(double cost, Tpl tpl, double otherCost, Tpl other, int n) {
        if (cost < otherCost - 1e-9) {
            return true;
        }
        if (cost > otherCost + 1e-9) {
            return false;
        }
        int gap = Math.abs(tpl.tok.length - n);
        int otherGap = Math.abs(other.tok.length - n);
        if (gap != otherGap) {
            return gap < otherGap;
        }
        if (tpl.staticCount != other.staticCount) {
            return tpl.staticCount > other.staticCount;
        }
        // the same template under other methods (a wrong method): a safe method before an unsafe one, a
        // destructive one last; a suggestion should never invite a DELETE that a GET fits as well
        return methodRank(tpl.route.method()) < methodRank(other.route.method());
    }

    private static int methodRank(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "POST" -> 1;
            case "PUT" -> 2;
            case "PATCH" -> 3;
            case "DELETE" -> 5;
            default -> 4;
        };
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** What one request segment is like against this index; cached per distinct word (ids are not cached). */
    private static final class SegInfo {
        final boolean version;
        final double extra;
        final double param;
        final int[] tokens;
        final float[] costs;
        final int[] near;

        SegInfo(boolean version, double extra, double param, int[] tokens, float[] costs, int[] near) {
            this.version = version;
            this.extra = extra;
            this.param = param;
            this.tokens = tokens;
            this.costs = costs;
            this.near = near;
        }
    }

    private QSeg[] analyse(String[] raw, Scratch scratch) {
        QSeg[] q = new QSeg[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            float[] costs = scratch.costs[i];
            SegInfo info = segmentCache.get(s);
            if (info == null) {
                info = analyseSegment(s, scratch, costs);
            } else {
                Arrays.fill(costs, (float) FAR);
                for (int k = 0; k < info.tokens.length; k++) {
                    costs[info.tokens[k]] = info.costs[k];
                }
            }
            QSeg seg = new QSeg(s, info.version, info.extra);
            seg.costs = costs;
            seg.param = info.param;
            seg.near = info.near;
            q[i] = seg;
        }
        return q;
    }

    private SegInfo analyseSegment(String s, Scratch scratch, float[] costs) {
        int v = tokRaw.length;
        int[] shared = scratch.shared;
        int[] touched = scratch.touchedTokens;
        int[] nearBuf = scratch.nearBuf;
        boolean version = SegmentText.isVersion(s);
        boolean digits = SegmentText.hasDigit(s);
        // every id shape of the templater has a digit or an '@': skip its regular expressions for plain words
        boolean idLike = s.length() > MAX_SEGMENT_CHARS
                || (digits || s.indexOf('@') >= 0) && templater.isIdLike(s);
        boolean slug = !idLike && (digits || s.indexOf('-') > 0 || s.indexOf('.') > 0 || s.indexOf('@') > 0
                || s.indexOf('~') >= 0 || s.indexOf(':') >= 0);
        Arrays.fill(costs, (float) FAR);
        double nearest = FAR;
        Integer same = tokByRaw.get(s);
        if (same != null) {
            costs[same] = 0f;
            nearest = 0;
        }
        String lower = SegmentText.lower(s);
        int[] lowerHits = tokByLower.get(lower);
        if (lowerHits != null) {
            for (int t : lowerHits) {
                if (costs[t] > 0.02f) {
                    costs[t] = 0.02f;
                }
                nearest = Math.min(nearest, costs[t]);
            }
        }
        if (version) {
            for (int t : versionTokens) {
                if (costs[t] > VERSION_SWAP) {
                    costs[t] = (float) VERSION_SWAP;
                }
            }
        }
        if (!idLike && !version && s.length() <= MAX_SEGMENT_CHARS) {
            String norm = SegmentText.norm(s);
            String stem = SegmentText.stem(norm);
            int[] grams = bigrams(norm);
            char[] normChars = norm.toCharArray();
            char[] stemChars = stem.toCharArray();
            int touchedCount = 0;
            for (int g : grams) {
                int[] toks = tokByBigram.get(g);
                if (toks == null) {
                    continue;
                }
                for (int t : toks) {
                    if (shared[t]++ == 0) {
                        touched[touchedCount++] = t;
                    }
                }
            }
            for (int x = 0; x < touchedCount; x++) {
                int t = touched[x];
                int common = shared[t];
                shared[t] = 0;
                // an edit changes at most ~3 bigrams: with few shared bigrams the words are too far apart to care
                // (short words lose a larger share of their bigrams to one transposition: a looser bar for them;
                // a word whose bigrams nearly all recur in the other may be its abbreviation: "repos")
                int most = Math.max(grams.length, tokBigramCount[t]);
                int least = Math.min(grams.length, tokBigramCount[t]);
                // (a third of the bigrams, not a half, for longer words: two typos in one word change up to six
                // bigrams, and the edit distance below still decides; chosen by the same cross-validation)
                boolean close = most <= 6 ? common * 5 >= 2 * most : common * 3 >= most;
                if (!close && (least < 4 || common < least - 1) || tokVersion[t]) {
                    continue;
                }
                // a hair dearer than the same cost elsewhere: on a tie, fewer edits on static segments win
                double c = staticCost(s, lower, norm, stem, normChars, stemChars, t, scratch.osaRows) * 1.001;
                if (c < costs[t]) {
                    costs[t] = (float) c;
                }
                nearest = Math.min(nearest, costs[t]);
            }
        }
        int nearCount = 0;
        int closeCount = 0;
        int[] close = scratch.touchedTokens;
        if (same != null) {
            nearBuf[nearCount++] = same;
        }
        for (int t = 0; t < v; t++) {
            float c = costs[t];
            if (c < FAR) {
                close[closeCount++] = t;
                if (c <= SEED_MAX && (same == null || t != same)) {
                    nearBuf[nearCount++] = t;
                }
            }
        }
        int[] tokens = Arrays.copyOf(close, closeCount);
        float[] tokenCosts = new float[closeCount];
        for (int k = 0; k < closeCount; k++) {
            tokenCosts[k] = costs[tokens[k]];
        }
        // a parameter takes any value, but an id-shaped one is far likelier than a word of the catalog
        double param = version ? 0.6 : idLike ? 0.0 : slug ? 0.1 : 0.3;
        if (!idLike && !digits && !version) {
            param += 0.4 * Math.max(0, 0.5 - nearest) / 0.5;
        }
        SegInfo info = new SegInfo(version, version ? EXTRA_VERSION : idLike || slug ? EXTRA_ID : EXTRA_WORD, param,
                tokens, tokenCosts, Arrays.copyOf(nearBuf, nearCount));
        // words repeat across requests (resource names, versions); ids rarely do and would only churn the cache
        if (!digits || version) {
            if (segmentCache.size() >= SEGMENT_CACHE_MAX) {
                segmentCache.clear();
            }
            segmentCache.put(s, info);
        }
        return info;
    }

    private double staticCost(String raw, String lower, String norm, String stem, char[] normChars,
                              char[] stemChars, int t, int[][] osaRows) {
        if (raw.equals(tokRaw[t])) {
            return 0;
        }
        if (lower.equals(tokLower[t])) {
            return 0.02;
        }
        String tn = tokNorm[t];
        if (norm.equals(tn)) {
            return 0.05;
        }
        String ts = tokStem[t];
        if (stem.equals(ts)) {
            return 0.1;
        }
        int len = Math.max(norm.length(), tn.length());
        if (len == 0) {
            return FAR;
        }
        int max = Math.max(1, len / 2);
        int d = SegmentText.osa(normChars, tokNormChars[t], max, osaRows);
        if (d > 0 && (!stem.equals(norm) || !ts.equals(tn))) {
            d = Math.min(d, SegmentText.osa(stemChars, tokStemChars[t], max, osaRows));
        }
        // one edit in a long word is a typo; every further edit makes "another word" likelier, so cost grows faster
        double c = d > max ? FAR : Math.min(FAR, 0.1 + 0.9 * d / len + 0.15 * (d - 1));
        int shortLen = Math.min(norm.length(), tn.length());
        if (shortLen >= 3 && (norm.startsWith(tn) || tn.startsWith(norm))) {
            c = Math.min(c, 0.15 + 0.6 * (1.0 - (double) shortLen / len));
        }
        int dot = lower.lastIndexOf('.');
        if (dot > 0 && lower.substring(0, dot).equals(tokLower[t])) {
            c = Math.min(c, 0.15);
        }
        return c;
    }

    private int[] candidates(QSeg[] q, Scratch scratch) {
        // evidence per template: near segments it shares with the request, weighted by closeness and rarity (an
        // IDF weight), so a shared "v1" counts for little and a shared resource name for much; the best
        // maxCandidates by evidence are aligned, strongest first, so the pruning bound tightens early
        int templates = tpls.length;
        float[] acc = scratch.acc;
        int[] touched = scratch.touchedTemplates;
        int touchedCount = 0;
        int n = q.length;
        int[] hits = scratch.hits;
        for (QSeg s : q) {
            for (int t : s.near) {
                float weight = (float) ((1.0 - s.costs[t]) * tokIdf[t]);
                int word = tokVersion[t] ? 0 : 1;
                for (int tpl : tokTemplates[t]) {
                    // templates more than two segments off are never aligned: no evidence to collect
                    if (Math.abs(tplLen[tpl] - n) > 2) {
                        continue;
                    }
                    if (acc[tpl] == 0f) {
                        touched[touchedCount++] = tpl;
                    }
                    acc[tpl] += weight;
                    hits[tpl] += word;
                }
            }
        }
        for (int w : weakTemplates) {
            if (Math.abs(tplLen[w] - n) > 2) {
                continue;
            }
            if (acc[w] == 0f) {
                touched[touchedCount++] = w;
            }
            acc[w] += 0.01f;
        }
        scratch.touchedCount = touchedCount;
        int cap = Math.min(options.maxCandidates(), templates);
        if (touchedCount == 0) {
            // nothing near: fall back to templates of about the same length, still capped
            int[] out = new int[cap];
            int count = 0;
            for (int size = Math.max(0, n - 1); size <= n + 1 && size < bySegmentCount.length; size++) {
                for (int t : bySegmentCount[size]) {
                    if (count >= cap) {
                        break;
                    }
                    out[count++] = t;
                }
            }
            return count == cap ? out : Arrays.copyOf(out, count);
        }
        long[] keyed = scratch.keyed;
        for (int i = 0; i < touchedCount; i++) {
            int t = touched[i];
            // acc is positive, so its float bits order like the value
            keyed[i] = (long) Float.floatToIntBits(acc[t]) << 32 | t;
            acc[t] = 0f;
        }
        int count = Math.min(cap, touchedCount);
        // only the strongest `count` need ordering: select them (linear on average), then sort just those
        if (count < touchedCount) {
            selectTop(keyed, touchedCount, count);
        }
        Arrays.sort(keyed, touchedCount - count, touchedCount);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) keyed[touchedCount - 1 - i];
        }
        return out;
    }

    /** Moves the {@code k} largest of {@code a[0..n)} into {@code a[n-k..n)} (quickselect). */
    static void selectTop(long[] a, int n, int k) {
        int target = n - k;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** Alignment cost of the request against one template, or NaN once it cannot get below {@code bound}. */
    private static double align(QSeg[] q, Tpl tpl, double[] dp, double bound) {
        int n = q.length;
        int m = tpl.tok.length;
        int w = m + 1;
        dp[0] = 0;
        for (int j = 1; j <= m; j++) {
            dp[j] = dp[j - 1] + tpl.missing[j - 1];
        }
        double prevRowMin = 0;
        for (int i = 1; i <= n; i++) {
            QSeg qs = q[i - 1];
            int row = i * w;
            int up = row - w;
            dp[row] = dp[up] + qs.extra;
            double rowMin = dp[row];
            for (int j = 1; j <= m; j++) {
                int tok = tpl.tok[j - 1];
                double sub = tok < 0 ? qs.param : qs.costs[tok];
                double v = dp[up + j - 1] + sub;
                double del = dp[up + j] + qs.extra;
                if (del < v) {
                    v = del;
                }
                double ins = dp[row + j - 1] + tpl.missing[j - 1];
                if (ins < v) {
                    v = ins;
                }
                if (i > 1 && j > 1) {
                    QSeg qp = q[i - 2];
                    int tokP = tpl.tok[j - 2];
                    double a = tokP < 0 ? qs.param : qs.costs[tokP];
                    double b = tok < 0 ? qp.param : qp.costs[tok];
                    double swap = dp[up - w + j - 2] + (tok < 0 || tokP < 0 ? SWAP_PARAM : SWAP) + a + b;
                    if (swap < v) {
                        v = swap;
                    }
                }
                dp[row + j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            if (rowMin >= bound && prevRowMin >= bound) {
                return Double.NaN;
            }
            prevRowMin = rowMin;
        }
        return dp[n * w + m];
    }

    /** The template with parameters filled from the request segments aligned with them, when those are safe. */
    private String example(QSeg[] q, Tpl tpl) {
        int n = q.length;
        int m = tpl.tok.length;
        int w = m + 1;
        double[] dp = new double[(n + 1) * w];
        byte[] move = new byte[(n + 1) * w];
        for (int j = 1; j <= m; j++) {
            dp[j] = dp[j - 1] + tpl.missing[j - 1];
            move[j] = 2;
        }
        for (int i = 1; i <= n; i++) {
            QSeg qs = q[i - 1];
            int row = i * w;
            dp[row] = dp[row - w] + qs.extra;
            move[row] = 1;
            for (int j = 1; j <= m; j++) {
                int tok = tpl.tok[j - 1];
                double v = dp[row - w + j - 1] + (tok < 0 ? qs.param : qs.costs[tok]);
                byte mv = 0;
                if (dp[row - w + j] + qs.extra < v) {
                    v = dp[row - w + j] + qs.extra;
                    mv = 1;
                }
                if (dp[row + j - 1] + tpl.missing[j - 1] < v) {
                    v = dp[row + j - 1] + tpl.missing[j - 1];
                    mv = 2;
                }
                if (i > 1 && j > 1) {
                    int tokP = tpl.tok[j - 2];
                    double s = dp[row - 2 * w + j - 2] + (tok < 0 || tokP < 0 ? SWAP_PARAM : SWAP)
                            + (tokP < 0 ? qs.param : qs.costs[tokP])
                            + (tok < 0 ? q[i - 2].param : q[i - 2].costs[tok]);
                    if (s < v) {
                        v = s;
                        mv = 3;
                    }
                }
                dp[row + j] = v;
                move[row + j] = mv;
            }
        }
        String[] filled = tpl.segs.clone();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            byte mv = move[i * w + j];
            if (mv == 0) {
                fill(filled, tpl, j - 1, q[i - 1].raw);
                i--;
                j--;
            } else if (mv == 1) {
                i--;
            } else if (mv == 2) {
                j--;
            } else {
                fill(filled, tpl, j - 1, q[i - 2].raw);
                fill(filled, tpl, j - 2, q[i - 1].raw);
                i -= 2;
                j -= 2;
            }
        }
        StringBuilder b = new StringBuilder();
        for (String s : filled) {
            b.append('/').append(s);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    private static void fill(String[] filled, Tpl tpl, int j, String value) {
        // only values of a harmless shape are reflected; anything else keeps the placeholder
        if (tpl.tok[j] < 0 && SAFE_VALUE.matcher(value).matches() && !value.contains("..")) {
            filled[j] = value;
        }
    }

    static String stripQuery(String path) {
        if (path == null) {
            return "/";
        }
        // an absolute URL counts by its path
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int cut = -1;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#' || c == ';') {
                cut = i;
                break;
            }
        }
        return cut >= 0 ? path.substring(0, cut) : path;
    }

    static String[] split(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        int len = path.length();
        while (start <= len) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? len : slash;
            if (end > start) {
                out.add(path.substring(start, end));
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return out.toArray(new String[0]);
    }

    private static int[] bigrams(String norm) {
        if (norm.isEmpty()) {
            return new int[0];
        }
        int[] out = new int[norm.length() + 1];
        char prev = '^';
        for (int i = 0; i < norm.length(); i++) {
            char c = norm.charAt(i);
            out[i] = prev << 16 | c;
            prev = c;
        }
        out[norm.length()] = prev << 16 | '$';
        // few bigrams per word: a quadratic de-duplication beats a stream or a set
        int count = 0;
        outer:
        for (int g : out) {
            for (int k = 0; k < count; k++) {
                if (out[k] == g) {
                    continue outer;
                }
            }
            out[count++] = g;
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }
}
