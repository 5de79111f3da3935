package dev.vigil.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations people write in configuration ({@code 30s}, {@code 1h30m}, {@code 2d}, and {@code 300ms} for
 * latencies) and ISO-8601 ones.
 */
public final class Durations {

  private static final String SHORT = "([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?";
  private static final String ISO = "P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?";

  /** Both forms, written so that Java and ECMA-262 (JSON Schema) read it the same way. */
  static final String PATTERN = "^(" + SHORT + "|" + ISO + ")$";

  public static final String HINT = "use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M";

  private static final Pattern SHORT_FORM = Pattern.compile(SHORT);
  private static final Pattern ISO_FORM = Pattern.compile(ISO);

  private Durations() {}

  /** The duration, or null when the text is neither form (or too large to represent). */
  public static Duration parse(String text) {
    try {
      Matcher m = SHORT_FORM.matcher(text);
      if (!text.isEmpty() && m.matches()) {
        Duration d = Duration.ZERO;
        d = d.plus(unit(m.group(1)).multipliedBy(7 * 24 * 3600));
        d = d.plus(unit(m.group(2)).multipliedBy(24 * 3600));
        d = d.plus(unit(m.group(3)).multipliedBy(3600));
        d = d.plus(unit(m.group(4)).multipliedBy(60));
        d = d.plus(unit(m.group(5)));
        return m.group(6) == null ? d
            : d.plusMillis(Long.parseLong(m.group(6).substring(0, m.group(6).length() - 2)));
      }
      if (ISO_FORM.matcher(text).matches()) {
        return Duration.parse(text);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      return null;
    }
    return null;
  }

  /** The number before a unit letter as seconds of that unit, or zero when the unit is not written. */
  private static Duration unit(String group) {
    return group == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(group.substring(0, group.length() - 1)));
  }
}
