package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.Layer;
import dev.vigil.catalog.Catalog.Restriction;
import dev.vigil.catalog.Catalog.RotationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daylight-saving nights by hand, in the three zones people ask about. The rule (ADR 0006): handoffs are wall-clock
 * times in the schedule's zone; one that falls in the skipped hour happens at the first instant after the gap, one
 * that falls in the repeated hour happens at its first occurrence.
 *
 * <p>2026 transitions: London forward 29 Mar 01:00 GMT, back 25 Oct 02:00 BST; New York forward 8 Mar 02:00 EST,
 * back 1 Nov 02:00 EDT; Sydney back 5 Apr 03:00 AEDT, forward 4 Oct 02:00 AEST.
 */
class DaylightSavingTest {

  static Catalog.Schedule schedule(String zone, Layer... layers) {
    return new Catalog.Schedule("s", null, zone, List.of(layers));
  }

  static Layer layer(RotationType rotation, Duration length, String start, String... people) {
    return new Layer(null, rotation, length, start, List.of(people), null);
  }

  static Instant utc(String text) {
    return Instant.parse(text + ":00Z");
  }

  static String local(Instant instant, String zone) {
    return LocalDateTime.ofInstant(instant, ZoneId.of(zone)).toString();
  }

  /** Shift starts as UTC instants, with their users. */
  static List<String> handoffs(FinalSchedule schedule, String from, String to) {
    return schedule.shifts(utc(from), utc(to)).stream().map(s -> s.start() + " " + s.users()).toList();
  }

