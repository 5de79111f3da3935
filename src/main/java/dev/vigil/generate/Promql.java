package dev.vigil.generate;

import java.math.BigDecimal;
import java.time.Duration;

/** Numbers and durations written as PromQL and Prometheus's YAML read them, the same way every time. */
final class Promql {

  private Promql() {}

  /** A number without exponent or trailing zeros: 0.5, 14.4, 2147483648. */
  static String number(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** A duration in its largest whole unit, as Prometheus writes it: 5m, 1h, 3d, 90s. */
  static String duration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds == 0) {
      return "0s";
    }
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** A share as people read it: 0.01 is 1%, 0.025 is 2.5%. */
  static String percent(double ratio) {
    return new BigDecimal(Double.toString(ratio)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
