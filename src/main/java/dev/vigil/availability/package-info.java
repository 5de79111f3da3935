/**
 * Availability arithmetic: time as half-open intervals and sets of them, the time a thing spent in each state, the
 * share of a window that was up (leaving out time that does not count, such as maintenance or time before anything
 * was watched), broken down per calendar day, month, quarter or year in a time zone, and what downtime means against
 * an availability target and its credit tiers.
 *
 * <p>It sits at the bottom of Vigil and depends on the JDK alone, so that probes, status pages, postmortems, SLOs and
 * SLA credits all count downtime the same way. Durations are exact (to the nanosecond); each caller rounds once, at
 * the end, to what it shows.
 */
package dev.vigil.availability;
