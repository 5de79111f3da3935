/**
 * The change log: deploys recorded by pipelines through their phases (started, succeeded, failed, rolled back) and
 * other changes (config, feature flags, infrastructure) as events without a version, with the commits they ship, who
 * made them and where; the recent changes on an incident's service and everything upstream of it, likeliest first,
 * which a responder marks as the cause or not; the changes page and the deploy metrics. Owns tables {@code change},
 * {@code change_commit}, {@code change_phase} and {@code incident_change} (V022). Intake's PagerDuty Change Events
 * route records through {@link dev.vigil.change.ChangeLog}; the incident page shows changes through the port
 * {@link dev.vigil.incident.RecentChanges}, implemented here. See docs/changes.md and ADR 0049.
 */
@ApplicationModule(displayName = "Change")
package dev.vigil.change;

import org.springframework.modulith.ApplicationModule;
