package dev.vigil.web;

import dev.vigil.system.InvalidException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the instants requests give (query parameters such as {@code since} and {@code from}, cursors): ISO-8601
 * instants between the years 1 and 9999, the range PostgreSQL, Java's timestamps and every report can all hold.
 * Java's parser takes years up to ±999,999,999; such a year would overflow later, in the middle of a query.
 */
public final class RequestTimes {

  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private RequestTimes() {}

  /** The instant {@code value} of parameter {@code name}; a 400 naming it when it is not one or out of range. */
  public static Instant instant(String name, String value) {
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidException(name + ": '" + shown(value) + "' is not an ISO-8601 instant such as"
          + " 2026-11-22T10:00:00Z");
    }
    return within(name, instant);
  }

  /** {@code instant} when it is between the years 1 and 9999; else a 400 naming parameter {@code name}. */
  public static Instant within(String name, Instant instant) {
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new InvalidException(name + ": must be between the years 1 and 9999, got " + instant);
    }
    return instant;
  }

  private static String shown(String value) {
    String printable = StorableText.printable(value);
    return printable.length() > 60 ? printable.substring(0, 57) + "..." : printable;
  }
}
