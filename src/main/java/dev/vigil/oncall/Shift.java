package dev.vigil.oncall;

import java.time.Instant;
import java.util.List;

/**
 * A final shift: who is on call from {@code start} (inclusive) to {@code end} (exclusive) after layers, temporary
 * schedules and overrides, and what put them there: the layer (null inside a temporary schedule or where only an
 * override adds someone), the temporary schedule (null outside one), and the overrides that changed it, in order.
 */
public record Shift(Instant start, Instant end, List<String> users, String layer, String temporary,
    List<String> overrides) {

  public Shift {
    users = List.copyOf(users);
    overrides = List.copyOf(overrides);
  }

  /** Whether the instant falls in this shift. */
  public boolean covers(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
