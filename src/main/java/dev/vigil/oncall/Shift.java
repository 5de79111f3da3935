package dev.vigil.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  /** Who a schedule's shifts (in order) have on call at an instant: nobody in a gap. */
  public static List<String> onCallAt(List<Shift> shifts, Instant at) {
    return shifts.stream().filter(s -> s.covers(at)).findFirst().map(Shift::users).orElse(List.of());
  }

  /** The first shift after {@code now} that hands over to other people than those on call now. */
  public static Optional<Shift> nextHandoff(List<Shift> shifts, Instant now) {
    List<String> current = onCallAt(shifts, now);
    return shifts.stream().filter(s -> s.start().isAfter(now) && !s.users().equals(current)).findFirst();
  }
}
