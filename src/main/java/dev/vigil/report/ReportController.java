package dev.vigil.report;

import dev.vigil.system.InvalidException;
import dev.vigil.web.RequestTimes;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reports}: reliability numbers per service, team or severity, and the incidents behind them, as
 * JSON or CSV ({@code Accept: text/csv} or {@code format=csv}). Definitions are in docs/reports.md.
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final ReportRepository reports;
  private final Clock clock;

  ReportController(ReportRepository reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  /** One group's numbers in JSON: durations in seconds, null when there was nothing to measure. */
  record RowView(String group, int count, int acknowledged, int mitigated, int resolved, int open,
      Double mttaSeconds, Double mttmSeconds, Double mttrSeconds, Double mtbfSeconds, int rtoBreaches) {
    static RowView of(ReliabilityReport.Row r) {
      return new RowView(r.group(), r.count(), r.acknowledged(), r.mitigated(), r.resolved(), r.open(),
          seconds(r.mtta()), seconds(r.mttm()), seconds(r.mttr()), seconds(r.mtbf()), r.rtoBreaches());
    }
  }

  /** The reliability report in JSON. */
  record Reliability(Instant from, Instant to, String groupBy, List<RowView> rows) {}

  /** One incident of the incidents report. */
  record IncidentRow(long id, String title, String service, String team, String severity, String status,
      Instant createdAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt, Double ttaSeconds,
      Double ttmSeconds, Double ttrSeconds, Double rtoSeconds, boolean rtoBreached) {}

  /** The incidents report in JSON. */
  record IncidentsReport(Instant from, Instant to, List<IncidentRow> incidents) {}

  /**
   * MTTA, MTTM, MTTR, MTBF, counts and RTO breaches per service, team or severity, of the incidents created in
   * {@code [from, to)}, as JSON or CSV.
   *
   * @param from an ISO-8601 instant (30 days before {@code to} when absent)
   * @param to an ISO-8601 instant (now when absent)
   * @param groupBy service, team or severity
   * @param format json or csv (else the Accept header decides; JSON by default)
   */
  @ApiResponse(responseCode = "200", description = "The report", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = Reliability.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  @GetMapping("/reliability")
  ResponseEntity<?> reliability(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "service") String groupBy,
      @RequestParam(required = false) String format, @RequestHeader(value = "Accept", required = false) String accept) {
    ReliabilityReport.GroupBy group = ReliabilityReport.GroupBy.parse(groupBy);
    boolean csv = csv(format, accept);
    Range range = range(from, to);
    Instant now = clock.instant();
    List<ReliabilityReport.Row> rows = ReliabilityReport.compute(reports.incidents(range.from, range.to),
        group, range.from, range.to, now);
    if (csv) {
      return csvResponse(Csv.reliability(group, rows), "reliability.csv");
    }
    return ResponseEntity.ok(new Reliability(range.from, range.to, group.value(),
        rows.stream().map(RowView::of).toList()));
  }

  /**
   * The incidents created in {@code [from, to)} with their times to acknowledge, mitigate and resolve, and their
   * RTO, as JSON or CSV.
   *
   * @param from an ISO-8601 instant (30 days before {@code to} when absent)
   * @param to an ISO-8601 instant (now when absent)
   * @param format json or csv (else the Accept header decides; JSON by default)
   */
  @ApiResponse(responseCode = "200", description = "The report", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = IncidentsReport.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  @GetMapping("/incidents")
  ResponseEntity<?> incidents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String format, @RequestHeader(value = "Accept", required = false) String accept) {
    boolean csv = csv(format, accept);
    Range range = range(from, to);
    Instant now = clock.instant();
    List<IncidentRow> rows = new ArrayList<>();
    for (IncidentTimes i : reports.incidents(range.from, range.to)) {
      rows.add(new IncidentRow(i.id(), i.title(), i.service(), i.team(), i.severity(), i.status(), i.createdAt(),
          i.acknowledgedAt(), i.mitigatedAt(), i.resolvedAt(), seconds(i.timeToAcknowledge()),
          seconds(i.timeToMitigate()), seconds(i.timeToResolve()), seconds(i.rto()), i.rtoBreached(now)));
    }
    if (csv) {
      StringBuilder out = new StringBuilder("id,title,service,team,severity,status,created_at,acknowledged_at,"
          + "mitigated_at,resolved_at,tta_seconds,ttm_seconds,ttr_seconds,rto_seconds,rto_breached\r\n");
      for (IncidentRow r : rows) {
        out.append(r.id()).append(',').append(Csv.field(r.title())).append(',').append(Csv.field(r.service()))
            .append(',').append(Csv.field(r.team())).append(',').append(Csv.field(r.severity())).append(',')
            .append(r.status()).append(',').append(Csv.instant(r.createdAt())).append(',')
            .append(Csv.instant(r.acknowledgedAt())).append(',').append(Csv.instant(r.mitigatedAt())).append(',')
            .append(Csv.instant(r.resolvedAt())).append(',').append(Csv.number(r.ttaSeconds())).append(',')
            .append(Csv.number(r.ttmSeconds())).append(',').append(Csv.number(r.ttrSeconds())).append(',')
            .append(Csv.number(r.rtoSeconds())).append(',').append(r.rtoBreached()).append("\r\n");
      }
      return csvResponse(out.toString(), "incidents.csv");
    }
    return ResponseEntity.ok(new IncidentsReport(range.from, range.to, rows));
  }

  private record Range(Instant from, Instant to) {}

  /** [from, to): to defaults to now, from to thirty days before to. */
  private Range range(String from, String to) {
    Instant end = to == null ? clock.instant() : RequestTimes.instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : RequestTimes.instant("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidException("from: must be before to (" + start + " is not before " + end + ")");
    }
    return new Range(start, end);
  }

  private static boolean csv(String format, String accept) {
    if (format != null) {
      if (format.equals("csv")) {
        return true;
      }
      if (format.equals("json")) {
        return false;
      }
      throw new InvalidException("format: expected csv or json, got '" + format + "'");
    }
    return accept != null && accept.contains("text/csv");
  }

  static ResponseEntity<String> csvResponse(String body, String name) {
    return ResponseEntity.ok().contentType(CSV).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .body(body);
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
