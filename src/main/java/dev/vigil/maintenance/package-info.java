/**
 * Maintenance windows, declared in the catalog or made through the API, that keep probes and heartbeats from
 * paging. Owns {@code maintenance_window}, its API and {@code vigil.probe.max-maintenance-window}.
 */
@ApplicationModule(displayName = "Maintenance")
package dev.vigil.maintenance;

import org.springframework.modulith.ApplicationModule;
