package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupTest {

  static final Instant HOUR = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void percentilesAreWithinTheBucketPrecision() {
    Rollup r = new Rollup(HOUR);
    for (int ms = 1; ms <= 100; ms++) {
      r.add(true, Duration.ofMillis(ms));
    }
    r.add(false, Duration.ofSeconds(10));
    assertThat(r.count()).isEqualTo(101);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.percentileMillis(0.5)).isCloseTo(50, within(50 * 0.05));
    assertThat(r.percentileMillis(0.95)).isCloseTo(95, within(95 * 0.05));
    assertThat(r.percentileMillis(0.99)).isCloseTo(99, within(99 * 0.05));
    assertThat(new Rollup(HOUR).percentileMillis(0.5)).isNaN();
  }

  @Test
  void recordsRoundTripAndRecordsOfTheSameFiveMinutesMerge() {
    Rollup a = new Rollup(HOUR.plus(Duration.ofMinutes(15)));
    a.add(true, Duration.ofMillis(12));
    a.add(false, Duration.ofMillis(3));
    Rollup b = new Rollup(HOUR.plus(Duration.ofMinutes(15)));
    b.add(true, Duration.ofMillis(300));
    Rollup c = new Rollup(HOUR.plus(Duration.ofMinutes(55)));
    c.add(true, Duration.ofNanos(400_000));

    byte[] a1 = a.encode();
    byte[] data = new byte[a1.length + b.encode().length + c.encode().length];
    System.arraycopy(c.encode(), 0, data, 0, c.encode().length);
    System.arraycopy(a1, 0, data, c.encode().length, a1.length);
    System.arraycopy(b.encode(), 0, data, c.encode().length + a1.length, b.encode().length);

    List<Rollup> decoded = Rollup.decode(HOUR, data);
    assertThat(decoded).extracting(Rollup::start)
        .containsExactly(HOUR.plus(Duration.ofMinutes(15)), HOUR.plus(Duration.ofMinutes(55)));
    assertThat(decoded.getFirst().count()).isEqualTo(3);
    assertThat(decoded.getFirst().failures()).isEqualTo(1);
    assertThat(decoded.getFirst().percentileMillis(1.0)).isCloseTo(300, within(15.0));
    assertThat(decoded.get(1).percentileMillis(0.5)).isEqualTo(0.5);
  }

  @Test
  void tenChecksTakeAFewBytes() {
    Rollup r = new Rollup(HOUR);
    for (int i = 0; i < 10; i++) {
      r.add(i != 3, Duration.ofMillis(40 + i));
    }
    assertThat(r.encode().length).isLessThan(20);
    assertThat(Rollup.startOf(Instant.parse("2026-03-02T10:07:59Z"))).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
  }
}
