package dev.vigil.report;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.InvalidException;
import dev.vigil.web.FormTimes;
import dev.vigil.web.Formats;
import dev.vigil.web.SvgChart;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports page: MTTA, MTTR, MTBF and RTO breaches by service, team and severity over a period the reader
 * chooses in their own zone, with incident counts per severity and MTTA/MTTR over time as charts, and each table as
 * the reliability report API's CSV, from the same computation.
 */
@UiController
class ReportPages {

  /** The periods offered by name, in days back from now. */
  static final Map<String, Integer> PERIODS = new LinkedHashMap<>();

  static {
    PERIODS.put("7d", 7);
    PERIODS.put("30d", 30);
    PERIODS.put("90d", 90);
    PERIODS.put("365d", 365);
  }

  /** The period shown, [from, to), and the name it was chosen by (null for dates). */
  record Period(String name, Instant from, Instant to, String fromDate, String toDate) {

    /** The query that asks for this period again, as it was asked for. */
    public String query() {
      return name != null ? "period=" + name : "from=" + fromDate + "&to=" + toDate;
    }
  }

  /** One grouping's table. */
  record Table(String groupBy, String title, List<ReliabilityReport.Row> rows) {}

  private final ReportRepository reports;
  private final CatalogQueries catalog;
  private final Clock clock;

  ReportPages(ReportRepository reports, CatalogQueries catalog, Clock clock) {
    this.reports = reports;
    this.catalog = catalog;
    this.clock = clock;
  }

  @GetMapping("/reports")
  String page(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Model model) {
    ZoneId zone = FormTimes.readerZone(model);
    Period shown = period(period, from, to, zone);
    Instant now = clock.instant();
    List<IncidentTimes> incidents = reports.incidents(shown.from(), shown.to());
    List<Table> tables = new ArrayList<>();
    for (ReliabilityReport.GroupBy g : ReliabilityReport.GroupBy.values()) {
      tables.add(new Table(g.value(), "By " + g.value(),
          ReliabilityReport.compute(incidents, g, shown.from(), shown.to(), now)));
    }
    model.addAttribute("section", "reports");
    model.addAttribute("period", shown);
    model.addAttribute("periods", PERIODS.keySet());
    model.addAttribute("incidents", incidents.size());
    model.addAttribute("tables", tables);
    if (!incidents.isEmpty()) {
      Buckets buckets = Buckets.of(shown.from(), shown.to(), zone);
      model.addAttribute("bucketName", buckets.name());
      model.addAttribute("countsSvg", counts(incidents, buckets, zone));
      model.addAttribute("trendSvg", trend(incidents, buckets, zone, now));
    }
    return "report/reports";
  }

  /** One table of the page as the reliability report API's CSV for the same period and grouping. */
  @GetMapping("/reports.csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "service") String groupBy,
      Model model) {
    ReliabilityReport.GroupBy group = ReliabilityReport.GroupBy.parse(groupBy);
    Period shown = period(period, from, to, FormTimes.readerZone(model));
    List<ReliabilityReport.Row> rows = ReliabilityReport.compute(reports.incidents(shown.from(), shown.to()), group,
        shown.from(), shown.to(), clock.instant());
    return ReportController.csvResponse(Csv.reliability(group, rows), "reliability-" + group.value() + ".csv");
  }

  /**
   * The period asked for: dates {@code from} and {@code to} (both included) in the reader's zone, else one of the
   * named periods back from now, 30 days by default.
   */
  Period period(String name, String from, String to, ZoneId zone) {
    boolean dates = !blank(from) || !blank(to);
    if (dates) {
      if (blank(from) || blank(to)) {
        throw new InvalidException((blank(from) ? "from" : "to") + ": give both dates, from and to, as YYYY-MM-DD");
      }
      LocalDate start = date("from", from);
      LocalDate end = date("to", to);
      if (end.isBefore(start)) {
        throw new InvalidException("to: " + end + " is before from, " + start);
      }
      return new Period(null, start.atStartOfDay(zone).toInstant(), end.plusDays(1).atStartOfDay(zone).toInstant(),
          start.toString(), end.toString());
    }
    String key = blank(name) ? "30d" : name;
    Integer days = PERIODS.get(key);
    if (days == null) {
      throw new InvalidException("period: '" + name + "' is not one of " + String.join(", ", PERIODS.keySet()));
    }
    Instant now = clock.instant();
    Instant start = now.minus(Duration.ofDays(days));
    return new Period(key, start, now, start.atZone(zone).toLocalDate().toString(),
        now.atZone(zone).toLocalDate().toString());
  }