  @Test
  void londonDailyHandoffKeepsItsWallClockTimeSoTheShiftsAcrossTheChangesAre23And25Hours() {
    var s = FinalSchedule.of(schedule("Europe/London", layer(RotationType.DAILY, null, "2026-03-01T09:00", "ana",
        "ben")));
    List<Shift> spring = s.shifts(utc("2026-03-28T09:00"), utc("2026-03-30T09:00"));
    assertThat(spring).extracting(Shift::start).containsExactly(utc("2026-03-28T09:00"), utc("2026-03-29T08:00"),
        utc("2026-03-30T08:00"));
    assertThat(Duration.between(spring.get(0).start(), spring.get(0).end())).isEqualTo(Duration.ofHours(23));

    List<Shift> autumn = s.shifts(utc("2026-10-24T08:00"), utc("2026-10-26T10:00"));
    assertThat(autumn).extracting(Shift::start).containsExactly(utc("2026-10-24T08:00"), utc("2026-10-25T09:00"),
        utc("2026-10-26T09:00"));
    assertThat(Duration.between(autumn.get(0).start(), autumn.get(0).end())).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void londonHandoffInsideTheSkippedHourHappensWhenTheGapEnds() {
    // 01:30 does not exist on 29 March: the clocks jump from 01:00 GMT to 02:00 BST (01:00 UTC).
    var s = FinalSchedule.of(schedule("Europe/London", layer(RotationType.DAILY, null, "2026-03-01T01:30", "ana",
        "ben")));
    assertThat(s.shifts(utc("2026-03-28T01:30"), utc("2026-03-30T00:30")))
        .extracting(Shift::start, Shift::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(utc("2026-03-28T01:30"), utc("2026-03-29T01:00")),
            org.assertj.core.groups.Tuple.tuple(utc("2026-03-29T01:00"), utc("2026-03-30T00:30")));
    assertThat(local(utc("2026-03-29T01:00"), "Europe/London")).isEqualTo("2026-03-29T02:00");
    assertThat(s.at(utc("2026-03-29T00:59"))).containsExactly("ben");
    assertThat(s.at(utc("2026-03-29T01:00"))).containsExactly("ana");
  }

  @Test
  void londonHandoffInsideTheRepeatedHourHappensAtItsFirstOccurrence() {
    // 01:30 happens twice on 25 October: 00:30 UTC (BST) and 01:30 UTC (GMT).
    var s = FinalSchedule.of(schedule("Europe/London", layer(RotationType.DAILY, null, "2026-10-01T01:30", "ana",
        "ben")));
    List<Shift> shifts = s.shifts(utc("2026-10-24T00:30"), utc("2026-10-26T02:30"));
    assertThat(shifts).extracting(Shift::start).containsExactly(utc("2026-10-24T00:30"), utc("2026-10-25T00:30"),
        utc("2026-10-26T01:30"));
    assertThat(Duration.between(shifts.get(1).start(), shifts.get(1).end())).as("the night with 25 hours")
        .isEqualTo(Duration.ofHours(25));
    assertThat(s.at(utc("2026-10-25T01:15"))).as("01:15 GMT, the second 01:15 of the night: already handed off")
        .isEqualTo(s.at(utc("2026-10-25T00:30")));
  }

  @Test
  void newYorkHourlyShiftInTheSkippedHourIsEmptyAndInTheRepeatedHourLastsTwoHours() {
    var s = FinalSchedule.of(schedule("America/New_York", layer(RotationType.HOURLY, null, "2026-03-08T00:00",
        "ana", "ben", "cy")));
    // Local 00:00 ana, 01:00 ben, 02:00 cy (does not exist: 02:00 EST -> 03:00 EDT), 03:00 ana.
    assertThat(handoffs(s, "2026-03-08T05:00", "2026-03-08T09:00")).containsExactly(
        "2026-03-08T05:00:00Z [ana]", "2026-03-08T06:00:00Z [ben]", "2026-03-08T07:00:00Z [ana]",
        "2026-03-08T08:00:00Z [ben]");

    var autumn = FinalSchedule.of(schedule("America/New_York", layer(RotationType.HOURLY, null, "2026-11-01T00:00",
        "ana", "ben", "cy")));
    // Local 00:00 EDT ana, 01:00 EDT ben (until 02:00 EST, two hours), 02:00 EST cy.
    assertThat(handoffs(autumn, "2026-11-01T04:00", "2026-11-01T09:00")).containsExactly(
        "2026-11-01T04:00:00Z [ana]", "2026-11-01T05:00:00Z [ben]", "2026-11-01T07:00:00Z [cy]",
        "2026-11-01T08:00:00Z [ana]");
  }

  @Test
  void newYorkWeeklyHandoffInTheRepeatedHourIsTheFirstOccurrence() {
    var s = FinalSchedule.of(schedule("America/New_York", layer(RotationType.WEEKLY, null, "2026-10-25T01:30",
        "ana", "ben")));
    // Sunday 1 November 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
    assertThat(handoffs(s, "2026-10-31T00:00", "2026-11-09T00:00")).containsExactly(
        "2026-10-31T00:00:00Z [ana]", "2026-11-01T05:30:00Z [ben]", "2026-11-08T06:30:00Z [ana]");
  }

  @Test
  void sydneyWeeklyHandoffsInTheSkippedAndTheRepeatedHour() {
    // 4 October 02:30 does not exist (02:00 AEST -> 03:00 AEDT, 16:00 UTC the day before).
    var spring = FinalSchedule.of(schedule("Australia/Sydney", layer(RotationType.WEEKLY, null, "2026-09-27T02:30",
        "ana", "ben")));
    assertThat(handoffs(spring, "2026-09-27T00:00", "2026-10-11T00:00")).containsExactly(
        "2026-09-27T00:00:00Z [ana]", "2026-10-03T16:00:00Z [ben]", "2026-10-10T15:30:00Z [ana]");
    assertThat(local(utc("2026-10-03T16:00"), "Australia/Sydney")).isEqualTo("2026-10-04T03:00");

    // 5 April 02:30 happens at 15:30 UTC (AEDT) and 16:30 UTC (AEST) on the 4th.
    var autumn = FinalSchedule.of(schedule("Australia/Sydney", layer(RotationType.WEEKLY, null, "2026-03-29T02:30",
        "ana", "ben")));
    assertThat(handoffs(autumn, "2026-03-29T00:00", "2026-04-12T00:00")).containsExactly(
        "2026-03-29T00:00:00Z [ana]", "2026-04-04T15:30:00Z [ben]", "2026-04-11T16:30:00Z [ana]");
  }

  @Test
  void restrictionWindowsFollowTheLocalClockThroughTheNight() {
    // A night window 22:00-06:00 London: 8 hours most nights, 7 on the spring night, 9 on the autumn night.
    var nights = new Layer("nights", RotationType.WEEKLY, null, "2026-03-02T00:00", List.of("owl"),
        List.of(new Restriction(List.of(), "22:00", "06:00")));
    var s = FinalSchedule.of(schedule("Europe/London", nights));
    assertThat(s.shifts(utc("2026-03-28T12:00"), utc("2026-03-29T12:00")))
        .extracting(x -> Duration.between(x.start(), x.end())).containsExactly(Duration.ofHours(7));
    assertThat(s.shifts(utc("2026-10-24T12:00"), utc("2026-10-25T12:00")))
        .extracting(x -> Duration.between(x.start(), x.end())).containsExactly(Duration.ofHours(9));
  }

  @Test
  void twelveHourFollowTheSunAcrossZonesKeepsLondonHandoffsWhileSydneyLocalTimesMove() {
    // One rotation planned in London: the London engineer takes 08:00-20:00, the Sydney engineer 20:00-08:00.
    var s = FinalSchedule.of(schedule("Europe/London", layer(RotationType.CUSTOM, Duration.ofHours(12),
        "2026-03-23T08:00", "london", "sydney")));
    List<Shift> shifts = s.shifts(utc("2026-03-27T08:00"), utc("2026-04-07T08:00"));
    assertThat(shifts).allSatisfy(x -> assertThat(local(x.start(), "Europe/London")).endsWith(
        x.users().equals(List.of("london")) ? "T08:00" : "T20:00"));
    Shift springNight = shifts.stream().filter(x -> x.start().equals(utc("2026-03-28T20:00"))).findFirst()
        .orElseThrow();
    assertThat(springNight.users()).containsExactly("sydney");
    assertThat(Duration.between(springNight.start(), springNight.end())).isEqualTo(Duration.ofHours(11));
    // Seen from Sydney, the night shift starts at 07:00 (GMT vs AEDT), 06:00 after London's change (BST vs AEDT)
    // and 05:00 after Sydney's own change (BST vs AEST).
    List<String> sydneyStarts = shifts.stream().filter(x -> x.users().equals(List.of("sydney")))
        .map(x -> local(x.start(), "Australia/Sydney").substring(11)).distinct().toList();
    assertThat(sydneyStarts).containsExactly("07:00", "06:00", "05:00");

    // The same cover as two layers with restrictions, one per region: no gap and no overlap through both changes.
    var europe = new Layer("europe", RotationType.WEEKLY, null, "2026-03-23T08:00", List.of("london"),
        List.of(new Restriction(List.of(), "08:00", "20:00")));
    var australia = new Layer("australia", RotationType.WEEKLY, null, "2026-03-23T20:00", List.of("sydney"),
        List.of(new Restriction(List.of(), "20:00", "08:00")));
    var layered = FinalSchedule.of(schedule("Europe/London", europe, australia));
    assertThat(layered.gaps(utc("2026-03-24T00:00"), utc("2026-04-10T00:00"))).isEmpty();
    assertThat(layered.at(utc("2026-03-29T07:30"))).as("08:30 BST").containsExactly("london");
    assertThat(layered.at(utc("2026-03-29T06:30"))).as("07:30 BST").containsExactly("sydney");
  }
}
