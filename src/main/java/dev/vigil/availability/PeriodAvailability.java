package dev.vigil.availability;

import java.time.LocalDate;

/**
 * The availability in one calendar period, such as a day of a status page's bars or a month of an SLA.
 *
 * @param firstDay the period's first day, in the time zone it was counted in
 */
public record PeriodAvailability(LocalDate firstDay, Availability availability) {}
