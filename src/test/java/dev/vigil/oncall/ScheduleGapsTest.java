package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.CatalogKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gap warnings for {@code vigil validate}: which schedule, exactly when, and none for the worked example. */
class ScheduleGapsTest {

  static Catalog load(Path file) {
    return CatalogLoader.withEnvironment(k -> null).load(file).catalog();
  }

  @Test
  void theWorkedExampleHasSomebodyOnCallAllYearRound() {
    Catalog example = load(Path.of("examples/smuvdrive/vigil.yaml"));
    assertThat(ScheduleGaps.findings(example, Instant.parse("2026-11-22T00:00:00Z"), Duration.ofDays(366))).isEmpty();
    assertThat(ScheduleGaps.findings(example, Instant.now(), ScheduleGaps.DEFAULT_HORIZON)).isEmpty();
  }

  @Test
  void theWorkedExampleHasARotationForEveryTeamThatIsPaged() {
    Catalog example = load(Path.of("examples/smuvdrive/vigil.yaml"));
    List<String> onCallPeople = example.schedules().stream().flatMap(s -> s.layers().stream())
        .flatMap(l -> l.participants().stream()).distinct().toList();
    example.teams().stream().filter(t -> !t.name().equals("customer-success"))
        .forEach(t -> assertThat(onCallPeople).as("team %s", t.name()).containsAnyElementsOf(t.members()));
    Catalog.Schedule sun = example.schedules().stream().filter(s -> s.name().equals("sre-follow-the-sun"))
        .findFirst().orElseThrow();
    assertThat(sun.layers().getFirst().shiftLength()).isEqualTo(Duration.ofHours(12));
    assertThat(sun.layers().getFirst().participants().stream().map(u -> example.user(u).orElseThrow().timeZone())
        .distinct()).as("two zones").hasSize(2);
    assertThat(example.schedules()).anyMatch(s -> s.layers().stream().anyMatch(l -> !l.restrictions().isEmpty()))
        .anyMatch(s -> !s.overrides().isEmpty()).anyMatch(s -> !s.temporary().isEmpty());
  }

  @Test
  void aBusinessHoursScheduleIsReportedWithItsGaps() {
    var office = new Catalog.Layer("office", Catalog.RotationType.WEEKLY, null, "2026-01-05T09:00", List.of("ana"),
        List.of(new Catalog.Restriction(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "18:00")));
    Catalog catalog = new Catalog(1, List.of(), List.of(), List.of(), List.of(),
        List.of(new Catalog.Schedule("office", null, "Europe/Paris", List.of(office))), List.of(), List.of(), null);

    // Monday 23 November 2026 08:00 UTC = 09:00 Paris, for a day.
    List<CatalogLoader.Finding> findings = ScheduleGaps.findings(catalog, Instant.parse("2026-11-23T08:00:00Z"),
        Duration.ofDays(1));

    assertThat(findings).containsExactly(new CatalogLoader.Finding(CatalogKind.SCHEDULE, "office",
        "schedule 'office' has nobody on call once in the next day (15 hours in all): from Mon 2026-11-23 18:00"
            + " to Tue 2026-11-24 09:00 (Europe/Paris)"));
    assertThat(ScheduleGaps.findings(catalog, Instant.parse("2026-11-23T08:00:00Z"), Duration.ofDays(14)).getFirst()
        .message()).contains("has nobody on call 10 times in the next 14 days").contains(" and 7 more (Europe/Paris)");
  }
}
