/**
 * Incidents from alert to resolution: ingest, lifecycle, operations (severity, roles, responders, merge, split,
 * status updates), the timeline, RTO watch and SLA exposure. Owns {@code alert}, {@code incident},
 * {@code incident_event}, {@code incident_interval}, {@code incident_role}, {@code incident_impact},
 * {@code status_update}, the incident pages and API. Publishes {@link dev.vigil.incident.IncidentChanged}; features
 * that add to an incident's page implement its ports ({@link dev.vigil.incident.PostmortemStatus}).
 */
@ApplicationModule(displayName = "Incident")
package dev.vigil.incident;

import org.springframework.modulith.ApplicationModule;
