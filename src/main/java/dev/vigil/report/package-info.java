/**
 * Reliability reports: MTTA, MTTR and incident counts per team and service over a period, as JSON and CSV.
 */
@ApplicationModule(displayName = "Report")
package dev.vigil.report;

import org.springframework.modulith.ApplicationModule;
