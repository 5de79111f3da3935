/**
 * Service level objectives: the arithmetic of an SLO's window (rolling days, or a calendar week, month or quarter in
 * a time zone), its error budget (by occurrences, timeslices or time) and how fast it burns, with the multiwindow,
 * multi-burn-rate policy that decides when a burn pages and when it only needs a ticket.
 *
 * <p>Everything here is exact: objectives are decimals as written (99.9 is 999/1000, never a binary fraction),
 * figures are {@link java.math.BigDecimal}s and durations are rounded once, to the nanosecond. Time without data
 * counts as neither good nor bad, as in {@code dev.vigil.availability} which it builds on. See docs/slo.md.
 */
@ApplicationModule(displayName = "SLO")
package dev.vigil.slo;

import org.springframework.modulith.ApplicationModule;
