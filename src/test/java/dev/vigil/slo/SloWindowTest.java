package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.availability.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows as written and the period holding an instant: rolling days of 24 hours, calendar weeks, months and quarters
 * as long as the calendar says in their zone, over clock changes and month ends.
 */
class SloWindowTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  void readsRollingDaysAndCalendarPeriods() {
    assertThat(SloWindow.parse("7d", BERLIN)).isEqualTo(new SloWindow.Rolling(7));
    assertThat(SloWindow.parse("28d", BERLIN)).isEqualTo(new SloWindow.Rolling(28));
    assertThat(SloWindow.parse("30d", null)).isEqualTo(new SloWindow.Rolling(30));
    assertThat(SloWindow.parse("91d", BERLIN).text()).isEqualTo("91d");
    assertThat(SloWindow.parse("week", BERLIN)).isEqualTo(new SloWindow.Calendar(SloWindow.Calendar.Unit.WEEK, BERLIN));
    assertThat(SloWindow.parse("month", BERLIN).text()).isEqualTo("month");
    assertThat(SloWindow.parse("quarter", BERLIN)).isEqualTo(
        new SloWindow.Calendar(SloWindow.Calendar.Unit.QUARTER, BERLIN));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "30 d", "Month", "month ", "4w", "-7d", "", "year", "1.5d"})
  void aWindowThatIsNoneOfTheFormsIsRefusedQuotingIt(String text) {
    assertThatThrownBy(() -> SloWindow.parse(text, BERLIN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window '" + text + "' is neither a number of days (7d, 28d, 30d) nor a calendar week, month or"
            + " quarter");
  }

  @Test
  void anEmptyOrEndlessRollingWindowAndACalendarOneWithoutZoneAreRefused() {
    assertThatThrownBy(() -> SloWindow.parse("0d", BERLIN)).hasMessage(
        "window '0d' is empty; a rolling window is at least 1d");
    assertThatThrownBy(() -> SloWindow.parse("99999999999d", BERLIN)).hasMessage(
        "window '99999999999d' is more days than a window can hold");
    assertThatThrownBy(() -> SloWindow.parse("month", null)).hasMessage("a calendar window needs a time zone");
  }

  @Test
  void aRollingWindowIsItsDaysOf24HoursUpToTheInstantEvenOverAClockChange() {
    Instant at = berlin("2026-03-31T12:00");
    SloPeriod week = SloWindow.parse("7d", BERLIN).containing(at);
    assertThat(week.whole()).isEqualTo(new Interval(Instant.parse("2026-03-24T10:00:00Z"), at));
    assertThat(week.length()).isEqualTo(Duration.ofHours(168));
    assertThat(week.elapsed()).isEqualTo(week.whole());
    assertThat(week.remaining()).isZero();
    assertThat(week.resets()).isFalse();
    assertThat(SloWindow.parse("30d", BERLIN).containing(at).length()).isEqualTo(Duration.ofHours(720));
  }

  @Test
  void aCalendarMonthTenDaysInHasTheWholeMonthAndTenDaysElapsed() {
    SloPeriod march = SloWindow.parse("month", BERLIN).containing(berlin("2026-03-11T00:00"));
    assertThat(march.whole()).isEqualTo(new Interval(Instant.parse("2026-02-28T23:00:00Z"),
        Instant.parse("2026-03-31T22:00:00Z")));
    assertThat(march.length()).as("31 days less the hour clocks skip on 29 March").isEqualTo(Duration.ofHours(743));
    assertThat(march.elapsed().duration()).isEqualTo(Duration.ofDays(10));
    assertThat(march.remaining()).isEqualTo(Duration.ofHours(503));
    assertThat(march.resets()).isTrue();
  }

  @Test
  void monthsLast28To31DaysAndAnHourMoreOrLessWhenClocksChange() {
    assertThat(monthLength("2026-02-10T00:00", ZoneOffset.UTC)).isEqualTo(Duration.ofDays(28));
    assertThat(monthLength("2028-02-29T23:59", ZoneOffset.UTC)).isEqualTo(Duration.ofDays(29));
    assertThat(monthLength("2026-04-30T23:59:59.999999999", ZoneOffset.UTC)).isEqualTo(Duration.ofDays(30));
    assertThat(monthLength("2026-01-01T00:00", ZoneOffset.UTC)).isEqualTo(Duration.ofDays(31));
    assertThat(monthLength("2026-10-25T02:30", BERLIN)).isEqualTo(Duration.ofHours(745));
    assertThat(monthLength("2026-03-29T03:00", BERLIN)).isEqualTo(Duration.ofHours(743));
    assertThat(monthLength("2026-03-10T12:00", ZoneId.of("America/New_York"))).isEqualTo(Duration.ofHours(743));
  }

  private static Duration monthLength(String local, ZoneId zone) {
    Instant at = LocalDateTime.parse(local).atZone(zone).toInstant();
    return new SloWindow.Calendar(SloWindow.Calendar.Unit.MONTH, zone).containing(at).length();
  }

  @Test
  void aWeekRunsFromMondayAndTheWeekOfA23HourDayLasts167Hours() {
    SloWindow week = SloWindow.parse("week", BERLIN);
    SloPeriod dst = week.containing(berlin("2026-03-29T23:59:59"));
    assertThat(dst.whole()).isEqualTo(new Interval(berlin("2026-03-23T00:00"), berlin("2026-03-30T00:00")));
    assertThat(dst.length()).isEqualTo(Duration.ofHours(167));
    assertThat(week.containing(berlin("2026-10-26T00:00")).whole().start()).isEqualTo(berlin("2026-10-26T00:00"));
    assertThat(week.containing(berlin("2026-10-25T12:00")).length()).isEqualTo(Duration.ofHours(169));
    assertThat(week.containing(berlin("2026-12-31T08:00")).whole()).as("ISO week 53 reaches into January")
        .isEqualTo(new Interval(berlin("2026-12-28T00:00"), berlin("2027-01-04T00:00")));
  }

  @Test
  void aQuarterIsThreeCalendarMonths() {
    SloWindow quarter = SloWindow.parse("quarter", BERLIN);
    assertThat(quarter.containing(berlin("2026-02-15T00:00")).whole())
        .isEqualTo(new Interval(berlin("2026-01-01T00:00"), berlin("2026-04-01T00:00")));
    assertThat(quarter.containing(berlin("2026-02-15T00:00")).length()).isEqualTo(Duration.ofHours(90 * 24 - 1));
    assertThat(quarter.containing(berlin("2026-12-31T23:59")).length()).isEqualTo(Duration.ofHours(92 * 24 + 1));
    assertThat(quarter.containing(berlin("2026-07-01T00:00")).whole().start()).isEqualTo(berlin("2026-07-01T00:00"));
  }

  @Test
  void aCalendarWindowHoldsItsInstantAndTheNextStartsWhereItEnds() {
    List<ZoneId> zones = List.of(ZoneOffset.UTC, BERLIN, ZoneId.of("America/New_York"), ZoneId.of("Australia/Sydney"),
        ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Apia"));
    SplittableRandom random = new SplittableRandom(20260310L);
    for (int i = 0; i < 2000; i++) {
      ZoneId zone = zones.get(random.nextInt(zones.size()));
      SloWindow.Calendar.Unit unit = SloWindow.Calendar.Unit.values()[random.nextInt(3)];
      Instant at = Instant.ofEpochSecond(random.nextLong(1_700_000_000L, 2_000_000_000L), random.nextInt(1_000_000_000));
      SloPeriod period = new SloWindow.Calendar(unit, zone).containing(at);
      String why = unit + " holding " + at + " in " + zone;
      assertThat(period.whole().contains(at)).as(why).isTrue();
      LocalDate first = period.whole().start().atZone(zone).toLocalDate();
      assertThat(first.atStartOfDay(zone).toInstant()).as(why).isEqualTo(period.whole().start());
      assertThat(period.elapsed().duration().plus(period.remaining())).as(why).isEqualTo(period.length());
      SloPeriod next = new SloWindow.Calendar(unit, zone).containing(period.whole().end());
      assertThat(next.whole().start()).as("the period after " + why).isEqualTo(period.whole().end());
    }
  }
}
