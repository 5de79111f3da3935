package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.SignedIn;
import dev.vigil.system.InvalidException;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The incident pages: the list with filters and keyset pagination, the detail with alerts and timeline, and the
 * actions. Both pages refresh a fragment of themselves every few seconds (htmx polling), and every action is a
 * plain form post answered with a redirect, so that the pages work without JavaScript too.
 */
@UiController
class IncidentPages {

  static final int PAGE_SIZE = 50;
  /** The statuses an incident is open in. */
  static final List<String> OPEN = IncidentStatus.values(IncidentStatus.OPEN);
  private static final Map<String, List<String>> STATUSES = new LinkedHashMap<>();
  private static final Map<String, Duration> RANGES = new LinkedHashMap<>();

  static {
    STATUSES.put("open", OPEN);
    for (IncidentStatus status : IncidentStatus.values()) {
      STATUSES.put(status.value(), List.of(status.value()));
    }
    STATUSES.put("all", List.of());
    RANGES.put("24h", Duration.ofHours(24));
    RANGES.put("7d", Duration.ofDays(7));
    RANGES.put("30d", Duration.ofDays(30));
    RANGES.put("90d", Duration.ofDays(90));
    RANGES.put("all", null);
  }

  private static final String CHANNEL = "web";

  private final IncidentRepository incidents;
  private final IncidentService service;
  private final CatalogQueries catalog;
  private final Clock clock;
  private final IncidentDetailModel detailModel;
  private final IncidentBoard board;

