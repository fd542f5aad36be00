package io.github.aifilters.monitoring.internal;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.monitoring.cost.LlmCost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Tokens and estimated cost of LLM calls per model, per endpoint and per user key, with the original design's
 * budget rules: alerts at 90% and 100% of the monthly budget (once each per calendar month, UTC) and when the current
 * week's spend (ISO week, UTC) exceeds {@code spikeFactor} times the average of the previous {@code spikeWeeks}
 * weeks. Thread-safe and cheap enough to call from any thread; alerts are handed to {@code alerts}, which must not
 * block (the filter hands them to its scheduler).
 *
 * <p>User keys are never stored as given: each is replaced by {@code u_} + 16 hex digits of a salted SHA-256, so the
 * ops endpoint can tell users apart without revealing them. Each map is capped; keys beyond the cap count under
 * {@value LlmCost#OTHER}.
 */
public final class CostMonitor implements LlmCost {

    private final PriceTable prices;
    private final double monthlyBudget;
    private final double spikeFactor;
    private final int spikeWeeks;
    private final int maxKeys;
    private final Clock clock;
    private final Consumer<AlertQuery> alerts;
    private final byte[] salt;
    private final Map<String, Running> byModel = new ConcurrentHashMap<>();
    private final Map<String, Running> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Running> byUser = new ConcurrentHashMap<>();
    private final AtomicLong unpricedCalls = new AtomicLong();

    // budget state, guarded by this
    private YearMonth month;
    private double monthSpend;
    private YearMonth alerted90;
    private YearMonth alerted100;
    private final TreeMap<LocalDate, Double> weekly = new TreeMap<>();
    private LocalDate firstWeek;
    private LocalDate spikeAlertedWeek;

    /**
     * @param prices core's price table (a model is priced by the longest priced prefix, so
     *               {@code gpt-4-turbo-2024-04-09} is priced as {@code gpt-4-turbo}; no prefix: unpriced, cost 0)
     * @param monthlyBudget US dollars per calendar month
     * @param spikeFactor the week's spend alerts above this multiple of the recent weekly average
     * @param spikeWeeks how many previous weeks make the average
     * @param maxKeys cap of each of the per-model, per-endpoint and per-user maps
     * @param userKeySalt salt of the user key hash; null for a random one per start
     * @param clock the clock used when a call's time is not given
     * @param alerts receives budget and spike alerts; must not block
     */
    public CostMonitor(PriceTable prices, double monthlyBudget, double spikeFactor, int spikeWeeks,
                       int maxKeys, String userKeySalt, Clock clock, Consumer<AlertQuery> alerts) {
        this.prices = java.util.Objects.requireNonNull(prices, "prices");
        this.monthlyBudget = monthlyBudget;
        this.spikeFactor = spikeFactor;
        this.spikeWeeks = Math.max(1, spikeWeeks);
        this.maxKeys = Math.max(1, maxKeys);
        this.clock = clock;
        this.alerts = alerts;
        if (userKeySalt == null) {
            this.salt = new byte[16];
            new SecureRandom().nextBytes(this.salt);
        } else {
            this.salt = userKeySalt.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Records one LLM call.
     *
     * @param model the model name as billed
     * @param endpoint the route template of the request that made the call, or null
     * @param userKey the raw user key (hashed here), or null
     * @param at when the call was made; null for now
     * @return the estimated cost in US dollars (0 for a model without a price)
     */
    @Override
    public double record(String model, String endpoint, String userKey, long inputTokens, long outputTokens,
                         Instant at) {
        long in = Math.max(0, inputTokens);
        long out = Math.max(0, outputTokens);
        String m = model == null || model.isBlank() ? UNKNOWN : model.trim().toLowerCase(Locale.ROOT);
        boolean priced = prices.lookup(m).isPresent();
        double cost = priced ? prices.cost(m, in, out) : 0;
        if (!priced) {
            unpricedCalls.incrementAndGet();
        }
        add(byModel, m, in, out, cost);
        add(byEndpoint, endpoint == null || endpoint.isBlank() ? UNKNOWN : endpoint, in, out, cost);
        add(byUser, userKey == null || userKey.isBlank() ? UNKNOWN : hashUserKey(userKey), in, out, cost);
        if (cost > 0) {
            account(at == null ? clock.instant() : at, cost);
        }
        return cost;
    }

    /** The price of a model (longest priced prefix), if any. */
    public java.util.Optional<PriceTable.Price> priceOf(String model) {
        return prices.lookup(model);
    }

    /** {@code u_} + 16 hex digits of SHA-256(salt || key). */
    public String hashUserKey(String userKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] d = sha.digest(userKey.getBytes(StandardCharsets.UTF_8));
            return "u_" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(Map<String, Running> map, String key, long in, long out, double cost) {
        Running t = map.get(key);
        if (t == null) {
            // the cap is checked before inserting, so a flood of distinct keys cannot grow the map
            t = map.size() >= maxKeys ? map.computeIfAbsent(OTHER, k -> new Running())
                    : map.computeIfAbsent(key, k -> new Running());
        }
        t.calls.increment();
        t.inputTokens.add(in);
        t.outputTokens.add(out);
        t.cost.add(cost);
    }

    private void account(Instant at, double cost) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        YearMonth ym = YearMonth.from(day);
        LocalDate week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        synchronized (this) {
            if (month == null || ym.isAfter(month)) {
                month = ym;
                monthSpend = 0;
            }
            if (ym.equals(month)) {
                monthSpend += cost;
                if (monthlyBudget > 0) {
                    if (monthSpend >= 0.9 * monthlyBudget && !ym.equals(alerted90)) {
                        alerted90 = ym;
                        budgetAlert(at, ym, 90, "high");
                    }
                    if (monthSpend >= monthlyBudget && !ym.equals(alerted100)) {
                        alerted100 = ym;
                        budgetAlert(at, ym, 100, "critical");
                    }
                }
            }
            if (firstWeek == null || week.isBefore(firstWeek)) {
                firstWeek = week;
            }
            weekly.merge(week, cost, Double::sum);
            while (weekly.size() > spikeWeeks + 2) {
                weekly.pollFirstEntry();
            }
            checkSpike(at, week);
        }
    }

    private void checkSpike(Instant at, LocalDate week) {
        if (!week.equals(weekly.lastKey()) || week.equals(spikeAlertedWeek)) {
            return;
        }
        long previous = Math.min(spikeWeeks, ChronoUnit.WEEKS.between(firstWeek, week));
        if (previous < 1) {
            return;
        }
        double sum = 0;
        for (int i = 1; i <= previous; i++) {
            sum += weekly.getOrDefault(week.minusWeeks(i), 0.0);
        }
        double average = sum / previous;
        double current = weekly.get(week);
        if (average > 0 && current > spikeFactor * average * (1 + 1e-9)) { // float sums: exactly 2x is not above
            spikeAlertedWeek = week;
            Map<String, String> ctx = new LinkedHashMap<>();
            ctx.put("weekStarting", week.toString());
            ctx.put("previousWeeks", Long.toString(previous));
            ctx.put("factor", Double.toString(spikeFactor));
            double ratio = current / average;
            alerts.accept(new AlertQuery("cost.weekly " + week, "cost.weekly", null, current, average,
                    ratio, ratio > 3 ? "critical" : "high", at, ctx, false));
        }
    }

    private void budgetAlert(Instant at, YearMonth ym, int percent, String severity) {
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("month", ym.toString());
        ctx.put("threshold", percent + "%");
        ctx.put("budget", Double.toString(monthlyBudget));
        alerts.accept(new AlertQuery("cost.budget." + percent + " " + ym, "cost.budget", null, monthSpend,
                monthlyBudget, monthSpend / monthlyBudget, severity, at, ctx, false));
    }

    /** Totals and budget state for the ops endpoint. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        boolean current = now.equals(month);
        s.put("month", now.toString());
        s.put("monthSpendUsd", current ? monthSpend : 0.0);
        s.put("monthlyBudgetUsd", monthlyBudget);
        s.put("budgetUsed", monthlyBudget > 0 ? (current ? monthSpend : 0.0) / monthlyBudget : 0.0);
        Map<String, Double> weeks = new LinkedHashMap<>();
        weekly.forEach((k, v) -> weeks.put(k.toString(), v));
        s.put("weeklySpendUsd", weeks);
        s.put("unpricedCalls", unpricedCalls.get());
        s.put("byModel", totals(byModel));
        s.put("byEndpoint", totals(byEndpoint));
        s.put("byUser", totals(byUser));
        return s;
    }

    @Override
    public synchronized double monthSpend() {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        return now.equals(month) ? monthSpend : 0;
    }

    @Override
    public Map<String, LlmCost.Totals> byModel() {
        return views(byModel);
    }

    @Override
    public Map<String, LlmCost.Totals> byEndpoint() {
        return views(byEndpoint);
    }

    @Override
    public Map<String, LlmCost.Totals> byUser() {
        return views(byUser);
    }

    private static Map<String, LlmCost.Totals> views(Map<String, Running> map) {
        Map<String, LlmCost.Totals> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.view()));
        return out;
    }

    private static Map<String, Object> totals(Map<String, Running> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.view()));
        return out;
    }

    /** Running totals of one key. */
    private static final class Running {
        private final LongAdder calls = new LongAdder();
        private final LongAdder inputTokens = new LongAdder();
        private final LongAdder outputTokens = new LongAdder();
        private final DoubleAdder cost = new DoubleAdder();

        LlmCost.Totals view() {
            return new LlmCost.Totals(calls.sum(), inputTokens.sum(), outputTokens.sum(), cost.sum());
        }
    }
}
