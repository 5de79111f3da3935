package dev.vigil.oncall;

import java.time.Instant;
import java.util.List;

/**
 * Fixed shifts that replace all layers of a schedule from {@code start} to {@code end}; the rest of that period is a
 * gap. {@code id} names it in shifts: {@code file-N} for the N-th in the config file, the database id otherwise.
 */
public record TemporarySchedule(String id, String name, Instant start, Instant end, List<FixedShift> shifts) {

  public TemporarySchedule {
    shifts = List.copyOf(shifts);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a temporary schedule ends after it starts");
    }
  }

  /** One shift of a temporary schedule. */
  public record FixedShift(Instant start, Instant end, List<String> users) {
    public FixedShift {
      users = List.copyOf(users);
    }
  }
}
