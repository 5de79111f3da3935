package dev.vigil.oncall;

import dev.vigil.system.InvalidException;
import dev.vigil.web.RequestTimes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Reads the instants of API requests: ISO-8601 with an offset ({@code 2026-07-01T09:00:00Z},
 * {@code 2026-07-01T11:00+02:00}), or a local date-time or date read in the schedule's zone, between the years 1
 * and 9999; anything else is a 400 naming the parameter.
 */
final class Times {

  private Times() {}

  static Instant parse(String value, String field, ZoneId zone) {
    if (value == null || value.isBlank()) {
      throw new InvalidException(field + ": required, an ISO-8601 date-time such as 2026-07-01T09:00:00Z");
    }
    String text = value.strip();
    try {
      return RequestTimes.within(field, OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException e) {
      // not with an offset; try the local forms
    }
    try {
      return RequestTimes.within(field, LocalClock.instant(LocalDateTime.parse(text), zone));
    } catch (DateTimeException e) {
      // not a local date-time either
    }
    try {
      return RequestTimes.within(field, LocalClock.instant(LocalDate.parse(text).atStartOfDay(), zone));
    } catch (DateTimeException e) {
      throw new InvalidException(field + ": '" + shorten(text) + "' is not an ISO-8601 date-time; write it like"
          + " 2026-07-01T09:00:00Z, 2026-07-01T11:00+02:00, or 2026-07-01T09:00 in the schedule's time zone");
    }
  }

  /** {@code [from, to)} from optional parameters: from defaults to now, to to {@code from + defaultLength}. */
  static Instant[] range(String from, String to, ZoneId zone, Instant now, Duration defaultLength) {
    Instant start = from == null ? now : parse(from, "from", zone);
    Instant end = to == null ? start.plus(defaultLength) : parse(to, "to", zone);
    if (!end.isAfter(start)) {
      throw new InvalidException("to: must be after from (" + start + ")");
    }
    if (Duration.between(start, end).compareTo(OnCallService.MAX_RANGE) > 0) {
      throw new InvalidException("to: the range may span at most " + OnCallService.MAX_RANGE.toDays()
          + " days; ask for several ranges");
    }
    return new Instant[] {start, end};
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
