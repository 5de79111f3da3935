package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked numbers of docs/slo.md, each computed here and found on the page as it is written there. */
class WorkedNumbersTest {

  static final Objective THREE_NINES = Objective.of("99.9");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static String page;

  @BeforeAll
  static void readThePage() throws IOException {
    page = Files.readString(Path.of("docs", "slo.md"));
  }

  /** A duration as the page writes it: 43 min 12 s, 44 min 38.4 s, 50 h. */
  static String written(Duration d) {
    StringBuilder out = new StringBuilder();
    if (d.toHours() > 0) {
      out.append(d.toHours()).append(" h");
    }
    if (d.toMinutesPart() > 0) {
      out.append(out.isEmpty() ? "" : " ").append(d.toMinutesPart()).append(" min");
    }
    if (d.toSecondsPart() > 0 || d.getNano() > 0) {
      BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.getNano(), 9));
      out.append(out.isEmpty() ? "" : " ").append(seconds.stripTrailingZeros().toPlainString()).append(" s");
    }
    return out.toString();
  }

  static void onThePage(String text) {
    assertThat(page).as("docs/slo.md").contains(text);
  }

  static Duration monthBudget(String at, ZoneId zone) {
    return THREE_NINES.budgetOver(new SloWindow.Calendar(SloWindow.Calendar.Unit.MONTH, zone)
        .containing(Instant.parse(at)).length());
  }

  @Test
  void windows() {
    Duration days30 = THREE_NINES.budgetOver(new SloWindow.Rolling(30).length());
    assertThat(written(days30)).isEqualTo("43 min 12 s");
    onThePage("720 h × 0.001 = **43 min 12 s**");
    onThePage("| 744 h | **" + written(monthBudget("2026-01-15T00:00:00Z", ZoneOffset.UTC)) + "** |");
    onThePage("| 672 h | **" + written(monthBudget("2026-02-15T00:00:00Z", ZoneOffset.UTC)) + "** |");
    onThePage("| 743 h | **" + written(monthBudget("2026-03-15T00:00:00Z", BERLIN)) + "** |");
    onThePage("| 745 h | **" + written(monthBudget("2026-10-15T00:00:00Z", BERLIN)) + "** |");
    assertThat(written(monthBudget("2026-01-15T00:00:00Z", ZoneOffset.UTC))).isEqualTo("44 min 38.4 s");
    assertThat(written(monthBudget("2026-03-15T00:00:00Z", BERLIN))).isEqualTo("44 min 34.8 s");
    SloPeriod week = SloWindow.parse("week", BERLIN).containing(Instant.parse("2026-03-29T12:00:00Z"));
    assertThat(week.length()).isEqualTo(Duration.ofHours(167));
    onThePage("| 167 h | **" + written(THREE_NINES.budgetOver(week.length())) + "** |");
  }

  @Test
  void budgets() {
    ErrorBudget events = ErrorBudget.ofEvents(THREE_NINES, new Events(999_600, 1_000_000));
    assertThat(events.indicator()).contains(new BigDecimal("0.9996"));
    assertThat(events.consumedShare()).contains(new BigDecimal("0.4"));
    onThePage("SLI 99.96 %, budget **1,000 events**, consumed 400, remaining 600, **40 %**");

    SloPeriod days30 = new SloWindow.Rolling(30).containing(Instant.parse("2026-06-30T00:00:00Z"));
    Duration slice = Duration.ofMinutes(5);
    ErrorBudget whole = ErrorBudget.ofSlices(THREE_NINES, days30, new Timeslices(slice, BigDecimal.ONE, 1, 0, 0, 0));
    assertThat(whole.total()).isEqualByComparingTo("8.64");
    onThePage("**8.64 slices = " + written(whole.totalTime().orElseThrow()) + "**");
    ErrorBudget sliced = ErrorBudget.ofSlices(THREE_NINES, days30, new Timeslices(slice, BigDecimal.ONE, 8000, 3, 10,
        2));
    assertThat(sliced.total()).isEqualByComparingTo("8.628");
    onThePage("**8.628 slices = " + written(sliced.totalTime().orElseThrow()) + "**; 3 bad slices spend "
        + written(sliced.consumedTime().orElseThrow()) + ", leaving **" + written(sliced.remainingTime().orElseThrow())
        + "**");

    Availability excluded = Availability.over(days30.elapsed(), TimeSet.of(), TimeSet.of(new Interval(
        days30.at().minus(Duration.ofHours(10)), days30.at())));
    onThePage("(720 h − 10 h) × 0.001 = **" + written(ErrorBudget.ofTime(THREE_NINES, days30, excluded).totalTime()
        .orElseThrow()) + "**");
  }

  @Test
  void aPeriodUnderWay() {
    SloPeriod march = SloWindow.parse("month", BERLIN).containing(Instant.parse("2026-03-10T23:00:00Z"));
    assertThat(march.elapsed().duration()).isEqualTo(Duration.ofHours(240));
    Instant from = march.whole().start();
    ErrorBudget budget = ErrorBudget.ofTime(THREE_NINES, march, Availability.over(march.elapsed(),
        TimeSet.of(new Interval(from, from.plusSeconds(864))), TimeSet.of()));
    assertThat(budget.indicator()).contains(new BigDecimal("0.999"));
    onThePage("with " + written(budget.consumedTime().orElseThrow()) + " down so far: SLI 864 s down of 240 h =\n"
        + "**99.9 %**, budget **" + written(budget.totalTime().orElseThrow()) + "** (the month's), consumed "
        + written(budget.consumedTime().orElseThrow()) + ", remaining **"
        + written(budget.remainingTime().orElseThrow()) + "**");
  }

  @Test
  void burnRates() {
    BurnRate rate = BurnRate.of(Duration.ofHours(1), THREE_NINES, new Events(9856, 10_000)).orElseThrow();
    assertThat(rate.rate()).isEqualByComparingTo("14.4");
    assertThat(rate.budgetSpent(Duration.ofDays(30))).isEqualByComparingTo("0.02");
    Duration lasts = Exact.times(Duration.ofDays(30), Exact.divide(BigDecimal.ONE, rate.rate()));
    onThePage("(144 / 10,000) / 0.001 = **14.4**. An hour at 14.4 spends\n  14.4 × 1 h / 720 h = **2 %** of a 30-day"
        + " budget; a whole one lasts **" + written(lasts) + "**");

    SloPeriod days30 = new SloWindow.Rolling(30).containing(Instant.parse("2026-06-30T00:00:00Z"));
    ErrorBudget half = ErrorBudget.ofEvents(THREE_NINES, new Events(999_500, 1_000_000));
    Instant out = new BurnRate(Duration.ofHours(1), BigDecimal.TWO).exhaustion(half, days30).orElseThrow();
    onThePage("Half a `30d` budget\nleft at rate 2 runs out in **" + written(Duration.between(days30.at(), out)) + "**");
  }

  @Test
  void theDefaultPolicyTable() {
    for (BurnRatePolicy.Rule rule : BurnRatePolicy.defaults().rules()) {
      BigDecimal spent = new BurnRate(rule.longWindow(), rule.factor()).budgetSpent(Duration.ofDays(30));
      onThePage("| " + rule.response().name().toLowerCase() + " | " + rule.factor().toPlainString() + " | "
          + lookback(rule.longWindow()) + " | " + lookback(rule.shortWindow()) + " | "
          + spent.movePointRight(2).stripTrailingZeros().toPlainString() + " % |");
    }
  }

  private static String lookback(Duration d) {
    return d.toDaysPart() > 0 ? d.toDays() + "d" : d.toHoursPart() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
  }
}
