package dev.vigil.maintenance;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.Durations;
import dev.vigil.security.SignedIn;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.FormTimes;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The maintenance page: windows under way, upcoming and of the last week, those the catalog declares, and for
 * responders (as in the API) a form to declare one on services of the catalog, with times in the reader's zone, and
 * "End now" and "Cancel" for windows made here or through the API. The catalog's windows change only with the file.
 */
@UiController
class MaintenancePages {

  /** How far back ended windows are listed. */
  static final Duration RECENT = Duration.ofDays(7);

  /** A window the catalog declares on a service: once or weekly, in its own zone, and whether it is under way. */
  record DeclaredWindow(String service, String name, String when, boolean active, String managedBy) {}

  private final AdHocMaintenance windows;
  private final NewWindows newWindows;
  private final CatalogQueries catalog;
  private final TransactionTemplate transaction;
  private final Clock clock;

  MaintenancePages(AdHocMaintenance windows, NewWindows newWindows, CatalogQueries catalog,
      TransactionTemplate transaction, Clock clock) {
    this.windows = windows;
    this.newWindows = newWindows;
    this.catalog = catalog;
    this.transaction = transaction;
    this.clock = clock;
  }

  @GetMapping("/maintenance")
  String page(Model model) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("start", FormTimes.field(clock.instant(), FormTimes.readerZone(model)));
    return show(model, form, List.of(), Map.of());
  }

  /**
   * Declares a window on each chosen service, all or none: from {@code start} (a time in the reader's zone) to
   * {@code end} or for {@code duration} (such as 30m or 2h).
   */
  @PostMapping("/maintenance")
  String create(@RequestParam(required = false) List<String> services, @RequestParam(required = false) String start,
      @RequestParam(required = false) String end, @RequestParam(required = false) String duration,
      @RequestParam(required = false) String reason, @AuthenticationPrincipal SignedIn me, Model model,
      HttpServletResponse response, RedirectAttributes flash) {
    ZoneId zone = FormTimes.readerZone(model);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<String> chosen = services == null ? List.of() : services.stream().filter(s -> !s.isBlank()).toList();
    Map<String, String> errors = new LinkedHashMap<>();
    Instant from = time("start", start, zone, errors);
    Instant to = time("end", end, zone, errors);
    Duration length = null;
    boolean hasEnd = end != null && !end.isBlank();
    boolean hasDuration = duration != null && !duration.isBlank();
    if (hasDuration) {
      length = Durations.parse(duration.strip());
      if (length == null) {
        errors.put("duration", "duration: '" + duration + "' is not a duration; " + Durations.HINT);
      }
    }
    if (hasEnd == hasDuration) {
      errors.putIfAbsent("end", "end: give the end or a duration, " + (hasEnd ? "not both" : "one of them"));
    } else if (from != null && to != null && !to.isAfter(from)) {
      errors.put("end", "end: " + FormTimes.shown(to, zone) + " is not after the start "
          + FormTimes.shown(from, zone));
    }
    // Every service is checked as the API checks it, so that all problems show at once; the form's own reading of
    // the times above comes first.
    List<NewWindows.Checked> checked = new ArrayList<>();
    for (String service : chosen.isEmpty() ? java.util.Collections.singletonList((String) null) : chosen) {
      NewWindows.Checked c = newWindows.check(new MaintenanceWindowController.NewWindow(service, null, from, to,
          length, reason), now);
      c.problems().forEach(p -> errors.putIfAbsent(field(p), p.startsWith("service:") ? "services" + p.substring(7)
          : p));
      checked.add(c);
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("start", start);
      form.put("end", end);
      form.put("duration", duration);
      form.put("reason", reason);
      return show(model, form, chosen, errors);
    }
    transaction.executeWithoutResult(t -> checked.forEach(c -> newWindows.store(c, me.actor(), now)));
    flash.addFlashAttribute("notice", "Maintenance declared on " + String.join(", ", chosen) + ".");
    return "redirect:/maintenance";
  }

  /** Ends a window under way now: it stays among the past windows, with the time it ended. */
  @PostMapping("/maintenance/{id}/end")
  String end(@PathVariable String id, RedirectAttributes flash) {
    AdHocMaintenance.Window w = find(id);
    if (!windows.endAt(w.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
      throw new RefusedException("maintenance window " + w.id() + " on " + w.service()
          + " is not under way, so it cannot be ended now; cancel one that has not started");
    }
    flash.addFlashAttribute("notice", "The maintenance of " + w.service() + " has ended.");
    return "redirect:/maintenance";
  }

  /** Cancels a window that has not started: it is deleted, as the API's DELETE does. */
  @PostMapping("/maintenance/{id}/cancel")
  String cancel(@PathVariable String id, RedirectAttributes flash) {
    AdHocMaintenance.Window w = find(id);
    if (!windows.cancel(w.id(), clock.instant())) {
      throw new RefusedException("maintenance window " + w.id() + " on " + w.service()
          + " has started, so it cannot be cancelled; end it now instead");
    }
    flash.addFlashAttribute("notice", "The maintenance of " + w.service() + " is cancelled.");
    return "redirect:/maintenance";
  }

  private String show(Model model, Map<String, String> form, List<String> chosen, Map<String, String> errors) {
    Instant now = clock.instant();
    List<AdHocMaintenance.Window> all = windows.list(null, now.minus(RECENT));
    model.addAttribute("underWay", all.stream().filter(w -> !now.isBefore(w.start()) && now.isBefore(w.end()))
        .toList());
    model.addAttribute("upcoming", all.stream().filter(w -> now.isBefore(w.start())).toList());
    model.addAttribute("past", all.stream().filter(w -> !now.isBefore(w.end()))
        .sorted((a, b) -> b.end().compareTo(a.end())).toList());
    List<CatalogQueries.Managed<Catalog.Service>> services = catalog.all(CatalogKind.SERVICE, Catalog.Service.class);
    model.addAttribute("declared", services.stream()
        .flatMap(m -> m.object().maintenanceWindows().stream().map(w -> new DeclaredWindow(m.object().name(),
            w.name(), when(w), MaintenanceWindows.active(w, now), m.managedBy())))
        .sorted((a, b) -> a.service().compareTo(b.service())).toList());
    model.addAttribute("serviceNames", services.stream().map(m -> m.object().name()).sorted().toList());
    model.addAttribute("form", form);
    model.addAttribute("chosen", chosen);
    model.addAttribute("errors", errors);
    model.addAttribute("section", "maintenance");
    return "maintenance/maintenance";
  }

  private AdHocMaintenance.Window find(String id) {
    try {
      return windows.find(Long.parseLong(id)).orElseThrow(() -> notFound(id));
    } catch (NumberFormatException e) {
      throw notFound(id);
    }
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no maintenance window with id '" + id + "'");
  }

  /** The field a problem is about, as the form names it: the part before its colon. */
  private static String field(String problem) {
    String field = problem.substring(0, Math.max(0, problem.indexOf(':')));
    return switch (field) {
      case "service" -> "services";
      case "end, duration" -> "end";
      default -> field;
    };
  }

  /**
   * A time typed in the reader's zone ({@code 2026-01-05T09:00}, as {@code datetime-local} sends it) or with its
   * offset; null, with the problem noted, when it does not parse; null when blank.
   */
  private static Instant time(String field, String text, ZoneId zone, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      if (field.equals("start")) {
        errors.put(field, "start: required, when the maintenance begins");
      }
      return null;
    }
    try {
      return FormTimes.parse(text, zone);
    } catch (DateTimeParseException e) {
      errors.put(field, field + ": '" + text + "' is not a time; write it as 2026-01-05T09:00, in " + zone.getId());
      return null;
    }
  }

  /** When a declared window runs, as its declaration says it, in its zone. */
  private static String when(Catalog.MaintenanceWindow w) {
    if (w.start() != null && w.end() != null) {
      return w.start().replace('T', ' ') + " to " + w.end().replace('T', ' ') + " " + w.timeZone();
    }
    return (w.days().isEmpty() ? "every day" : String.join(", ", w.days())) + " " + w.from() + " to " + w.to() + " "
        + w.timeZone();
  }
}
