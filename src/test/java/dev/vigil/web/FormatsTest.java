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
}
