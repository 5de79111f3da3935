/**
 * The coverage scorecard: per service, a checklist weighted by tier (owner, escalation, on-call cover, a probe or
 * heartbeat, alerts that reach it, an SLO, a runbook, postmortem follow-up, contracts measured against an objective),
 * a score per service, team and tier, its daily trend, and the next actions ranked by what they protect. Reads the
 * catalog and the features that hold the evidence through their query types; nothing depends on it but the pages
 * and the command line. See docs/coverage.md and ADR 0048.
 */
@ApplicationModule(displayName = "Coverage")
package dev.vigil.coverage;

import org.springframework.modulith.ApplicationModule;
