package dev.vigil.coverage;

import dev.vigil.catalog.CatalogQueries;
import dev.vigil.report.Csv;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/coverage}: the coverage scorecard as JSON, or its checks one per row as CSV (docs/coverage.md). */
@RestController
class CoverageController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  /** The scorecard as the API gives it, with the daily trend of its total. */
  record CoverageView(Scorecard.Score total, Map<String, Scorecard.Score> byTeam, Map<Integer, Scorecard.Score> byTier,
      List<Scorecard.Action> nextActions, List<Scorecard.ServiceCard> services, List<TrendPoint> trend) {}

  /** One day's total score. */
  record TrendPoint(LocalDate day, BigDecimal percent) {}

  private final CoverageBoard board;
  private final CatalogQueries catalog;

  CoverageController(CoverageBoard board, CatalogQueries catalog) {
    this.board = board;
    this.catalog = catalog;
  }

  /**
   * The coverage scorecard: the total score, per team and per tier, the next ten actions ranked, each service's
   * checks with their outcome, reason and fix, and the total's daily trend.
   *
   * @param team only this team's services
   * @param tier only the services of this tier (1 to 4)
   * @param days the trend over this many days, 1 to 400 (90 by default)
   * @param format json or csv (else the Accept header decides; JSON by default)
   */
  @ApiResponse(responseCode = "200", description = "The scorecard", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = CoverageView.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  @GetMapping("/api/v1/coverage")
  ResponseEntity<?> coverage(@RequestParam(required = false) String team, @RequestParam(required = false) String tier,
      @RequestParam(required = false) String days, @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    boolean csv = Csv.wanted(format, accept);
    CoverageQuery query = CoverageQuery.of(catalog.catalog(), team, tier, days);
    Scorecard card = board.scorecard().only(query.team(), query.tier());
    if (csv) {
      return ResponseEntity.ok().contentType(CSV)
          .header("Content-Disposition", "attachment; filename=\"coverage.csv\"").body(rows(card));
    }
    return ResponseEntity.ok(new CoverageView(card.total(), card.byTeam(), card.byTier(), card.nextActions(),
        card.services(), board.trend(query.days()).stream()
            .map(s -> new TrendPoint(s.day(), s.total().percent())).toList()));
  }

  /** One row per service and check, in the scorecard's order. */
  static String rows(Scorecard card) {
    StringBuilder out = new StringBuilder("service,team,tier,service_score,check,weight,outcome,reason,fix\r\n");
    for (Scorecard.ServiceCard s : card.services()) {
      for (Scorecard.Result r : s.checks()) {
        out.append(String.join(",", Csv.field(s.service()), Csv.field(s.team()), String.valueOf(s.tier()),
            s.score().percent() == null ? "" : s.score().percent().toPlainString(), r.check().key(),
            String.valueOf(r.check().weight()), r.outcome().value(), Csv.field(r.reason()),
            Csv.field(r.fix() == null ? "" : r.fix()))).append("\r\n");
      }
    }
    return out.toString();
  }
}
