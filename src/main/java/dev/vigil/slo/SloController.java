package dev.vigil.slo;

import dev.vigil.report.Csv;
import dev.vigil.web.RequestTimes;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/slos}: every SLO with its budget, state and burn rates, least budget left first, as JSON or CSV;
 * one SLO with its history and compliance per period; and {@code /api/v1/services/{name}/error-budget}, the
 * service's error budget policy and its decision for a deploy now (docs/api/slos.md).
 */
@RestController
class SloController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final SloViews views;

  SloController(SloViews views) {
    this.views = views;
  }

  /**
   * Every SLO with its service, team, objective, window, SLI, error budget, state, burn rates, when the budget runs
   * out and the rules that fire; the least budget left first, those without figures last.
   *
   * @param service only the SLOs of this service
   * @param team only the SLOs of this team's services
   * @param label only the SLOs of services with this tag, written key=value
   * @param format json or csv (else the Accept header decides; JSON by default)
   */
  @ApiResponse(responseCode = "200", description = "The SLOs", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = SloViews.Slo[].class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  @GetMapping("/api/v1/slos")
  ResponseEntity<?> list(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String label, @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    boolean csv = Csv.wanted(format, accept);
    List<SloViews.Slo> slos = views.list(service, team, label);
    if (csv) {
      return ResponseEntity.ok().contentType(CSV).header("Content-Disposition", "attachment; filename=\"slos.csv\"")
          .body(SloCsv.of(slos));
    }
    return ResponseEntity.ok(slos);
  }

  /**
   * One SLO as in the list, with its burn rate over each lookback, its burn-rate rules (which fire, the incident
   * each raised), its history and which calendar periods met the objective.
   *
   * @param name the SLO's name
   * @param from the history from this ISO-8601 instant (by default: five-minute points over the window, daily
   *     points over 13 months)
   * @param to the history until this ISO-8601 instant (now by default)
   */
  @GetMapping("/api/v1/slos/{name}")
  SloViews.Detail one(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Instant start = from == null ? null : RequestTimes.instant("from", from);
    Instant end = to == null ? null : RequestTimes.instant("to", to);
    return views.one(name, start, end);
  }

  /**
   * The service's error budget policy (notify, require-approval, freeze-deploys), its SLOs with the budget left, and
   * the decision for a deploy now: allowed, approval-required or frozen, naming the SLOs whose budget is spent.
   *
   * @param name the service's name
   */
  @GetMapping("/api/v1/services/{name}/error-budget")
  SloViews.ErrorBudgetDecision errorBudget(@PathVariable String name) {
    return views.errorBudget(name);
  }

  /** The SLO list as CSV, one row per SLO in the list's order, burn rates one column per lookback. */
  static final class SloCsv {

    static final List<String> LOOKBACKS = SloEvaluation.LOOKBACKS.stream().map(SloMetrics::label).toList();

    private SloCsv() {}

    static String of(List<SloViews.Slo> slos) {
      StringBuilder out = new StringBuilder("slo,service,team,objective,window,source,state,summary,sli,budget_unit,"
          + "budget_total,budget_consumed,budget_remaining,budget_remaining_seconds,remaining_share");
      LOOKBACKS.forEach(l -> out.append(",burn_rate_").append(l));
      out.append(",exhausted_at,firing\r\n");
      for (SloViews.Slo s : slos) {
        SloViews.Budget b = s.budget();
        out.append(String.join(",", Csv.field(s.name()), Csv.field(s.service()), Csv.field(s.team()),
            number(s.objective()), Csv.field(s.window()), Csv.field(s.source()), s.state(), Csv.field(s.summary()),
            number(s.sli()), b.unit(), number(b.total()), number(b.consumed()), number(b.remaining()),
            number(b.remainingSeconds()), number(b.remainingShare())));
        LOOKBACKS.forEach(l -> out.append(',').append(number(s.burnRates().get(l))));
        out.append(',').append(s.exhaustedAt() == null ? "" : s.exhaustedAt().toString()).append(',')
            .append(Csv.field(String.join("; ", s.firing()))).append("\r\n");
      }
      return out.toString();
    }

    static String number(BigDecimal value) {
      return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
  }
}
