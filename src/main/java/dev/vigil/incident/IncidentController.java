package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentRepository.AlertRow;
import dev.vigil.incident.IncidentRepository.IncidentRow;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.InvalidException;
import dev.vigil.web.RequestTimes;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/incidents}: list with filters and a cursor, detail with alerts and timeline, and the actions. */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

  private static final List<String> STATUSES = IncidentStatus.values(List.of(IncidentStatus.values()));
  private static final String CHANNEL = "api";

  private final IncidentRepository incidents;
  private final IncidentService service;
  private final IncidentDetails details;
  private final CatalogQueries catalog;

  IncidentController(IncidentRepository incidents, IncidentService service, IncidentDetails details,
      CatalogQueries catalog) {
    this.catalog = catalog;
    this.incidents = incidents;
    this.service = service;
    this.details = details;
  }

  /** An incident as listed. */
  record IncidentView(long id, String title, String service, String status, String urgency, Instant createdAt,
      Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, List<String> assignees,
      String severity) {
    static IncidentView of(IncidentRow r) {
      return new IncidentView(r.id(), r.title(), r.service(), r.status().value(), r.urgency(), r.createdAt(),
          r.acknowledgedAt(), r.acknowledgedBy(), r.resolvedAt(), r.resolvedBy(), r.assignees(), r.severity());
    }
  }

  /** One page of incidents and the cursor of the next page (null on the last). */
  record IncidentPage(List<IncidentView> incidents, String nextCursor) {}

  /** An incident with its alerts, its whole timeline, and how it is being run. */
  record IncidentDetail(IncidentView incident, List<AlertView> alerts, List<EventView> timeline,
      IncidentDetails.Operations operations) {}

  /** An alert of an incident. */
  record AlertView(long id, String fingerprint, String source, String status, String summary, String severity,
      Map<String, String> labels, Map<String, String> annotations, List<AlertEvent.Link> links, Instant startsAt,
      Instant endsAt, Instant lastSeen, int repeats) {}

  /** One timeline event. */
  record EventView(Instant at, String kind, String actor, String channel, Map<String, Object> detail) {}

  /** The body of a note. */
  record Note(String text) {}

  /**
   * Incidents, newest first, one page at a time: pass the answer's {@code nextCursor} as {@code cursor} for the
   * next page.
   *
   * @param status triggered, acknowledged, mitigated or resolved; repeat it or separate with commas for several
   * @param service service names; repeat it or separate with commas for several
   * @param urgency high or low
   * @param severity severity names of the incident policy, such as SEV1; repeat it or separate with commas
   * @param since only incidents created at or after this ISO-8601 instant
   * @param until only incidents created before this ISO-8601 instant
   * @param cursor the {@code nextCursor} of the previous page
   * @param limit incidents per page, 1 to 500
   */
  @GetMapping
  IncidentPage list(@RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> service,
      @RequestParam(required = false) String urgency,
      @RequestParam(required = false) List<String> severity,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "50") int limit) {
    List<String> statuses = status == null ? List.of() : status.stream()
        .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).toList();
    statuses.stream().filter(s -> !STATUSES.contains(s)).findFirst().ifPresent(s -> {
      throw new InvalidException("status: '" + s + "' is not one of " + String.join(", ", STATUSES));
    });
    if (urgency != null && !urgency.equals("high") && !urgency.equals("low")) {
      throw new InvalidException("urgency: expected high or low, got '" + urgency + "'");
    }
    if (limit < 1 || limit > 500) {
      throw new InvalidException("limit: must be 1 to 500, got " + limit);
    }
    List<String> severities = severity == null ? List.of() : severity.stream()
        .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).toList();
    List<String> known = catalog.incidentPolicy().severitiesOrDefault().stream().map(Catalog.SeverityLevel::name).toList();
    severities.stream().filter(s -> !known.contains(s)).findFirst().ifPresent(s -> {
      throw new InvalidException("severity: '" + s + "' is not one of " + String.join(", ", known));
    });
    IncidentCursor.Position after = cursor == null ? null : IncidentCursor.parse(cursor);
    List<String> services = service == null ? List.of() : service.stream()
        .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).toList();
    IncidentCursor.Page page = IncidentCursor.fetch(incidents, new IncidentQuery(statuses, services, urgency,
        instant("since", since), instant("until", until), after == null ? null : after.createdAt(),
        after == null ? null : after.id(), limit, severities));
    return new IncidentPage(page.rows().stream().map(IncidentView::of).toList(), page.next());
  }

  /** One incident with its alerts, its whole timeline, and how it is being run. */
  @GetMapping("/{id}")
  IncidentDetail detail(@PathVariable long id) {
    return details.detail(id);
  }

  /** Acknowledges the incident: its escalation stops paging. */
  @PostMapping("/{id}/acknowledge")
  IncidentView acknowledge(@PathVariable long id, @AuthenticationPrincipal ApiPrincipal caller) {
    service.acknowledge(id, caller.name(), CHANNEL);
    return view(id);
  }

  /** Resolves the incident, whatever its alerts say; one that fires again re-opens it. */
  @PostMapping("/{id}/resolve")
  IncidentView resolve(@PathVariable long id, @AuthenticationPrincipal ApiPrincipal caller) {
    service.resolve(id, caller.name(), CHANNEL);
    return view(id);
  }

  /** Pages the escalation policy's next step now, without waiting for its delay. */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The incident is resolved")
  @PostMapping("/{id}/escalate")
  IncidentView escalate(@PathVariable long id, @AuthenticationPrincipal ApiPrincipal caller) {
    service.escalateNow(id, caller.name(), CHANNEL);
    return view(id);
  }

  /** Adds a note to the incident's timeline. */
  @PostMapping("/{id}/notes")
  @ResponseStatus(HttpStatus.CREATED)
  IncidentView note(@PathVariable long id, @RequestBody Note note, @AuthenticationPrincipal ApiPrincipal caller) {
    service.addNote(id, caller.name(), CHANNEL, note.text());
    return view(id);
  }

  private IncidentView view(long id) {
    return IncidentView.of(incidents.find(id).orElseThrow());
  }

  static AlertView alert(AlertRow a) {
    return new AlertView(a.id(), a.fingerprint(), a.source(), a.status(), a.summary(), a.severity(), a.labels(),
        a.annotations(), a.links(), a.startsAt(), a.endsAt(), a.lastSeen(), a.repeats());
  }

  private static Instant instant(String name, String value) {
    return value == null ? null : RequestTimes.instant(name, value);
  }
}
