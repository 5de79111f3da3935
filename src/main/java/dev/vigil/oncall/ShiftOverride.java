package dev.vigil.oncall;

import java.time.Instant;

/**
 * A change of who is on call from {@code start} to {@code end}: {@code add} comes on call alongside whoever is,
 * {@code remove} goes off call, and both together replace {@code remove} by {@code add} wherever {@code remove} would
 * be on call. {@code id} names it in shifts: {@code file-N} for the N-th override in the config file, the database id
 * for one made through the API.
 */
public record ShiftOverride(String id, Instant start, Instant end, String add, String remove) {

  public ShiftOverride {
    if (add == null && remove == null) {
      throw new IllegalArgumentException("an override adds or removes someone");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("an override ends after it starts");
    }
  }
}
