package dev.vigil.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The documented dead man's switch pings as often as the worked example's heartbeat expects. */
class WatchdogRecipeTest {

  final WatchdogRecipe recipe = WatchdogRecipe.documented();

  @Test
  void everyFlushOfTheWatchdogGroupIsSent() {
    // Alertmanager re-sends an unchanged group at a group_interval tick only if repeat_interval has passed since the
    // last send, which ended a few milliseconds after the previous tick: with equal intervals every other tick is
    // skipped and the heartbeat hears from it every two group intervals.
    assertThat(recipe.repeatInterval()).isLessThan(recipe.groupInterval());
  }

  @Test
  void theWorkedExamplesHeartbeatExpectsThatCadence() {
    Catalog example = CatalogLoader.withEnvironment(k -> null).load(Path.of("examples/smuvdrive/vigil.yaml"))
        .catalog();
    Catalog.Heartbeat watchdog = example.service("monitoring").orElseThrow().heartbeats().stream()
        .filter(h -> h.name().equals("alertmanager-watchdog")).findFirst().orElseThrow();
    assertThat(watchdog.period()).isEqualTo(recipe.groupInterval());
    assertThat(watchdog.graceOrDefault()).as("a late or lost notification or two does not page")
        .isGreaterThanOrEqualTo(recipe.groupInterval().multipliedBy(2));
  }

  @Test
  void durationsAreReadAsAlertmanagerWritesThem() {
    assertThat(WatchdogRecipe.duration("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(WatchdogRecipe.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(WatchdogRecipe.duration("500ms")).isEqualTo(Duration.ofMillis(500));
  }
}
