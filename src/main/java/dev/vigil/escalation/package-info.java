/**
 * Paging along escalation policies, exactly once per step, from {@link dev.vigil.incident.IncidentChanged}. Owns
 * {@code escalation} and its jobs.
 */
@ApplicationModule(displayName = "Escalation")
package dev.vigil.escalation;

import org.springframework.modulith.ApplicationModule;
