package dev.vigil.coverage;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.web.FormTimes;
import dev.vigil.web.SvgChart;
import dev.vigil.web.UiController;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The coverage page: the total score, per team and per tier, its daily trend as a chart, the next ten actions, and a
 * table of services by checks, filtered by team or tier. The same scorecard as the coverage API.
 */
@UiController
class CoveragePages {

  private final CoverageBoard board;
  private final CatalogQueries catalog;

  CoveragePages(CoverageBoard board, CatalogQueries catalog) {
    this.board = board;
    this.catalog = catalog;
  }

  @GetMapping("/coverage")
  String coverage(@RequestParam(required = false) String team, @RequestParam(required = false) String tier,
      Model model) {
    Catalog all = catalog.catalog();
    CoverageQuery query = CoverageQuery.of(all, team, tier, null);
    Scorecard card = board.scorecard().only(query.team(), query.tier());
    List<CoverageSnapshots.Snapshot> trend = board.trend(query.days());
    model.addAttribute("section", "coverage");
    model.addAttribute("card", card);
    model.addAttribute("failedCount", card.services().stream().mapToInt(s -> s.failed().size()).sum());
    model.addAttribute("checks", Arrays.asList(CoverageCheck.values()));
    model.addAttribute("team", query.team() == null ? "" : query.team());
    model.addAttribute("tier", query.tier() == null ? "" : String.valueOf(query.tier()));
    model.addAttribute("teams", all.teams().stream().map(Catalog.Team::name).sorted().toList());
    model.addAttribute("trendDays", trend.size());
    if (!trend.isEmpty()) {
      model.addAttribute("trendSvg", chart(trend, FormTimes.readerZone(model)));
    }
    return "coverage/coverage";
  }

  /** The total score day by day, one point a day at the day's start in the reader's zone. */
  private static String chart(List<CoverageSnapshots.Snapshot> trend, ZoneId zone) {
    List<SvgChart.Point> points = trend.stream().map(s -> new SvgChart.Point(s.day().atStartOfDay(zone).toInstant(),
        s.total().percent() == null ? null : s.total().percent().doubleValue())).toList();
    CoverageSnapshots.Snapshot last = trend.getLast();
    String description = "Total coverage score over " + Scorecard.count(trend.size(), "day") + ", one point a day;"
        + " on " + last.day() + " " + (last.total().percent() == null ? "nothing to check"
            : last.total().percent().toPlainString() + " %") + ".";
    Instant from = trend.getFirst().day().atStartOfDay(zone).toInstant();
    Instant to = last.day().plusDays(1).atStartOfDay(zone).toInstant();
    // Every check passed, as a dashed line at 100 %: it holds the axis at 100 and shows how far there is to go.
    return SvgChart.lines(new SvgChart.Frame("Coverage score", description, zone, "coverage-chart",
            v -> Math.round(v) + " %", 140), from, to,
        List.of(new SvgChart.Line("Total score", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, points),
            new SvgChart.Line("Every check passed", SvgChart.Tone.GREEN, SvgChart.Stroke.DASHED,
                List.of(new SvgChart.Point(from, 100.0), new SvgChart.Point(to, 100.0)))));
  }
}
