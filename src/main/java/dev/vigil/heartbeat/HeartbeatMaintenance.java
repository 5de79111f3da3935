package dev.vigil.heartbeat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.maintenance.AdHocMaintenance;
import dev.vigil.maintenance.MaintenanceWindows;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether a heartbeat's service is in maintenance: one of the service's windows in the catalog, or a window made
 * through the API for the whole service (one that names probes covers only those probes).
 */
@Component
class HeartbeatMaintenance {

  private final CatalogQueries catalog;
  private final AdHocMaintenance adHoc;

  HeartbeatMaintenance(CatalogQueries catalog, AdHocMaintenance adHoc) {
    this.catalog = catalog;
    this.adHoc = adHoc;
  }

  /** The maintenance in force at one instant, for any number of heartbeats: the API's windows are read once. */
  At at(Instant at) {
    return new At(at);
  }

  /** Maintenance at one instant. */
  final class At {
    private final Instant at;
    private List<AdHocMaintenance.Window> adHocWindows;

    private At(Instant at) {
      this.at = at;
    }

    boolean covers(HeartbeatRepository.Row heartbeat) {
      List<Catalog.MaintenanceWindow> declared = catalog.one(CatalogKind.SERVICE, heartbeat.service(),
          Catalog.Service.class).map(s -> s.object().maintenanceWindows()).orElse(List.of());
      if (MaintenanceWindows.active(declared, at)) {
        return true;
      }
      if (adHocWindows == null) {
        adHocWindows = adHoc.activeAt(at);
      }
      return adHocWindows.stream().anyMatch(w -> w.service().equals(heartbeat.service()) && w.probes().isEmpty());
    }
  }
}
