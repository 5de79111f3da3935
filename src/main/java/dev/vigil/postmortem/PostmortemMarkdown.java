package dev.vigil.postmortem;

import dev.vigil.incident.OpenIntervals;
import dev.vigil.incident.TimelineText;
import dev.vigil.sla.SlaExposure;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A postmortem as a Markdown document, for wikis and pull requests. */
final class PostmortemMarkdown {

  private PostmortemMarkdown() {}

  /** The document as a response: Markdown, shown inline, named postmortem-ID.md when saved. */
  static ResponseEntity<String> response(long incidentId, String markdown) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .header("Content-Disposition", "inline; filename=\"postmortem-" + incidentId + ".md\"")
        .body(markdown);
  }

  static String render(Postmortems.View v) {
    Postmortems.Document d = v.document();
    Postmortems.Impact impact = v.impact();
    StringBuilder md = new StringBuilder();
    md.append("# Postmortem: #").append(v.incidentId()).append(' ').append(line(v.title())).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    row(md, "Severity", v.severity());
    row(md, "Service", v.service());
    row(md, "Status", v.status().words());
    row(md, "Owner", v.owner());
    row(md, "Due", v.dueAt() == null ? null : TimelineText.time(v.dueAt()) + (v.overdue() ? " (overdue)" : ""));
    md.append('\n');
    section(md, "Summary", d.summary());
    md.append("## Impact\n\n");
    md.append("- Started: ").append(TimelineText.time(impact.startedAt())).append('\n');
    md.append("- Mitigated: ").append(TimelineText.time(impact.mitigatedAt())).append('\n');
    md.append("- Resolved: ").append(TimelineText.time(impact.resolvedAt())).append('\n');
    md.append("- Duration: ").append(duration(impact.duration())).append(" (downtime until mitigation: ")
        .append(duration(impact.downtime())).append(")\n");
    if (impact.openIntervals().size() > 1) {
      md.append("- Open: ").append(openIntervals(impact.openIntervals())).append('\n');
    }
    md.append("- Affected services: ").append(String.join(", ", impact.affectedServices())).append('\n');
    if (!impact.downstreamImpact().isEmpty()) {
      md.append("- Alerted as downstream impact: ").append(String.join(", ", impact.downstreamImpact())).append('\n');
    }
    md.append("- Customers with affected contracts: ")
        .append(impact.customers().isEmpty() ? "none" : String.join(", ", impact.customers().keySet())).append("\n\n");
    if (!impact.slaExposure().isEmpty()) {
      md.append("| Customer | Contract | Period | Allowed downtime | Budget used by this outage | Budget used in the period"
          + " | Period availability | Credit |\n");
      md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
      for (SlaExposure.Exposure e : impact.slaExposure()) {
        md.append("| ").append(cell(e.customer())).append(" | ").append(cell(e.contract())).append(" | ")
            .append(e.period()).append(" from ").append(e.periodStart()).append(" | ")
            .append(duration(e.allowedDowntime())).append(" | ").append(e.budgetUsedPercent()).append("% | ")
            .append(e.periodBudgetUsedPercent()).append("% | ").append(e.availabilityPercent()).append("% | ").append(e.creditPercent()).append("% |\n");
      }
      md.append('\n');
    }
    if (d.impact() != null && !d.impact().isBlank()) {
      md.append(d.impact().strip()).append("\n\n");
    }
    md.append("## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n");
    for (Postmortems.TimelineEntry e : d.timeline()) {
      md.append("| ").append(TimelineText.time(e.at())).append(" | ").append(cell(e.text())).append(" |\n");
    }
    md.append('\n');
    section(md, "Root cause", d.rootCause());
    bullets(md, "Contributing factors", d.contributingFactors(), false);
    bullets(md, "Five whys", d.fiveWhys(), true);
    bullets(md, "What went well", d.wentWell(), false);
    bullets(md, "What went badly", d.wentBadly(), false);
    md.append("## Action items\n\n");
    if (v.actionItems().isEmpty()) {
      md.append("None yet.\n");
    } else {
      md.append("| Item | Owner | Due | Status | Tracker |\n| --- | --- | --- | --- | --- |\n");
      for (PostmortemRepository.ActionItem i : v.actionItems()) {
        md.append("| ").append(cell(i.title())).append(" | ").append(cell(i.owner())).append(" | ")
            .append(i.dueDate() == null ? "" : i.dueDate()).append(" | ").append(i.status().words())
            .append(" | ").append(i.trackerUrl() == null ? "" : "<" + i.trackerUrl() + ">").append(" |\n");
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value == null ? "" : cell(value)).append(" |\n");
  }

  private static void section(StringBuilder md, String title, String text) {
    md.append("## ").append(title).append("\n\n").append(text == null || text.isBlank() ? "_To be written._"
        : text.strip()).append("\n\n");
  }

  private static void bullets(StringBuilder md, String title, List<String> items, boolean numbered) {
    md.append("## ").append(title).append("\n\n");
    if (items.isEmpty()) {
      md.append("_To be written._\n\n");
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      md.append(numbered ? (i + 1) + ". " : "- ").append(line(items.get(i))).append('\n');
    }
    md.append('\n');
  }

  /** Text in a table cell: one line, pipes escaped. */
  static String cell(String text) {
    return text == null ? "" : line(text).replace("|", "\\|");
  }

  private static String line(String text) {
    return text.replaceAll("[\\r\\n]+", " ").strip();
  }

  /** The times a re-opened incident was open, each "from to until", separated by semicolons. */
  static String openIntervals(List<OpenIntervals.Interval> intervals) {
    StringBuilder text = new StringBuilder();
    for (OpenIntervals.Interval i : intervals) {
      text.append(text.isEmpty() ? "" : "; ").append(TimelineText.time(i.opened())).append(" to ")
          .append(i.resolved() == null ? "now" : TimelineText.time(i.resolved()));
    }
    return text.toString();
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    return (s >= 86400 ? s / 86400 + "d " : "") + (s % 86400 >= 3600 ? (s % 86400) / 3600 + "h " : "")
        + ((s % 3600) / 60) + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
  }
}
