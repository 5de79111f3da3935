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

/** Who is on call: rotations, handoffs across daylight saving, restrictions, and higher layers winning. */
class OnCallTest {

  static Instant at(String local, String zone) {
    return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
  }

  static Catalog.Schedule schedule(String zone, Layer... layers) {
    return new Catalog.Schedule("s", null, zone, List.of(layers));
  }

  @Test
  void weeklyRotationHandsOffAtTheStartTimeEachWeek() {
    var s = schedule("Europe/Paris",
        new Layer("w", RotationType.WEEKLY, null, "2026-01-05T09:00", List.of("ana", "ben", "cy"), null));
    assertThat(OnCall.at(s, at("2026-01-05T08:59", "Europe/Paris"))).as("before the start").isEmpty();
    assertThat(OnCall.at(s, at("2026-01-05T09:00", "Europe/Paris"))).containsExactly("ana");
    assertThat(OnCall.at(s, at("2026-01-12T08:59", "Europe/Paris"))).containsExactly("ana");
    assertThat(OnCall.at(s, at("2026-01-12T09:00", "Europe/Paris"))).containsExactly("ben");
    assertThat(OnCall.at(s, at("2026-01-19T09:00", "Europe/Paris"))).containsExactly("cy");
    assertThat(OnCall.at(s, at("2026-01-26T09:00", "Europe/Paris"))).containsExactly("ana");
  }

  @Test
  void dailyHandoffStaysAtTheSameWallClockTimeAcrossDaylightSaving() {
    // London springs forward on 2026-03-29 at 01:00.
    var s = schedule("Europe/London",
        new Layer("d", RotationType.DAILY, null, "2026-03-27T09:00", List.of("ana", "ben"), null));
    assertThat(OnCall.at(s, at("2026-03-29T08:59", "Europe/London"))).containsExactly("ben");
    assertThat(OnCall.at(s, at("2026-03-29T09:00", "Europe/London"))).containsExactly("ana");
    assertThat(OnCall.at(s, at("2026-03-30T09:00", "Europe/London"))).containsExactly("ben");
  }

  @Test
  void customShiftsHandOffEveryShiftLength() {
    var s = schedule("UTC",
        new Layer("sun", RotationType.CUSTOM, Duration.ofHours(12), "2026-01-05T07:00", List.of("eu", "us"), null));
    assertThat(OnCall.at(s, at("2026-01-05T18:59", "UTC"))).containsExactly("eu");
    assertThat(OnCall.at(s, at("2026-01-05T19:00", "UTC"))).containsExactly("us");
    assertThat(OnCall.at(s, at("2026-01-06T07:00", "UTC"))).containsExactly("eu");
  }

  @Test
  void restrictionsLeaveGapsAndNightWindowsRunPastMidnight() {
    var nights = new Layer("nights", RotationType.WEEKLY, null, "2026-01-05T00:00", List.of("owl"),
        List.of(new Restriction(List.of("fri"), "22:00", "06:00")));
    var s = schedule("UTC", nights);
    assertThat(OnCall.at(s, at("2026-01-09T23:00", "UTC"))).as("Friday night").containsExactly("owl");
    assertThat(OnCall.at(s, at("2026-01-10T05:59", "UTC"))).as("still Friday's window").containsExactly("owl");
    assertThat(OnCall.at(s, at("2026-01-10T06:00", "UTC"))).isEmpty();
    assertThat(OnCall.at(s, at("2026-01-10T23:00", "UTC"))).as("Saturday night is not covered").isEmpty();
  }

  @Test
  void aHigherLayerWinsWhereItCoversAndTheLowerOneFillsTheRest() {
    var base = new Layer("base", RotationType.WEEKLY, null, "2026-01-05T00:00", List.of("ana"), null);
    var office = new Layer("office", RotationType.DAILY, null, "2026-01-05T00:00", List.of("ben"),
        List.of(new Restriction(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00")));
    var s = schedule("Europe/Berlin", base, office);
    assertThat(OnCall.at(s, at("2026-01-07T10:00", "Europe/Berlin"))).containsExactly("ben");
    assertThat(OnCall.at(s, at("2026-01-07T18:00", "Europe/Berlin"))).containsExactly("ana");
    assertThat(OnCall.at(s, at("2026-01-10T10:00", "Europe/Berlin"))).as("Saturday").containsExactly("ana");
  }
}
