package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How pages show times and links. */
class FormatsTest {

  static final Instant NOON = Instant.parse("2026-03-29T12:00:00Z");
  final Formats paris = new Formats(ZoneId.of("Europe/Paris"), new TestClock(NOON));

  @Test
  void onlyWebLinksBecomeAnchors() {
    assertThat(paris.safeUrl("https://runbooks.example.com/api")).isTrue();
    assertThat(paris.safeUrl("HTTP://example.com")).isTrue();
    assertThat(paris.safeUrl("javascript:alert(1)")).isFalse();
    assertThat(paris.safeUrl(" javascript:alert(1)")).isFalse();
    assertThat(paris.safeUrl("data:text/html,<script>alert(1)</script>")).isFalse();
    assertThat(paris.safeUrl("//evil.example.com")).isFalse();
    assertThat(paris.safeUrl(null)).isFalse();
  }

  @Test
  void timesInTheReadersZoneAndAsAges() {
    assertThat(paris.time(NOON)).isEqualTo("2026-03-29 14:00"); // summer time began that night
    assertThat(paris.time(NOON.plusSeconds(59))).as("to the minute, without seconds").isEqualTo("2026-03-29 14:00");
    assertThat(paris.ago(NOON.minusSeconds(30))).isEqualTo("just now");
    assertThat(paris.ago(NOON.minus(Duration.ofMinutes(5)))).isEqualTo("5 min ago");
    assertThat(paris.ago(NOON.minus(Duration.ofHours(30)))).isEqualTo("30 h ago");
    assertThat(paris.ago(NOON.minus(Duration.ofDays(3)))).isEqualTo("3 days ago");
    assertThat(Formats.duration(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(Formats.duration(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(Formats.duration(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Formats.duration(null)).isEmpty();
  }

  @Test
  void anUptimeFigureNamesItsWindowOnlyWhenItCoversAllOfIt() {
    Instant dayAgo = NOON.minus(Duration.ofDays(1));
    assertThat(Formats.coverage(dayAgo, NOON, dayAgo, NOON, "24 hours")).isEqualTo("24 hours");
    assertThat(Formats.coverage(NOON.minus(Duration.ofMinutes(14)), NOON, dayAgo, NOON, "24 hours"))
        .isEqualTo("the last 14 min");
    assertThat(Formats.coverage(dayAgo.plusSeconds(1), NOON, dayAgo, NOON, "24 hours"))
        .as("a second short is not the whole day").isEqualTo("the last 1 day");
    assertThat(Formats.coverage(dayAgo, dayAgo.plus(Duration.ofMinutes(125)), dayAgo, NOON, "24 hours"))
        .as("known only at the start").isEqualTo("2 h 5 min");
    assertThat(Formats.coverage(null, null, dayAgo, NOON, "24 hours")).isEqualTo("24 hours");
    assertThat(Formats.span(Duration.ofSeconds(40))).isEqualTo("40 s");
    assertThat(Formats.span(Duration.ofSeconds(14 * 60 + 29))).isEqualTo("14 min");
    assertThat(Formats.span(Duration.ofSeconds(14 * 60 + 30))).isEqualTo("15 min");
    assertThat(Formats.span(Duration.ofHours(27))).isEqualTo("1 day 3 h");
    assertThat(Formats.span(Duration.ofDays(89).plusMinutes(10))).isEqualTo("89 days");
  }
}
