package dev.vigil.slo;

import dev.vigil.catalog.Durations;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenSLO's duration shorthand ({@code 5m}, {@code 28d}, {@code 1M}): a whole number and one unit letter. */
final class OpenSloDurations {

  private static final Pattern SHORTHAND = Pattern.compile("([0-9]{1,9})([mhdwMQY])");

  private static final Pattern MILLIS = Pattern.compile("([0-9]{1,9})ms");

  private OpenSloDurations() {}

  /** A shorthand as written: its number and its unit letter. */
  record Shorthand(long value, char unit) {

    /** The length in minutes, hours, days or weeks; months, quarters and years have no fixed length. */
    Duration fixed() {
      return switch (unit) {
        case 'm' -> Duration.ofMinutes(value);
        case 'h' -> Duration.ofHours(value);
        case 'd' -> Duration.ofDays(value);
        case 'w' -> Duration.ofDays(7 * value);
        default -> null;
      };
    }
  }

  static Shorthand shorthand(OpenSloNode field) {
    String text = field.required();
    Matcher m = SHORTHAND.matcher(text);
    if (!m.matches()) {
      throw field.refused("expected a duration shorthand such as 5m, 1h, 28d, 1w, 1M or 1Q, got '" + text + "'");
    }
    return new Shorthand(Long.parseLong(m.group(1)), m.group(2).charAt(0));
  }

  /** A shorthand of minutes, hours, days or weeks as a duration. */
  static Duration fixed(OpenSloNode field) {
    Duration d = shorthand(field).fixed();
    if (d == null) {
      throw field.refused("expected minutes, hours, days or weeks (m, h, d, w), got '" + field.text() + "'");
    }
    return d;
  }

  /** The largest whole unit of minutes, hours or days; null for a duration that is not whole minutes. */
  static String text(Duration d) {
    long s = d.toSeconds();
    if (d.toNanosPart() != 0 || s <= 0 || s % 60 != 0) {
      return null;
    }
    return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s / 60 + "m";
  }

  /** A duration in Vigil's own metric source specs, as the catalog writes them ({@code 300ms}, {@code 1s}). */
  static Duration vigil(OpenSloNode field) {
    String text = field.required();
    Matcher ms = MILLIS.matcher(text);
    Duration d = ms.matches() ? Duration.ofMillis(Long.parseLong(ms.group(1))) : Durations.parse(text);
    if (d == null) {
      throw field.refused("expected a duration such as 300ms, 2s or 1m, got '" + text + "'");
    }
    return d;
  }
}
