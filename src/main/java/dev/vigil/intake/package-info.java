/**
 * Alerts in: Alertmanager, Grafana, PagerDuty Events v2 and Vigil's own events API, turned into
 * {@link dev.vigil.incident.AlertEvent}s for the incident feature's ingest. Owns the intake routes and their rate limits.
 */
@ApplicationModule(displayName = "Intake")
package dev.vigil.intake;

import org.springframework.modulith.ApplicationModule;
