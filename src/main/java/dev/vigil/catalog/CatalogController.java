package dev.vigil.catalog;

import dev.vigil.web.NotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog over the API: teams, users, services (with their dependencies), integrations and the config version. */
@RestController
@RequestMapping("/api/v1")
class CatalogController {

  private final CatalogQueries queries;
  private final CatalogEdits edits;

  CatalogController(CatalogQueries queries, CatalogEdits edits) {
    this.queries = queries;
    this.edits = edits;
  }

  /** A team with the services it owns. */
  record TeamView(String name, String description, List<String> members, String slackChannel,
      List<String> services, String managedBy) {}

  /** A user; never more than what responders need to reach each other. */
  record UserView(String name, String fullName, String email, String timeZone, String role,
      List<Catalog.ContactMethod> contactMethods, Catalog.ShiftNotice shiftNotice, List<String> teams,
      String managedBy) {}

  /** A service with both directions of its dependencies. */
  record ServiceView(String name, String description, String team, int tier, String kind, List<String> dependsOn,
      List<String> dependents, String runbookUrl, Duration rto, Duration rpo, String escalationPolicy,
      Map<String, String> tags, String managedBy) {}

  /** An integration and its key (admins only). */
  record IntegrationView(String name, String type, String service, List<Catalog.RoutingRule> routing,
      String defaultService, String key, String managedBy) {}

  @GetMapping("/teams")
  List<TeamView> teams() {
    Catalog catalog = queries.catalog();
    return queries.all(CatalogKind.TEAM, Catalog.Team.class).stream().map(m -> team(m, catalog)).toList();
  }

  @GetMapping("/teams/{name}")
  TeamView team(@PathVariable String name) {
    return team(queries.one(CatalogKind.TEAM, name, Catalog.Team.class)
        .orElseThrow(() -> new NotFoundException("no team named '" + name + "'")), queries.catalog());
  }

  @PutMapping("/teams/{name}")
  ResponseEntity<TeamView> putTeam(@PathVariable String name, @RequestBody Catalog.Team body) {
    boolean created = edits.putTeam(name, body);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(team(name));
  }

  @DeleteMapping("/teams/{name}")
  ResponseEntity<Void> deleteTeam(@PathVariable String name) {
    edits.delete(CatalogKind.TEAM, name);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/users")
  List<UserView> users() {
    Catalog catalog = queries.catalog();
    return queries.all(CatalogKind.USER, Catalog.User.class).stream().map(m -> user(m, catalog)).toList();
  }

  @GetMapping("/users/{name}")
  UserView user(@PathVariable String name) {
    return user(queries.one(CatalogKind.USER, name, Catalog.User.class)
        .orElseThrow(() -> new NotFoundException("no user named '" + name + "'")), queries.catalog());
  }

  @PutMapping("/users/{name}")
  ResponseEntity<UserView> putUser(@PathVariable String name, @RequestBody Catalog.User body) {
    boolean created = edits.putUser(name, body);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(user(name));
  }

  @DeleteMapping("/users/{name}")
  ResponseEntity<Void> deleteUser(@PathVariable String name) {
    edits.delete(CatalogKind.USER, name);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/services")
  List<ServiceView> services() {
    Catalog catalog = queries.catalog();
    return queries.all(CatalogKind.SERVICE, Catalog.Service.class).stream().map(m -> service(m, catalog)).toList();
  }

  @GetMapping("/services/{name}")
  ServiceView service(@PathVariable String name) {
    return service(queries.one(CatalogKind.SERVICE, name, Catalog.Service.class)
        .orElseThrow(() -> new NotFoundException("no service named '" + name + "'")), queries.catalog());
  }

  @PutMapping("/services/{name}")
  ResponseEntity<ServiceView> putService(@PathVariable String name, @RequestBody Catalog.Service body) {
    boolean created = edits.putService(name, body);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(service(name));
  }

  @DeleteMapping("/services/{name}")
  ResponseEntity<Void> deleteService(@PathVariable String name) {
    edits.delete(CatalogKind.SERVICE, name);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/integrations")
  List<IntegrationView> integrations() {
    Map<String, String> keys = queries.integrationKeys();
    return queries.all(CatalogKind.INTEGRATION, Catalog.Integration.class).stream().map(m -> {
      Catalog.Integration i = m.object();
      return new IntegrationView(i.name(), i.type().value(), i.service(), i.routing(),
          i.defaultService(), keys.get(i.name()), m.managedBy());
    }).toList();
  }

  @GetMapping("/catalog/version")
  Map<String, Object> version() {
    Catalog catalog = queries.catalog();
    Map<String, Object> counts = new TreeMap<>();
    for (CatalogKind kind : CatalogKind.values()) {
      counts.put(kind.plural(), CatalogService.objects(catalog, kind).size());
    }
    Map<String, Object> version = new TreeMap<>(queries.latestVersion()
        .orElseThrow(() -> new NotFoundException("no config has been applied yet")));
    version.put("objects", counts);
    return version;
  }

  private static TeamView team(CatalogQueries.Managed<Catalog.Team> m, Catalog catalog) {
    Catalog.Team t = m.object();
    List<String> services = catalog.services().stream().filter(s -> t.name().equals(s.team()))
        .map(Catalog.Service::name).toList();
    return new TeamView(t.name(), t.description(), t.members(), t.slackChannel(), services, m.managedBy());
  }

  private static UserView user(CatalogQueries.Managed<Catalog.User> m, Catalog catalog) {
    Catalog.User u = m.object();
    List<String> teams = catalog.teams().stream().filter(t -> t.members().contains(u.name()))
        .map(Catalog.Team::name).toList();
    return new UserView(u.name(), u.fullName(), u.email(), u.timeZone(), u.role(), u.contactMethods(),
        u.shiftNotice(), teams, m.managedBy());
  }

  private static ServiceView service(CatalogQueries.Managed<Catalog.Service> m, Catalog catalog) {
    Catalog.Service s = m.object();
    List<String> dependents = new ArrayList<>();
    catalog.services().stream().filter(o -> o.dependsOn().contains(s.name())).forEach(o -> dependents.add(o.name()));
    return new ServiceView(s.name(), s.description(), s.team(), s.tier(),
        s.kind() == null ? null : s.kind().value(), s.dependsOn(), dependents,
        s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(), m.managedBy());
  }
}