  IncidentPages(IncidentRepository incidents, IncidentService service, CatalogQueries catalog, Clock clock,
      IncidentDetailModel detailModel, IncidentBoard board) {
    this.board = board;
    this.detailModel = detailModel;
    this.incidents = incidents;
    this.service = service;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The list's filters as submitted; blank means "any". */
  record Filters(String status, String urgency, String service, String team, String range) {
    Filters {
      status = blank(status) ? "open" : status;
      urgency = blank(urgency) ? "" : urgency;
      service = blank(service) ? "" : service;
      team = blank(team) ? "" : team;
      range = blank(range) ? "all" : range;
    }

    /** The query string of these filters (and a cursor, when given), for links and the refresh. */
    String query(String cursor) {
      UriComponentsBuilder b = UriComponentsBuilder.newInstance().queryParam("status", status);
      if (!urgency.isEmpty()) {
        b.queryParam("urgency", urgency);
      }
      if (!service.isEmpty()) {
        b.queryParam("service", service);
      }
      if (!team.isEmpty()) {
        b.queryParam("team", team);
      }
      b.queryParam("range", range);
      if (cursor != null) {
        b.queryParam("cursor", cursor);
      }
      return b.encode().build().getQuery();
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }
  }

  @GetMapping("/incidents")
  String list(Filters filters, @RequestParam(required = false) String cursor, Model model) {
    rows(filters, cursor, model);
    List<Catalog.Service> services = catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream()
        .map(CatalogQueries.Managed::object).toList();
    model.addAttribute("services", services.stream().map(Catalog.Service::name).sorted().toList());
    model.addAttribute("teams", new TreeSet<>(services.stream().map(Catalog.Service::team).toList()));
    model.addAttribute("statuses", STATUSES.keySet());
    model.addAttribute("ranges", RANGES.keySet());
    return "incident/list";
  }

  /** The list's rows alone: what the list page fetches every few seconds. */
  @GetMapping("/incidents/rows")
  String rowsFragment(Filters filters, @RequestParam(required = false) String cursor, Model model) {
    rows(filters, cursor, model);
    return "incident/list :: rows";
  }

  private void rows(Filters filters, String cursor, Model model) {
    List<String> statuses = STATUSES.get(filters.status());
    if (statuses == null) {
      throw new InvalidException("status: '" + filters.status() + "' is not one of "
          + String.join(", ", STATUSES.keySet()));
    }
    if (!RANGES.containsKey(filters.range())) {
      throw new InvalidException("range: '" + filters.range() + "' is not one of "
          + String.join(", ", RANGES.keySet()));
    }
    if (!filters.urgency().isEmpty() && !filters.urgency().equals("high") && !filters.urgency().equals("low")) {
      throw new InvalidException("urgency: expected high or low, got '" + filters.urgency() + "'");
    }
    IncidentCursor.Position after = cursor == null || cursor.isBlank() ? null : IncidentCursor.parse(cursor);
    Set<String> services = services(filters);
    IncidentCursor.Page page;
    if (services != null && services.isEmpty()) {
      page = new IncidentCursor.Page(List.of(), null); // a team without services, or a service outside the team
    } else {
      Duration range = RANGES.get(filters.range());
      page = IncidentCursor.fetch(incidents, new IncidentQuery(statuses,
          services == null ? List.of() : List.copyOf(services), filters.urgency().isEmpty() ? null : filters.urgency(),
          range == null ? null : clock.instant().minus(range), null, after == null ? null : after.createdAt(),
          after == null ? null : after.id(), PAGE_SIZE));
    }
    model.addAttribute("filters", filters);
    model.addAttribute("incidents", page.rows());
    model.addAttribute("paging", board.beingPaged(page.rows().stream().map(IncidentRepository.IncidentRow::id)
        .toList()));
    model.addAttribute("cursor", cursor == null || cursor.isBlank() ? null : cursor);
    model.addAttribute("query", filters.query(cursor == null || cursor.isBlank() ? null : cursor));
    model.addAttribute("nextQuery", page.next() == null ? null : filters.query(page.next()));
    model.addAttribute("firstQuery", filters.query(null));
  }

  /** The services the service and team filters allow; null when neither is set. */
  private Set<String> services(Filters filters) {
    if (filters.service().isEmpty() && filters.team().isEmpty()) {
      return null;
    }
    Set<String> allowed = new TreeSet<>();
    if (!filters.team().isEmpty()) {
      if (catalog.one(CatalogKind.TEAM, filters.team(), Catalog.Team.class).isEmpty()) {
        throw new InvalidException("team: no team named '" + filters.team() + "'");
      }
      catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream().map(CatalogQueries.Managed::object)
          .filter(s -> s.team().equals(filters.team())).forEach(s -> allowed.add(s.name()));
      if (!filters.service().isEmpty()) {
        allowed.retainAll(Set.of(filters.service()));
      }
    } else {
      allowed.add(filters.service());
    }
    return allowed;
  }

  @GetMapping("/incidents/{id}")
  String detail(@PathVariable long id, @AuthenticationPrincipal SignedIn me, Model model) {
    detailModel.page(id, me, model);
    return "incident/detail";
  }

  /** Status, actions, alerts and timeline: what the detail page fetches every few seconds. */
  @GetMapping("/incidents/{id}/live")
  String liveFragment(@PathVariable long id, Model model) {
    detailModel.live(id, model);
    return "incident/detail :: live";
  }

  @PostMapping("/incidents/{id}/acknowledge")
  String acknowledge(@PathVariable long id, @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    service.acknowledge(id, me.actor(), CHANNEL);
    return done(id, "Acknowledged.", flash);
  }

  @PostMapping("/incidents/{id}/resolve")
  String resolve(@PathVariable long id, @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    service.resolve(id, me.actor(), CHANNEL);
    return done(id, "Resolved.", flash);
  }

  @PostMapping("/incidents/{id}/escalate")
  String escalate(@PathVariable long id, @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    service.escalateNow(id, me.actor(), CHANNEL);
    return done(id, "Escalated: the next step of the escalation policy is paged now.", flash);
  }

  @PostMapping("/incidents/{id}/notes")
  String note(@PathVariable long id, @RequestParam(required = false) String text, @AuthenticationPrincipal SignedIn me,
      RedirectAttributes flash) {
    service.addNote(id, me.actor(), CHANNEL, text);
    return done(id, "Note added.", flash);
  }

  private static String done(long id, String message, RedirectAttributes flash) {
    flash.addFlashAttribute("notice", message);
    return "redirect:/incidents/" + id;
  }
}
