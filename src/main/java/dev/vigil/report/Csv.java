package dev.vigil.report;

import dev.vigil.system.InvalidException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** RFC 4180 fields; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run text as a formula. */
public final class Csv {

  private Csv() {}

  public static String field(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /**
   * Whether a client asks for CSV: by {@code format} (csv or json, anything else a 400 naming it), else by its
   * {@code Accept} header; JSON by default.
   */
  public static boolean wanted(String format, String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new InvalidException("format: expected csv or json, got '" + format + "'");
      };
    }
    return accept != null && accept.contains("text/csv");
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

  /** The reliability report's rows under a header naming the grouping: the API's CSV and the reports page's. */
  static String reliability(ReliabilityReport.GroupBy group, List<ReliabilityReport.Row> rows) {
    StringBuilder out = new StringBuilder(group.value() + ",count,acknowledged,mitigated,resolved,open,"
        + "mtta_seconds,mttm_seconds,mttr_seconds,mtbf_seconds,rto_breaches\r\n");
    for (ReliabilityReport.Row r : rows) {
      out.append(field(r.group())).append(',').append(r.count()).append(',').append(r.acknowledged())
          .append(',').append(r.mitigated()).append(',').append(r.resolved()).append(',').append(r.open())
          .append(',').append(seconds(r.mtta())).append(',').append(seconds(r.mttm())).append(',')
          .append(seconds(r.mttr())).append(',').append(seconds(r.mtbf())).append(',')
          .append(r.rtoBreaches()).append("\r\n");
    }
    return out.toString();
  }
}
