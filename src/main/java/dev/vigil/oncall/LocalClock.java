package dev.vigil.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns wall-clock times of a schedule's zone into instants by one rule for handoffs, restrictions, overrides and
 * temporary schedules alike (ADR 0006): a local time that does not exist (skipped when clocks go forward) means the
 * first instant after the gap; a local time that happens twice (clocks go back) means its first occurrence. Both
 * keep later local times at later or equal instants, so shifts never run backwards.
 */
public final class LocalClock {

  private LocalClock() {}

  /** The instant of a local date-time in the zone, in epoch milliseconds. */
  static long millis(LocalDateTime local, ZoneRules rules) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.size() == 1) {
      return toMillis(local, offsets.getFirst());
    }
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant().toEpochMilli();
    }
    // Two valid offsets: the larger one gives the earlier instant, the first occurrence.
    ZoneOffset earlier = offsets.get(0).getTotalSeconds() > offsets.get(1).getTotalSeconds() ? offsets.get(0)
        : offsets.get(1);
    return toMillis(local, earlier);
  }

  /** The instant of a local date-time in the zone, by the rule above. */
  public static Instant instant(LocalDateTime local, ZoneId zone) {
    return Instant.ofEpochMilli(millis(local, zone.getRules()));
  }

  private static long toMillis(LocalDateTime local, ZoneOffset offset) {
    return local.toEpochSecond(offset) * 1000 + local.getNano() / 1_000_000;
  }
}
