package dev.vigil.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.probe.ProbeHistory.Transition;
import dev.vigil.statuspage.Intervals.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uptime bars are summed exactly from intervals, per day in the page's zone, up to now for today. */
class UptimeBarsTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z"); // 13:00 in Paris

  @Test
  void aDayWithFortyFiveMinutesDownIsRedWithItsExactShareInTheTitle() {
    Instant start = LocalDate.parse("2026-03-08").atTime(23, 30).atZone(PARIS).toInstant();
    List<Interval> outage = List.of(new Interval(start, start.plus(Duration.ofMinutes(45))));
    UptimeBars.Bars bars = UptimeBars.compute(outage, List.of(), NOW.minus(Duration.ofDays(200)), PARIS, NOW);

    assertThat(bars.days()).hasSize(90);
    UptimeBars.Day sunday = day(bars, "2026-03-08");
    UptimeBars.Day monday = day(bars, "2026-03-09");
    // 30 minutes before midnight in Paris belong to Sunday, 15 to Monday.
    assertThat(sunday.level()).isEqualTo("partial");
    assertThat(sunday.title()).isEqualTo("Sun 8 Mar 2026: 97.92 % uptime, outage 30 min");
    assertThat(monday.title()).isEqualTo("Mon 9 Mar 2026: 98.96 % uptime, outage 15 min");
    assertThat(day(bars, "2026-03-10").title()).isEqualTo("Tue 10 Mar 2026: 100.00 % uptime, no incidents");
    assertThat(bars.days().getLast().date()).isEqualTo(LocalDate.parse("2026-03-10"));
    long knownMinutes = Duration.between(bars.days().getFirst().date().atStartOfDay(PARIS).toInstant(), NOW)
        .toMinutes();
    assertThat(bars.uptimePercent()).isCloseTo(100.0 * (knownMinutes - 45) / knownMinutes,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aLongOutageIsMajorDegradationIsAmberAndDaysBeforeWatchingHaveNoData() {
    Instant day = LocalDate.parse("2026-03-05").atStartOfDay(PARIS).toInstant();
    List<Interval> outage = List.of(new Interval(day.plus(Duration.ofHours(1)), day.plus(Duration.ofHours(3))));
    List<Interval> degraded = List.of(new Interval(day.plus(Duration.ofHours(2)), day.plus(Duration.ofHours(5))));
    UptimeBars.Bars bars = UptimeBars.compute(outage, degraded, day.minus(Duration.ofDays(1)), PARIS, NOW);

    assertThat(day(bars, "2026-03-05").level()).isEqualTo("major");
    // The degraded time under the outage counts once, as outage.
    assertThat(day(bars, "2026-03-05").title()).endsWith("outage 2 h, degraded 2 h");
    assertThat(day(bars, "2026-03-03").level()).isEqualTo("none");
    assertThat(day(bars, "2026-03-04").level()).isEqualTo("operational");
    assertThat(UptimeBars.compute(List.of(), degraded, day.minus(Duration.ofDays(1)), PARIS, NOW).days().stream()
        .filter(d -> d.date().equals(LocalDate.parse("2026-03-05"))).findFirst().orElseThrow().level())
        .isEqualTo("degraded");
  }

  @Test
  void timeWithoutDataIsNeitherUpNorDownAndADayPartlyCoveredSaysSo() {
    // Watched for 14 minutes on Monday, down for 2 of them, then again from 08:00 today (Paris).
    Instant mondayTen = LocalDate.parse("2026-03-09").atTime(10, 0).atZone(PARIS).toInstant();
    Instant todayEight = LocalDate.parse("2026-03-10").atTime(8, 0).atZone(PARIS).toInstant();
    List<Interval> known = List.of(new Interval(mondayTen, mondayTen.plus(Duration.ofMinutes(14))),
        new Interval(todayEight, NOW));
    // The outage runs on past the data: only its 2 minutes with data count.
    List<Interval> outage = List.of(new Interval(mondayTen.plus(Duration.ofMinutes(12)), todayEight));
    UptimeBars.Bars bars = UptimeBars.compute(outage, List.of(), known, PARIS, NOW);

    assertThat(day(bars, "2026-03-08").level()).isEqualTo("none");
    assertThat(day(bars, "2026-03-08").title()).isEqualTo("Sun 8 Mar 2026: no data");
    assertThat(day(bars, "2026-03-09").level()).isEqualTo("major");
    assertThat(day(bars, "2026-03-09").title())
        .isEqualTo("Mon 9 Mar 2026: 85.71 % uptime over the 14 min with data, outage 2 min");
    assertThat(day(bars, "2026-03-10").title())
        .isEqualTo("Tue 10 Mar 2026: 100.00 % uptime over the 5 h with data, no incidents");
    assertThat(bars.uptimePercent()).isEqualTo(100.0 * (14 + 300 - 2) / (14 + 300));
    assertThat(bars.uptimeText()).isEqualTo("99.36 % uptime over the last 1 day 3 h");
    // Watched all along: the figure is over the 90 days.
    assertThat(UptimeBars.compute(List.of(), List.of(), NOW.minus(Duration.ofDays(200)), PARIS, NOW).uptimeText())
        .isEqualTo("100.00 % uptime over 90 days");
    assertThat(UptimeBars.compute(List.of(), List.of(), List.of(), PARIS, NOW).uptimeText()).isEqualTo("no data");
  }

  @Test
  void aProbeIsDownFromItsDownTransitionToItsNextState() {
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    List<Transition> transitions = List.of(
        new Transition(1, Instant.parse("2026-02-20T00:00:00Z"), "down"), // state at the start of the range
        new Transition(1, Instant.parse("2026-03-01T02:00:00Z"), "up"),
        new Transition(1, Instant.parse("2026-03-02T00:00:00Z"), "down"),
        new Transition(1, Instant.parse("2026-03-02T00:10:00Z"), "unknown"),
        new Transition(1, Instant.parse("2026-03-09T00:00:00Z"), "down"));
    assertThat(StatusPages.downIntervals(transitions, from, NOW)).containsExactly(
        new Interval(from, Instant.parse("2026-03-01T02:00:00Z")),
        new Interval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-02T00:10:00Z")),
        new Interval(Instant.parse("2026-03-09T00:00:00Z"), NOW));
  }

  @Test
  void intervalsMergeAndSubtract() {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    List<Interval> merged = Intervals.union(List.of(new Interval(t.plusSeconds(50), t.plusSeconds(70)),
        new Interval(t, t.plusSeconds(60)), new Interval(t.plusSeconds(100), t.plusSeconds(100))));
    assertThat(merged).containsExactly(new Interval(t, t.plusSeconds(70)));
    assertThat(Intervals.subtract(merged, List.of(new Interval(t.plusSeconds(10), t.plusSeconds(20)),
        new Interval(t.plusSeconds(60), t.plusSeconds(90))))).containsExactly(
        new Interval(t, t.plusSeconds(10)), new Interval(t.plusSeconds(20), t.plusSeconds(60)));
    assertThat(Intervals.within(merged, t.plusSeconds(30), t.plusSeconds(1000))).isEqualTo(Duration.ofSeconds(40));
  }

  static UptimeBars.Day day(UptimeBars.Bars bars, String date) {
    return bars.days().stream().filter(d -> d.date().equals(LocalDate.parse(date))).findFirst().orElseThrow();
  }
}
