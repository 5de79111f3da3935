package dev.vigil.sla;

import dev.vigil.web.Formats;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A customer's SLA statement for account managers, as CSV (one line per incident that counted, or one for a period
 * without) and Markdown: each contract's period with its figures and the incidents that caused its downtime.
 */
final class SlaStatement {

  static final String CSV_HEADER = "customer,contract,period,first_day,last_day,zone,objective_percent,"
      + "allowed_downtime_seconds,downtime_seconds,budget_used_percent,availability_percent,credit_percent,"
      + "amount_owed,currency,incident_id,incident_title,incident_service,incident_severity,counted_seconds\r\n";

  private SlaStatement() {}

  /** RFC 4180 lines; text that a spreadsheet would run as a formula is quoted with a leading '. */
  static String csv(List<ContractLedger> periods) {
    StringBuilder out = new StringBuilder(CSV_HEADER);
    for (ContractLedger l : periods) {
      String figures = String.join(",", text(l.customer()), text(l.contract()), l.period(), l.firstDay().toString(),
          l.lastDay().toString(), l.zone(), number(l.objectivePercent()), seconds(l.allowedDowntime()),
          seconds(l.downtime()), number(l.budgetUsedPercent()), number(l.availabilityPercent()),
          number(l.creditPercent()), amount(l.amountOwed()), text(l.currency()));
      if (l.incidents().isEmpty()) {
        out.append(figures).append(",,,,,\r\n");
      }
      for (ContractLedger.CountedIncident i : l.incidents()) {
        out.append(figures).append(',').append(i.id()).append(',').append(text(i.title())).append(',')
            .append(text(i.service())).append(',').append(text(i.severity())).append(',')
            .append(seconds(i.counted())).append("\r\n");
      }
    }
    return out.toString();
  }

  /** The statement in Markdown, under the customer's name and the period asked for. */
  static String markdown(String customer, String period, List<ContractLedger> periods) {
    StringBuilder md = new StringBuilder("# SLA statement: ").append(cell(customer)).append(", ").append(period)
        .append("\n\n");
    if (periods.isEmpty()) {
      md.append("No contract of this customer has a period in ").append(period).append(".\n");
    }
    for (ContractLedger l : periods) {
      md.append("## ").append(cell(l.contract())).append(", ").append(l.period()).append("\n\n");
      md.append("- Period: ").append(l.firstDay()).append(" to ").append(l.lastDay()).append(" (").append(l.zone())
          .append(")").append(l.underWay() ? ", under way" : "").append('\n');
      md.append("- Services: ").append(String.join(", ", l.services())).append('\n');
      md.append("- Objective: ").append(number(l.objectivePercent())).append(" %, allowing ")
          .append(Formats.duration(l.allowedDowntime())).append(" of downtime\n");
      md.append("- Downtime: ").append(Formats.duration(l.downtime())).append(" (").append(number(
          l.budgetUsedPercent())).append(" % of the allowed downtime)\n");
      md.append("- Availability: ").append(number(l.availabilityPercent())).append(" %\n");
      md.append("- Credit: ").append(number(l.creditPercent())).append(" %");
      if (l.amountOwed() != null) {
        md.append(", ").append(amount(l.amountOwed())).append(' ').append(l.currency() == null ? "" : l.currency())
            .append(" of ").append(amount(l.fee()));
      }
      md.append('\n');
      if (l.note() != null) {
        md.append("- Note: ").append(l.note()).append('\n');
      }
      if (l.runsOutOn() != null) {
        md.append("- Forecast: at the burn so far the allowed downtime runs out on ").append(l.runsOutOn())
            .append('\n');
      }
      md.append('\n');
      if (l.incidents().isEmpty()) {
        md.append("No incident counted.\n\n");
        continue;
      }
      md.append("| Incident | Title | Service | Severity | Counted |\n| --- | --- | --- | --- | --- |\n");
      for (ContractLedger.CountedIncident i : l.incidents()) {
        md.append("| #").append(i.id()).append(" | ").append(cell(i.title())).append(" | ").append(cell(i.service()))
            .append(" | ").append(i.severity() == null ? "unclassified" : cell(i.severity())).append(" | ")
            .append(Formats.duration(i.counted())).append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String text(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static String cell(String value) {
    return value == null ? "" : value.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
  }

  private static String seconds(Duration d) {
    return Long.toString(d.toSeconds());
  }

  private static String amount(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }

  /** 99.9, 10, 223.233: no trailing zeros. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
