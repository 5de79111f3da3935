package dev.vigil.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog;
import dev.vigil.heartbeat.Heartbeats.Kind;
import dev.vigil.heartbeat.Heartbeats.Signal;
import dev.vigil.system.InvalidException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a heartbeat is due and down, by period and by cron in a time zone; and what a ping URL's suffix means. */
class HeartbeatScheduleTest {

  static Catalog.Heartbeat cron(String expression, String zone) {
    return new Catalog.Heartbeat("export", null, null, expression, zone, Duration.ofMinutes(30), null, null);
  }

  @Test
  void aPeriodIsCountedFromThePing() {
    HeartbeatSchedule s = HeartbeatSchedule.of(new Catalog.Heartbeat("w", null, Duration.ofMinutes(1), null, null,
        null, null, null));
    Instant ping = Instant.parse("2026-03-01T10:00:07Z");
    assertThat(s.dueAfter(ping)).isEqualTo(Instant.parse("2026-03-01T10:01:07Z"));
    assertThat(s.deadline(s.dueAfter(ping))).as("1h grace by default").isEqualTo(Instant.parse("2026-03-01T11:01:07Z"));
  }

  @Test
  void cronFollowsItsTimeZoneAcrossDaylightSaving() {
    HeartbeatSchedule berlin = HeartbeatSchedule.of(cron("30 2 * * *", "Europe/Berlin"));
    // Winter: 02:30 in Berlin is 01:30 UTC.
    assertThat(berlin.dueAfter(Instant.parse("2026-01-10T01:35:00Z"))).isEqualTo(Instant.parse("2026-01-11T01:30:00Z"));
    // Summer: 00:30 UTC.
    assertThat(berlin.dueAfter(Instant.parse("2026-07-10T00:35:00Z"))).isEqualTo(Instant.parse("2026-07-11T00:30:00Z"));
    // 29 March 2026 has no 02:30 in Berlin (02:00 jumps to 03:00): the next run is the day after.
    assertThat(berlin.dueAfter(Instant.parse("2026-03-28T01:35:00Z"))).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    assertThat(berlin.deadline(Instant.parse("2026-03-30T00:30:00Z"))).isEqualTo(Instant.parse("2026-03-30T01:00:00Z"));

    HeartbeatSchedule utc = HeartbeatSchedule.of(cron("30 2 * * *", null));
    assertThat(utc.dueAfter(Instant.parse("2026-01-10T01:35:00Z"))).isEqualTo(Instant.parse("2026-01-10T02:30:00Z"));
  }

  @Test
  void cronReadsCrontabsDayRuleAndNicknames() {
    // Day of month 1 or a Monday, as crontab reads a restricted day of month and day of week.
    HeartbeatSchedule s = HeartbeatSchedule.of(cron("0 0 1 * mon", "UTC"));
    assertThat(s.dueAfter(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
    assertThat(s.dueAfter(Instant.parse("2026-03-30T12:00:00Z"))).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(HeartbeatSchedule.of(cron("@hourly", "UTC")).dueAfter(Instant.parse("2026-03-28T12:10:00Z")))
        .isEqualTo(Instant.parse("2026-03-28T13:00:00Z"));
  }

  @Test
  void aPingUrlsSuffixIsItsSignal() {
    assertThat(Signal.of(null)).isEqualTo(new Signal(Kind.SUCCESS, null));
    assertThat(Signal.of("start")).isEqualTo(new Signal(Kind.START, null));
    assertThat(Signal.of("fail")).isEqualTo(new Signal(Kind.FAIL, null));
    assertThat(Signal.of("0")).isEqualTo(new Signal(Kind.SUCCESS, 0));
    assertThat(Signal.of("1")).isEqualTo(new Signal(Kind.FAIL, 1));
    assertThat(Signal.of("255")).isEqualTo(new Signal(Kind.FAIL, 255));
    for (String bad : new String[] {"256", "-1", "1000", "Start", "log", "0x1", ""}) {
      assertThatThrownBy(() -> Signal.of(bad)).as(bad).isInstanceOf(InvalidException.class)
          .hasMessageContaining("/start, /fail, or an exit status 0 to 255");
    }
  }
}
