package dev.vigil.sla;

import dev.vigil.availability.AvailabilityTarget;
import dev.vigil.availability.CreditTier;
import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import dev.vigil.catalog.Catalog;
import dev.vigil.incident.IncidentIntervals.ServiceOutage;
import dev.vigil.incident.OpenIntervals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * One contract's ledger for one period: the downtime that counted (the union of the counted incidents' impact on any
 * covered service, each instant once, credited to the incident whose impact reached it first), the availability it
 * leaves, the allowed downtime and the share used, the credit tier reached and the amount owed; for the period under
 * way, the day the allowed downtime runs out at the burn so far. ADR 0039 says what counts and why.
 *
 * @param measuredFrom {@code incidents}, or {@code slo} when the contract's SLO measured it
 * @param note why a contract that names an SLO was measured from incidents; null otherwise
 * @param underWay whether the period has not ended yet
 * @param availabilityPercent the whole period's availability with the downtime so far, to three decimals
 * @param amountOwed the credit as a share of the fee, in the currency's minor unit; null without a fee
 * @param runsOutOn for the period under way, the day its allowed downtime ran out or runs out at the burn so far;
 *     null when it does not within the period
 */
public record ContractLedger(String customer, String contract, List<String> services, double objectivePercent,
    String period, LocalDate firstDay, LocalDate lastDay, String zone, boolean underWay, String measuredFrom,
    String note, Duration periodLength, Duration downtime, Duration allowedDowntime, double budgetUsedPercent,
    double availabilityPercent, double creditPercent, BigDecimal fee, BigDecimal amountOwed, String currency,
    List<CountedIncident> incidents, LocalDate runsOutOn) {

  /**
   * An incident whose impact counted in the period.
   *
   * @param counted the part of its impact in the period that no earlier incident had already counted
   */
  public record CountedIncident(long id, String title, String service, String severity, Duration counted) {}

  /**
   * The ledger of {@code contract} over {@code period} from the outages given (already restricted to the severities
   * that count), as of {@code now}; {@code sloDowntime} replaces the incidents' downtime when the SLO measured it.
   */
  static ContractLedger of(String customer, Catalog.Contract contract, ContractPeriod period,
      List<ServiceOutage> outages, Duration sloDowntime, String note, Instant now) {
    Interval window = period.window();
    boolean underWay = now.isBefore(window.end());
    Interval measured = new Interval(window.start(), underWay ? max(now, window.start()) : window.end());
    TimeSet counted = TimeSet.EMPTY;
    List<CountedIncident> incidents = new ArrayList<>();
    List<ServiceOutage> byFirstImpact = outages.stream().filter(o -> !impact(o.open(), measured).isEmpty())
        .sorted(Comparator.comparing((ServiceOutage o) -> impact(o.open(), measured).span().orElseThrow().start())
            .thenComparingLong(ServiceOutage::id))
        .toList();
    for (ServiceOutage o : byFirstImpact) {
      TimeSet own = impact(o.open(), measured);
      Duration added = wholeSeconds(own.minus(counted).duration());
      counted = counted.union(own);
      incidents.add(new CountedIncident(o.id(), o.title(), o.service(), o.severity(), added));
    }
    Duration length = window.duration();
    Duration downtime = sloDowntime != null ? wholeSeconds(sloDowntime) : wholeSeconds(counted.duration());
    AvailabilityTarget target = new AvailabilityTarget(contract.availability());
    Duration allowed = target.allowedDowntime(length);
    double availability = AvailabilityTarget.achievedPercent(downtime, length);
    double credit = CreditTier.owed(contract.creditTiers().stream()
        .map(t -> new CreditTier(t.below(), t.creditPercent())).toList(), availability);
    LocalDate runsOut = underWay ? runsOutOn(sloDowntime != null ? null : counted, downtime, allowed, measured, window,
        period) : null;
    return new ContractLedger(customer, contract.name(), contract.services(), contract.availability(),
        period.label(), period.firstDay(), period.lastDay(), period.zone().getId(), underWay,
        sloDowntime != null ? "slo" : "incidents", note, length, downtime, allowed,
        round(target.budgetUsedPercent(downtime, length)), round(availability), credit, contract.fee(),
        owed(contract, credit), contract.currency(), List.copyOf(incidents), runsOut);
  }

  /** The incident's impact (each opening until mitigated or resolved) within {@code window}. */
  static TimeSet impact(OpenIntervals open, Interval window) {
    List<Interval> down = new ArrayList<>();
    for (OpenIntervals.Interval i : open.intervals()) {
      Instant end = i.restored(window.end());
      if (end.isAfter(i.opened())) {
        down.add(new Interval(i.opened(), end));
      }
    }
    return TimeSet.of(down).clippedTo(window);
  }

  /**
   * Past the allowed downtime: the day the downtime went beyond it. Else, at the burn so far (downtime over the time
   * measured), the day the rest of it runs out, if that is before the period ends.
   */
  private static LocalDate runsOutOn(TimeSet counted, Duration downtime, Duration allowed, Interval measured,
      Interval window, ContractPeriod period) {
    if (downtime.isZero()) {
      return null;
    }
    Instant at;
    if (downtime.compareTo(allowed) > 0) {
      at = counted == null ? measured.end() : crossing(counted, allowed);
    } else {
      long elapsed = measured.duration().toSeconds();
      long left = allowed.minus(downtime).toSeconds();
      // left / (downtime / elapsed), in whole seconds; far below overflow for any period of a year or less.
      at = measured.end().plusSeconds(Math.ceilDiv(left * elapsed, downtime.toSeconds()));
      if (!at.isBefore(window.end())) {
        return null;
      }
    }
    return at.atZone(period.zone()).toLocalDate();
  }

  /** The instant the downtime in {@code counted} went beyond {@code allowed}. */
  private static Instant crossing(TimeSet counted, Duration allowed) {
    Duration so = Duration.ZERO;
    for (Interval i : counted.intervals()) {
      if (so.plus(i.duration()).compareTo(allowed) > 0) {
        return i.start().plus(allowed.minus(so));
      }
      so = so.plus(i.duration());
    }
    throw new IllegalStateException("downtime does not exceed " + allowed);
  }

  private static BigDecimal owed(Catalog.Contract contract, double creditPercent) {
    if (contract.fee() == null) {
      return null;
    }
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(contract.currency()).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      // An unknown or undeclared currency is counted in hundredths, as most are.
    }
    return contract.fee().multiply(BigDecimal.valueOf(creditPercent)).divide(BigDecimal.valueOf(100), digits,
        RoundingMode.HALF_UP);
  }

  /** Agreements count whole seconds. */
  private static Duration wholeSeconds(Duration d) {
    return Duration.ofSeconds(d.toSeconds());
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
