package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.Runbooks;
import dev.vigil.incident.IncidentRepository.IncidentRow;
import dev.vigil.security.SignedIn;
import dev.vigil.system.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the incident detail page shows: the part it refreshes every few seconds (status, severity, roles, alerts,
 * timeline, the postmortem's state) and, for the whole page, the service's runbook with the open incidents upstream
 * of it, the recent changes likeliest to have caused it, and what its forms offer (severities, people, teams and
 * schedules to page, roles, a status update to start from).
 */
@Component
public class IncidentDetailModel {

  /** A choice in a form's list: its submitted value and what people read. */
  record Choice(String value, String label) {}

  /** A group of choices, such as the users of the catalog. */
  record ChoiceGroup(String label, List<Choice> choices) {}

  private final IncidentRepository incidents;
  private final OperationsRepository operations;
  private final PostmortemStatus postmortems;
  private final StatusUpdates statusUpdates;
  private final CatalogQueries catalog;
  private final Incidents board;
  private final IncidentBoard paging;
  private final RecentChanges recentChanges;

  IncidentDetailModel(IncidentRepository incidents, OperationsRepository operations,
      PostmortemStatus postmortems, StatusUpdates statusUpdates, CatalogQueries catalog, Incidents board,
      IncidentBoard paging, RecentChanges recentChanges) {
    this.paging = paging;
    this.recentChanges = recentChanges;
    this.board = board;
    this.incidents = incidents;
    this.operations = operations;
    this.postmortems = postmortems;
    this.statusUpdates = statusUpdates;
    this.catalog = catalog;
  }

  /** The refreshed part. */
  void live(long id, Model model) {
    live(id, catalog.catalog(), model);
  }

  private IncidentRow live(long id, Catalog all, Model model) {
    IncidentRow incident = incidents.find(id).orElseThrow(() -> new NotFoundException("no incident with id " + id));
    Catalog.IncidentPolicy policy = all.incidentPolicyOrDefault();
    model.addAttribute("incident", incident);
    model.addAttribute("alerts", incidents.alerts(id));
    List<IncidentRepository.EventRow> events = incidents.events(id);
    model.addAttribute("timeline", events);
    model.addAttribute("story", TimelineLines.of(events, all.users().stream().collect(Collectors.toMap(
        Catalog.User::name, u -> u.fullName() == null ? u.name() : u.fullName()))));
    model.addAttribute("runbook", all.service(incident.service()).map(Catalog.Service::runbookUrl).orElse(null));
    model.addAttribute("hasRunbook", all.service(incident.service()).map(s -> s.runbook() != null).orElse(false));
    model.addAttribute("roles", operations.roles(id));
    model.addAttribute("beingPaged", paging.beingPaged(List.of(id)).getOrDefault(id, List.of()));
    model.addAttribute("postmortem", postmortems.of(id).map(status -> Map.of("status", status)).orElse(null));
    model.addAttribute("postmortemRequired", incident.severity() != null && policy.severity(incident.severity())
        .map(Catalog.SeverityLevel::requiresPostmortem).orElse(false));
    return incident;
  }

  /** The whole page: the refreshed part, the status updates sent, and what the forms offer. */
  public void page(long id, SignedIn me, Model model) {
    // One catalog snapshot for the whole page (outside a transaction each lookup would check the stamp again).
    Catalog all = catalog.catalog();
    IncidentRow incident = live(id, all, model);
    // The runbook is read once with the page, outside the refreshed part, under the facts a responder starts from.
    model.addAttribute("runbookHtml", all.service(incident.service()).map(s -> Runbooks.html(all, s)).orElse(""));
    model.addAttribute("upstreamIncidents",
        board.open(Topology.upstream(catalog.dependencyGraph(), incident.service()), 10));
    model.addAttribute("recentChanges", recentChanges.of(id));
    model.addAttribute("statusUpdates", operations.statusUpdates(id).stream().map(StatusUpdates.View::of).toList());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
      model.addAttribute("form", Map.of());
    }
    if (me == null || !me.responder()) {
      return;
    }
    model.addAttribute("severities", all.incidentPolicyOrDefault().severitiesOrDefault());
    List<Choice> users = all.users().stream()
        .map(u -> new Choice(u.name(), u.fullName() == null ? u.name() : u.fullName() + " (" + u.name() + ")"))
        .toList();
    List<ChoiceGroup> targets = new ArrayList<>();
    targets.add(new ChoiceGroup("People", users.stream()
        .map(c -> new Choice("user:" + c.value(), c.label())).toList()));
    targets.add(new ChoiceGroup("Teams (every member)", all.teams().stream()
        .map(t -> new Choice("team:" + t.name(), t.name())).toList()));
    targets.add(new ChoiceGroup("Schedules (whoever is on call)", all.schedules().stream()
        .map(s -> new Choice("schedule:" + s.name(), s.name())).toList()));
    model.addAttribute("targets", targets);
    model.addAttribute("users", users);
    model.addAttribute("roleNames", IncidentOperations.ROLES);
    model.addAttribute("statusDraft", statusUpdates.draft(id, me.actor()));
  }
}
