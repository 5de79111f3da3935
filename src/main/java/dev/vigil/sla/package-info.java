/**
 * SLA credits: per customer, contract and period the measured availability, the downtime that counted with each
 * incident behind it, the credit owed and a forecast for the period under way; statements for account managers,
 * notices to customer success as a contract uses its allowed downtime, and the SLA exposure postmortems show. Owns
 * {@code sla_notice}, its job, pages and API. Builds on {@code incident} (open intervals), {@code catalog} (customers
 * and contracts) and {@code notify} (notices); {@link dev.vigil.sla.SloAvailability} is the port through which a
 * contract that names an SLO will be measured.
 */
@ApplicationModule(displayName = "SLA")
package dev.vigil.sla;

import org.springframework.modulith.ApplicationModule;