  private static LocalDate date(String field, String value) {
    try {
      LocalDate date = LocalDate.parse(value.strip());
      if (date.getYear() < 1970 || date.getYear() > 9999) {
        throw new InvalidException(field + ": " + value.strip() + " is outside the years 1970 to 9999");
      }
      return date;
    } catch (DateTimeException e) {
      throw new InvalidException(field + ": '" + value + "' is not a date written YYYY-MM-DD");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The chart's time buckets: days for a fortnight or less, weeks up to 120 days, else months, in the zone. */
  record Buckets(String name, List<SvgChart.Bucket> list) {

    static Buckets of(Instant from, Instant to, ZoneId zone) {
      Duration span = Duration.between(from, to);
      String name = span.compareTo(Duration.ofDays(14)) <= 0 ? "day"
          : span.compareTo(Duration.ofDays(120)) <= 0 ? "week" : "month";
      ZonedDateTime start = from.atZone(zone).toLocalDate().atStartOfDay(zone);
      if (name.equals("week")) {
        start = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      } else if (name.equals("month")) {
        start = start.withDayOfMonth(1);
      }
      List<SvgChart.Bucket> list = new ArrayList<>();
      while (start.toInstant().isBefore(to)) {
        ZonedDateTime next = switch (name) {
          case "day" -> start.plusDays(1);
          case "week" -> start.plusWeeks(1);
          default -> start.plusMonths(1);
        };
        // The first and last buckets are cut to the period, so that counts add up to the tables'.
        Instant a = start.toInstant().isBefore(from) ? from : start.toInstant();
        Instant b = next.toInstant().isAfter(to) ? to : next.toInstant();
        list.add(new SvgChart.Bucket(a, b, null));
        start = next;
      }
      return new Buckets(name, list);
    }

    List<List<IncidentTimes>> split(List<IncidentTimes> incidents) {
      List<List<IncidentTimes>> per = new ArrayList<>();
      for (SvgChart.Bucket b : list) {
        per.add(incidents.stream()
            .filter(i -> !i.createdAt().isBefore(b.start()) && i.createdAt().isBefore(b.end())).toList());
      }
      return per;
    }
  }

  /** Incidents created per bucket, stacked by severity, most severe at the bottom. */
  private String counts(List<IncidentTimes> incidents, Buckets buckets, ZoneId zone) {
    List<String> severities = new ArrayList<>(catalog.catalog().incidentPolicyOrDefault().severitiesOrDefault()
        .stream().map(Catalog.SeverityLevel::name).toList());
    incidents.stream().map(i -> i.severity() == null ? "(none)" : i.severity()).distinct()
        .filter(s -> !severities.contains(s)).sorted().forEach(severities::add);
    List<List<IncidentTimes>> per = buckets.split(incidents);
    List<SvgChart.Stack> stacks = new ArrayList<>();
    SvgChart.Tone[] tones = {SvgChart.Tone.RED, SvgChart.Tone.AMBER, SvgChart.Tone.LINK, SvgChart.Tone.GREEN};
    for (String severity : severities) {
      List<Double> values = per.stream().map(list -> (double) list.stream()
          .filter(i -> severity.equals(i.severity() == null ? "(none)" : i.severity())).count()).toList();
      if (values.stream().anyMatch(v -> v > 0)) {
        int rank = stacks.size();
        stacks.add(new SvgChart.Stack(severity, rank < tones.length ? tones[rank] : SvgChart.Tone.MUTED, values));
      }
    }
    String most = per.stream().max((a, b) -> Integer.compare(a.size(), b.size())).map(l -> "; at most "
        + l.size() + " in one " + buckets.name()).orElse("");
    return SvgChart.bars(new SvgChart.Frame("Incidents per " + buckets.name() + " by severity",
        incidents.size() + " incidents in " + buckets.list().size() + " " + buckets.name() + "s" + most + ".",
        zone, "counts-chart", v -> String.valueOf(Math.round(v)), 140), buckets.list(), stacks, null);
  }

  /** MTTA and MTTR of the incidents created in each bucket, broken where none was acknowledged or resolved. */
  private String trend(List<IncidentTimes> incidents, Buckets buckets, ZoneId zone, Instant now) {
    List<List<IncidentTimes>> per = buckets.split(incidents);
    List<ReliabilityReport.Row> rows = per.stream().map(list -> ReliabilityReport.row("", list, now)).toList();
    ReliabilityReport.Row all = ReliabilityReport.row("", incidents, now);
    return SvgChart.lines(new SvgChart.Frame("MTTA and MTTR per " + buckets.name(),
            "Over the period: MTTA " + shown(all.mtta()) + ", MTTR " + shown(all.mttr()) + ".", zone, "trend-chart",
            v -> v == 0 ? "0" : Formats.duration(Duration.ofSeconds(Math.round(v * 60))), 140),
        buckets.list().getFirst().start(), buckets.list().getLast().end(), List.of(
            line("MTTA", SvgChart.Tone.AMBER, SvgChart.Stroke.DASHED, buckets, rows, ReliabilityReport.Row::mtta),
            line("MTTR", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, buckets, rows, ReliabilityReport.Row::mttr)));
  }

  private static SvgChart.Line line(String name, SvgChart.Tone tone, SvgChart.Stroke stroke, Buckets buckets,
      List<ReliabilityReport.Row> rows, Function<ReliabilityReport.Row, Duration> mean) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      SvgChart.Bucket b = buckets.list().get(i);
      Duration d = mean.apply(rows.get(i));
      // In the middle of its bucket, where the incidents it averages were created.
      points.add(new SvgChart.Point(b.start().plus(Duration.between(b.start(), b.end()).dividedBy(2)),
          d == null ? null : d.toMillis() / 60_000.0));
    }
    return new SvgChart.Line(name, tone, stroke, points);
  }

  private static String shown(Duration d) {
    return d == null ? "none measured" : Formats.duration(d);
  }
}
