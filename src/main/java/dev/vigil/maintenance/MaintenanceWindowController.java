package dev.vigil.maintenance;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.CatalogDurations;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ad-hoc maintenance windows over the API: responders declare "maintenance now for 30 minutes" on any service,
 * including one a file manages, without a change to the file (ADR 0013). The service's probes keep measuring but do
 * not page until the window ends or is deleted.
 */
@RestController
@RequestMapping("/api/v1/maintenance-windows")
class MaintenanceWindowController {

  static final int MAX_REASON = 1000;
  static final int MAX_PROBES = 100;

  private final AdHocMaintenance windows;
  private final CatalogQueries catalog;
  private final MaintenanceProperties properties;
  private final Clock clock;

  MaintenanceWindowController(AdHocMaintenance windows, CatalogQueries catalog, MaintenanceProperties properties,
      Clock clock) {
    this.windows = windows;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A new window: from {@code start} (now when absent) to {@code end}, or for {@code duration} (ISO-8601, such as
   * PT30M); only {@code probes} of the service when given, else all of them.
   */
  record NewWindow(String service, List<String> probes, Instant start, Instant end, Duration duration,
      String reason) {}

  /** A window as listed; {@code active} says whether it is in force now. */
  record WindowView(long id, String service, List<String> probes, Instant start, Instant end, String reason,
      String createdBy, Instant createdAt, boolean active) {}

  /**
   * Declares a maintenance window on a service (all its probes, or those named), from {@code start} (now when
   * absent) to {@code end} or for {@code duration}: its probes and heartbeats do not page meanwhile.
   */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping
  ResponseEntity<WindowView> create(@RequestBody NewWindow body, @AuthenticationPrincipal ApiPrincipal principal) {
    // Milliseconds, as probe results are dated: the database keeps microseconds and rounds what it is given, and a
    // window starting now must be in force now.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
    Instant start = body.start() == null ? now : body.start().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
    if (!problems.isEmpty()) {
      throw new InvalidException("Invalid maintenance window: " + String.join("; ", problems));
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(probes));
    long id = windows.insert(serviceId, distinct, start, end, body.reason().strip(), principal.name(), now);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(windows.find(id).orElseThrow(), now));
  }

  /**
   * Windows that have not ended (all of them with {@code past=true}), of one service or all.
   *
   * @param service a service name
   * @param past also the windows that have ended
   */
  @GetMapping
  List<WindowView> list(@RequestParam(required = false) String service,
      @RequestParam(defaultValue = "false") boolean past) {
    Instant now = clock.instant();
    return windows.list(service, past ? null : now).stream().map(w -> view(w, now)).toList();
  }

  /** One maintenance window. */
  @GetMapping("/{id}")
  WindowView one(@PathVariable String id) {
    return view(windows.find(id(id)).orElseThrow(() -> new NotFoundException("no maintenance window with id " + id)),
        clock.instant());
  }

  /** Ends a window at once by deleting it; a probe still down then pages with its next result. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!windows.delete(id(id))) {
      throw new NotFoundException("no maintenance window with id " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidException("id: '" + id + "' is not a maintenance window id; ids are numbers, as"
          + " GET /api/v1/maintenance-windows lists them");
    }
  }

  private static WindowView view(AdHocMaintenance.Window w, Instant now) {
    return new WindowView(w.id(), w.service(), w.probes(), w.start(), w.end(), w.reason(), w.createdBy(),
        w.createdAt(), !now.isBefore(w.start()) && now.isBefore(w.end()));
  }
}
