package dev.vigil.report;

import java.time.Duration;
import java.time.Instant;

/** RFC 4180 fields; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run text as a formula. */
final class Csv {

  private Csv() {}

  static String field(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  static String seconds(Duration d) {
    return d == null ? "" : number(d.toMillis() / 1000.0);
  }

  static String number(Double value) {
    if (value == null) {
      return "";
    }
    return value == Math.rint(value) ? Long.toString(value.longValue()) : Double.toString(value);
  }

  static String instant(Instant at) {
    return at == null ? "" : at.toString();
  }
}
