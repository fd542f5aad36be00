package io.github.aifilters.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.aifilters.core.filter.AlertQuery;
import io.github.aifilters.core.llm.PriceTable;
import io.github.aifilters.monitoring.internal.CostMonitor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CostMonitorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final List<AlertQuery> alerts = new CopyOnWriteArrayList<>();

    private CostMonitor monitor(double budget) {
        return new CostMonitor(PriceTable.defaults(), budget, 2.0, 4, 3, "salt", clock, alerts::add);
    }

    @Test
    void pricesFollowTheOriginalTable() {
        CostMonitor m = monitor(100);
        assertThat(m.record("gpt-4-turbo", "/a", null, 1000, 1000, null)).isCloseTo(0.04, within(1e-12));
        assertThat(m.record("gpt-3.5-turbo", "/a", null, 2000, 1000, null)).isCloseTo(0.0025, within(1e-12));
        assertThat(m.record("claude-3-opus", "/a", null, 1000, 1000, null)).isCloseTo(0.09, within(1e-12));
        assertThat(m.record("claude-3-sonnet", "/a", null, 1000, 1000, null)).isCloseTo(0.018, within(1e-12));
        assertThat(m.record("gemini-pro", "/a", null, 1000, 1000, null)).isCloseTo(0.00075, within(1e-12));
        // dated variants are priced by their longest priced prefix; unknown models cost 0 and are counted
        assertThat(m.record("gpt-4-turbo-2024-04-09", "/a", null, 1000, 0, null)).isCloseTo(0.01, within(1e-12));
        assertThat(m.record("mystery-model", "/a", null, 1000, 1000, null)).isZero();
        assertThat(m.snapshot().get("unpricedCalls")).isEqualTo(1L);
    }

    @Test
    void budgetAlertsAt90And100PercentOnceEachPerMonth() {
        CostMonitor m = monitor(1.0); // $1: 25 gpt-4-turbo calls of 1K in + 1K out ($0.04 each)
        for (int i = 0; i < 22; i++) {
            m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null); // $0.88
        }
        assertThat(alerts).isEmpty();
        m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null); // $0.92
        assertThat(alerts).extracting(AlertQuery::series).containsExactly("cost.budget.90 2026-03");
        assertThat(alerts.get(0).severity()).isEqualTo("high");
        m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null); // $0.96
        m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null); // $1.00
        m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null); // $1.04
        m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null);
        assertThat(alerts).extracting(AlertQuery::series)
                .containsExactly("cost.budget.90 2026-03", "cost.budget.100 2026-03");
        assertThat(alerts.get(1).severity()).isEqualTo("critical");
        assertThat(alerts.get(1).value()).isGreaterThanOrEqualTo(1.0);

        // a new month starts from zero and may alert again
        clock.set(Instant.parse("2026-04-01T00:00:01Z"));
        assertThat(m.monthSpend()).isZero();
        for (int i = 0; i < 25; i++) {
            m.record("gpt-4-turbo", "/chat", "alice", 1000, 1000, null);
        }
        assertThat(alerts).extracting(AlertQuery::series).contains("cost.budget.90 2026-04", "cost.budget.100 2026-04");
    }

    @Test
    void weeklySpendAboveTwiceTheRecentAverageAlertsOncePerWeek() {
        CostMonitor m = monitor(0); // no budget: only the spike rule
        Instant monday = Instant.parse("2026-03-02T10:00:00Z");
        for (int week = 0; week < 4; week++) {
            for (int i = 0; i < 10; i++) { // $0.40 per week
                m.record("gpt-4-turbo", "/chat", "bob", 1000, 1000, monday.plusSeconds(week * 7L * 86400 + i));
            }
        }
        assertThat(alerts).isEmpty();
        Instant week5 = monday.plusSeconds(4 * 7L * 86400);
        for (int i = 0; i < 20; i++) { // $0.80: exactly twice the average, not above
            m.record("gpt-4-turbo", "/chat", "bob", 1000, 1000, week5.plusSeconds(i));
        }
        assertThat(alerts).isEmpty();
        for (int i = 0; i < 5; i++) {
            m.record("gpt-4-turbo", "/chat", "bob", 1000, 1000, week5.plusSeconds(100 + i));
        }
        assertThat(alerts).extracting(AlertQuery::metric).containsExactly("cost.weekly");
        assertThat(alerts.get(0).series()).isEqualTo("cost.weekly 2026-03-30");
        assertThat(alerts.get(0).baseline()).isCloseTo(0.40, within(1e-9));
        assertThat(alerts.get(0).value()).isGreaterThan(0.80);
    }

    @Test
    void firstWeekNeverCountsAsASpike() {
        CostMonitor m = monitor(0);
        for (int i = 0; i < 100; i++) {
            m.record("claude-3-opus", "/chat", "bob", 1000, 1000, null);
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void userKeysAreHashedAndMapsAreBounded() {
        CostMonitor m = monitor(100);
        m.record("gpt-4-turbo", "/a", "alice@example.com", 10, 10, null);
        m.record("gpt-4-turbo", "/b", "bob@example.com", 10, 10, null);
        m.record("gpt-4-turbo", "/c", "carol@example.com", 10, 10, null);
        m.record("gpt-4-turbo", "/d", "dave@example.com", 10, 10, null);
        m.record("gpt-4-turbo", "/e", "eve@example.com", 10, 10, null);
        assertThat(m.byUser()).hasSize(4).containsKey(CostMonitor.OTHER);
        assertThat(m.byUser().keySet()).noneMatch(k -> k.contains("@"));
        assertThat(m.byUser().keySet()).filteredOn(k -> !k.equals(CostMonitor.OTHER)).allMatch(k -> k.matches("u_[0-9a-f]{16}"));
        assertThat(m.byUser()).containsKey(m.hashUserKey("alice@example.com"));
        assertThat(m.byEndpoint()).hasSize(4);
        assertThat(m.byEndpoint().get(CostMonitor.OTHER).calls()).isEqualTo(2);
        assertThat(m.byModel().get("gpt-4-turbo").inputTokens()).isEqualTo(50);
    }

    @Test
    void priceTableCanBeExtendedByTheInitParam() {
        PriceTable prices = MonitoringConfig.parsePrices("gpt-4o=0.005/0.015; gemini-pro=0.001/0.002\nMy-Model = 1 / 2",
                PriceTable.defaults());
        assertThat(prices.lookup("gpt-4o")).contains(new PriceTable.Price(0.005, 0.015));
        assertThat(prices.lookup("gemini-pro")).contains(new PriceTable.Price(0.001, 0.002));
        assertThat(prices.lookup("my-model")).contains(new PriceTable.Price(1, 2));
        assertThat(prices.lookup("claude-3-opus")).contains(new PriceTable.Price(0.015, 0.075));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MonitoringConfig.parsePrices("gpt-4o=cheap",
                PriceTable.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MonitoringConfig.COST_PRICES);
        // the cost monitor prices with the very table core's LLM gateway uses
        CostMonitor m = new CostMonitor(prices, 100, 2.0, 4, 3, "salt", clock, alerts::add);
        assertThat(m.record("gpt-4o-mini", "/a", null, 1000, 1000, null)).isCloseTo(0.02, within(1e-12));
    }
}
