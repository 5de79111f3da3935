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

  private final AdHocMaintenance windows;
  private final NewWindows newWindows;
  private final Clock clock;

  MaintenanceWindowController(AdHocMaintenance windows, NewWindows newWindows, Clock clock) {
    this.windows = windows;
    this.newWindows = newWindows;
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
    NewWindows.Checked checked = newWindows.check(body, now);
    if (!checked.problems().isEmpty()) {
      throw new InvalidException("Invalid maintenance window: " + String.join("; ", checked.problems()));
    }
    long id = newWindows.store(checked, principal.name(), now);
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
