package dev.vigil.slo;

import dev.vigil.availability.CalendarPeriod;
import dev.vigil.availability.Interval;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * SLOs as the API, the pages and the SLA ledger read them: every SLO with its latest state, one SLO with its burn
 * rates and history, and which calendar periods met the objective. Everything comes from what the minutely
 * evaluation stored; an SLO not evaluated yet has no state.
 */
@Service
public class SloBoard {

  /**
   * An SLO's latest evaluation.
   *
   * @param state no_data, zero_traffic or measured: without measurement there is no SLI and no share of the budget
   * @param measuredAt the instant the figures are measured up to (probe data: the end of the last whole five minutes)
   * @param budgetUnitSeconds how long one unit of the budget lasts (a slice, a second); null for events
   * @param consumedShare the share of the budget spent, above 1 once overspent; null unless measured
   * @param burnRates the burn rate over each lookback that measured something
   * @param exhaustedAt when the budget runs out at the last hour's burn rate; null when it does not in the window
   * @param firing the burn-rate rules that fire, as people read them
   * @param raised the responses raised as alerts: page, ticket
   * @param notifiedThreshold the highest budget threshold (percent consumed) the owning team was told of this period
   * @param lastDataAt when the source last answered
   * @param lastError why the source last failed, when it failed at its last evaluation or since its last answer
   */
  public record Status(String slo, String service, Instant evaluatedAt, Instant measuredAt, String state,
      BigDecimal sli, BigDecimal budgetTotal, BigDecimal budgetConsumed, BigDecimal budgetUnitSeconds,
      BigDecimal consumedShare, Map<Duration, BigDecimal> burnRates, Instant exhaustedAt, Instant periodStart,
      Instant periodEnd, List<String> firing, List<String> raised, BigDecimal notifiedThreshold, Instant notifiedAt,
      Instant lastDataAt, String lastError, Instant lastErrorAt) {

    public Status {
      burnRates = Map.copyOf(burnRates);
      firing = List.copyOf(firing);
      raised = List.copyOf(raised);
    }

    /** The share of the budget left, below 0 once overspent; empty unless measured. */
    public Optional<BigDecimal> remainingShare() {
      return Optional.ofNullable(consumedShare).map(BigDecimal.ONE::subtract);
    }

    /** Whether the source failed since it last answered: the figures are those of its last answer. */
    public boolean stale() {
      return lastErrorAt != null && (lastDataAt == null || lastErrorAt.isAfter(lastDataAt));
    }

    /** What the SLO's state says in words: "no data since ..., last error ..." when its source fails. */
    public String summary() {
      if (stale()) {
        return "no data since " + (lastDataAt == null ? "the SLO was declared" : lastDataAt) + ", last error: "
            + lastError;
      }
      return switch (state) {
        case "no_data" -> "no data in the window";
        case "zero_traffic" -> "no traffic in the window";
        default -> "measured";
      };
    }
  }

  /**
   * One history point: its own step's good and total (events, judged slices, or seconds up and counted), and the
   * whole window's SLI, share of the budget left and last hour's burn rate at the step's last evaluation.
   */
  public record Point(Instant at, BigDecimal good, BigDecimal total, BigDecimal sli, BigDecimal remainingShare,
      BigDecimal burnRate) {}

  /** An SLO as the catalog declares it, in the arithmetic's terms. */
  public record Declared(String slo, String service, String team, BigDecimal objective, String window, ZoneId zone,
      String budgeting, String alerting) {}

  /** One SLO: as declared, its latest state (empty before its first evaluation), its history. */
  public record Detail(Declared declared, Optional<Status> status, List<Point> fiveMinutes, List<Point> days) {}

  /** One calendar period's compliance: its good over its total, and whether that met the objective. */
  public record PeriodCompliance(Interval period, LocalDate first, BigDecimal good, BigDecimal total, BigDecimal sli,
      boolean met) {}

  private final SloDefinitions definitions;
  private final SloRepository repository;
  private final Clock clock;

  SloBoard(SloDefinitions definitions, SloRepository repository, Clock clock) {
    this.definitions = definitions;
    this.repository = repository;
    this.clock = clock;
  }

  /** Every SLO's latest state, least budget left first (those without a share of it last). */
  public List<Status> list() {
    return repository.all().stream().sorted(Comparator.comparing((Status s) -> s.remainingShare().orElse(null),
        Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  /** The SLO of this name with its five-minute points over its window and its daily points of 13 months. */
  public Optional<Detail> one(String slo) {
    Instant now = clock.instant();
    return definitions.one(slo).map(d -> new Detail(declared(d), repository.find(slo),
        repository.points(slo, SloEvaluator.FIVE_MINUTES, now.minus(d.window().containing(now).length()), now),
        repository.points(slo, SloEvaluator.DAY, SloEvaluator.dailyRetention(d, now), now)));
  }

  /**
   * Which calendar periods met the objective, oldest first, from the daily points kept (13 months): the SLO's own
   * week, month or quarter for a calendar window, months for a rolling one, in the SLO's zone. The period under way
   * is the last.
   */
  public List<PeriodCompliance> compliance(String slo) {
    Instant now = clock.instant();
    Optional<SloDefinition> found = definitions.one(slo);
    if (found.isEmpty()) {
      return List.of();
    }
    SloDefinition d = found.get();
    ZoneId zone = d.zone();
    CalendarPeriod unit = d.window() instanceof SloWindow.Calendar c ? c.unit().period : CalendarPeriod.MONTH;
    List<PeriodCompliance> out = new ArrayList<>();
    PeriodCompliance current = null;
    for (Point p : repository.points(slo, SloEvaluator.DAY, SloEvaluator.dailyRetention(d, now), now)) {
      Interval period = unit.containing(p.at(), zone);
      if (current == null || !current.period().equals(period)) {
        if (current != null) {
          out.add(current);
        }
        current = new PeriodCompliance(period, ZonedDateTime.ofInstant(period.start(), zone).toLocalDate(),
            BigDecimal.ZERO, BigDecimal.ZERO, null, false);
      }
      BigDecimal good = current.good().add(p.good());
      BigDecimal total = current.total().add(p.total());
      BigDecimal sli = total.signum() == 0 ? null : Exact.divide(good, total);
      current = new PeriodCompliance(period, current.first(), good, total, sli,
          sli != null && sli.compareTo(d.objective().ratio()) >= 0);
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  private static Declared declared(SloDefinition d) {
    return new Declared(d.name(), d.service(), d.team(), d.objective().percent(), d.window().text(), d.zone(),
        d.budgeting().value(), d.alerting().value());
  }
}
