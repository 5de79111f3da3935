package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.notify.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells the owning team's members when an SLO has consumed 50, 75 and 100 percent of its budget (or the thresholds
 * it declares): a notice about no incident, which never pages, once per threshold and period. A calendar window's
 * period is its week, month or quarter; a rolling window has none, so a threshold is told again only after the
 * budget recovered below it.
 */
@Component
class SloNotices {

  private final CatalogQueries catalog;
  private final Outbox outbox;

  SloNotices(CatalogQueries catalog, Outbox outbox) {
    this.catalog = catalog;
    this.outbox = outbox;
  }

  /** The threshold told of, and when, after this evaluation; notices queued in the caller's transaction. */
  record Told(BigDecimal threshold, Instant at) {}

  /**
   * Queues a notice when the budget consumed has crossed a threshold higher than the one told of before
   * ({@code before}, already forgotten when the period changed); returns the threshold told of now.
   */
  Told check(SloDefinition slo, SloEvaluation evaluation, Told before, Instant now) {
    if (evaluation.budget().consumedShare().isEmpty()) {
      return before;
    }
    BigDecimal percent = evaluation.budget().consumedShare().get().movePointRight(2);
    BigDecimal crossed = null;
    for (BigDecimal threshold : slo.thresholds()) {
      if (percent.compareTo(threshold) >= 0) {
        crossed = threshold;
      }
    }
    if (crossed == null) {
      return new Told(null, null);
    }
    if (before.threshold() != null && crossed.compareTo(before.threshold()) <= 0) {
      // Below what was told, a rolling window has recovered: the lower threshold is what stands now.
      return crossed.compareTo(before.threshold()) < 0 ? new Told(crossed, before.at()) : before;
    }
    String periodKey = evaluation.period().resets() ? evaluation.period().whole().start().toString()
        : now.toString();
    String subject = "SLO " + slo.name() + " of " + slo.service() + " has used " + crossed.stripTrailingZeros()
        .toPlainString() + " % of its error budget";
    String text = subject + " (" + percent.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString()
        + " % now, window " + slo.window().text() + ", objective " + slo.objective().percent().toPlainString()
        + " %).\nNobody is paged for this: burn-rate alerts page when the budget burns fast.\n";
    for (String member : members(slo)) {
      outbox.notice(member, "SLO budget", subject, text, "slo-budget-" + slo.name() + "-" + crossed.toPlainString()
          + "-" + periodKey + "-" + member);
    }
    return new Told(crossed, now);
  }

  private List<String> members(SloDefinition slo) {
    return catalog.catalog().team(slo.team()).map(Catalog.Team::members).orElse(List.of());
  }
}
