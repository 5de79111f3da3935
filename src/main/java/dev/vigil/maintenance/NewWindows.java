package dev.vigil.maintenance;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.CatalogDurations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks and stores new ad-hoc maintenance windows, the same for the API and the maintenance page: every problem,
 * each starting with the field it is about.
 */
@Component
class NewWindows {

  static final int MAX_REASON = 1000;
  static final int MAX_PROBES = 100;

  /** A request checked: its problems (none when it can be stored) and, when there are none, what to store. */
  record Checked(List<String> problems, Long serviceId, List<String> probes, Instant start, Instant end,
      String reason) {}

  private final AdHocMaintenance windows;
  private final CatalogQueries catalog;
  private final MaintenanceProperties properties;

  NewWindows(AdHocMaintenance windows, CatalogQueries catalog, MaintenanceProperties properties) {
    this.windows = windows;
    this.catalog = catalog;
    this.properties = properties;
  }

  /** Checks a request made at {@code now} (in milliseconds, as probe results are dated). */
  Checked check(MaintenanceWindowController.NewWindow body, Instant now) {
    List<String> problems = new ArrayList<>();
    Long serviceId = null;
    Catalog.Service service = null;
    if (body.service() == null || body.service().isBlank()) {
      problems.add("service: required, the name of the service under maintenance");
    } else {
      serviceId = catalog.serviceId(body.service()).orElse(null);
      service = catalog.one(CatalogKind.SERVICE, body.service(), Catalog.Service.class)
          .map(CatalogQueries.Managed::object).orElse(null);
      if (serviceId == null || service == null) {
        problems.add("service: no service named '" + body.service() + "'");
      }
    }
    List<String> probes = body.probes() == null ? List.of() : body.probes();
    if (probes.size() > MAX_PROBES) {
      problems.add("probes: at most " + MAX_PROBES + " names; leave it out to cover every probe of the service");
    } else if (service != null) {
      for (int i = 0; i < probes.size(); i++) {
        String name = probes.get(i);
        if (name == null || service.probes().stream().noneMatch(p -> p.name().equals(name))) {
          problems.add("probes[" + i + "]: service '" + service.name() + "' has no probe named '" + name + "'");
        }
      }
    }
    Instant start = body.start() == null ? now : body.start().truncatedTo(ChronoUnit.MILLIS);
    Instant end = null;
    String endField = body.duration() != null ? "duration" : "end";
    if ((body.end() == null) == (body.duration() == null)) {
      problems.add("end, duration: set exactly one: the end as an instant, or a duration such as PT30M");
    } else if (body.duration() != null && (body.duration().isNegative() || body.duration().isZero())) {
      problems.add("duration: must be longer than zero, got " + body.duration());
    } else {
      Duration length = body.duration() != null ? body.duration() : Duration.between(start, body.end());
      if (length.compareTo(properties.maxMaintenanceWindow()) > 0) {
        problems.add(endField + ": a window may last at most "
            + CatalogDurations.text(properties.maxMaintenanceWindow()) + " (vigil.probe.max-maintenance-window),"
            + " this one lasts " + CatalogDurations.text(length));
      } else {
        end = start.plus(length);
        if (!end.isAfter(start)) {
          problems.add("end: " + end + " is not after the start " + start);
        } else if (!end.isAfter(now)) {
          problems.add(endField + ": the window would end at " + end + ", which has passed already");
        }
      }
    }
    if (body.reason() == null || body.reason().isBlank()) {
      problems.add("reason: required, what the maintenance is, for the people who would have been paged");
    } else if (body.reason().length() > MAX_REASON) {
      problems.add("reason: at most " + MAX_REASON + " characters");
    }
    return new Checked(List.copyOf(problems), serviceId, List.copyOf(new LinkedHashSet<>(probes)), start, end,
        body.reason() == null ? null : body.reason().strip());
  }

  /** Stores a window checked without problems; returns its id. */
  long store(Checked checked, String createdBy, Instant now) {
    return windows.insert(checked.serviceId(), checked.probes(), checked.start(), checked.end(), checked.reason(),
        createdBy, now);
  }
}
