package dev.vigil.catalog;

import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.JsonBodies;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The catalog over the API: teams, users, services (with their dependencies), integrations and the config version. */
@RestController
@RequestMapping("/api/v1")
class CatalogController {

  private final CatalogQueries queries;
  private final CatalogEdits edits;
  private final JsonMapper json;

  CatalogController(CatalogQueries queries, CatalogEdits edits, JsonMapper json) {
    this.queries = queries;
    this.edits = edits;
    this.json = json;
  }

  /** A team with the services it owns. */
  record TeamView(String name, String description, List<String> members, String slackChannel,
      List<String> services, String managedBy) {}

  /** A user; never more than what responders need to reach each other. */
  record UserView(String name, String fullName, String email, String timeZone, String role,
      List<Catalog.ContactMethod> contactMethods, Catalog.ShiftNotice shiftNotice, List<String> teams,
      String managedBy) {}

  /**
   * A service with both directions of its dependencies; its probes and maintenance windows as written in vigil.yaml
   * (what PUT takes back).
   */
  record ServiceView(String name, String description, String team, int tier, String kind, List<String> dependsOn,
      List<String> dependents, String runbookUrl, Duration rto, Duration rpo, String escalationPolicy,
      Map<String, String> tags, String managedBy, List<JsonNode> probes, List<JsonNode> maintenanceWindows) {}

  /** An integration and its key (admins only). */
  record IntegrationView(String name, String type, String service, List<Catalog.RoutingRule> routing,
      String defaultService, String key, String managedBy) {}

  /** Every team, with the services it owns. */
  @GetMapping("/teams")
  List<TeamView> teams() {
    return list(CatalogKind.TEAM, Catalog.Team.class, CatalogController::team);
  }

  /** One team, with the services it owns. */
  @GetMapping("/teams/{name}")
  TeamView team(@PathVariable String name) {
    return one(CatalogKind.TEAM, name, Catalog.Team.class, CatalogController::team);
  }

  /** Creates or replaces a team made through the API; a config file's teams are changed in their file. */
  @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The team is managed by a config file")
  @PutMapping("/teams/{name}")
  ResponseEntity<TeamView> putTeam(@PathVariable String name, @RequestBody Catalog.Team body) {
    return put(edits.putTeam(name, body), team(name));
  }

  /** Deletes a team made through the API. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The team is managed by a config file, or a service still uses it")
  @DeleteMapping("/teams/{name}")
  ResponseEntity<Void> deleteTeam(@PathVariable String name) {
    return delete(CatalogKind.TEAM, name);
  }

  /** Every user, with their contact methods and teams. */
  @GetMapping("/users")
  List<UserView> users() {
    return list(CatalogKind.USER, Catalog.User.class, CatalogController::user);
  }

  /** One user, with their contact methods and teams. */
  @GetMapping("/users/{name}")
  UserView user(@PathVariable String name) {
    return one(CatalogKind.USER, name, Catalog.User.class, CatalogController::user);
  }

  /** Creates or replaces a user made through the API; a config file's users are changed in their file. */
  @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The user is managed by a config file")
  @PutMapping("/users/{name}")
  ResponseEntity<UserView> putUser(@PathVariable String name, @RequestBody Catalog.User body) {
    return put(edits.putUser(name, body), user(name));
  }

  /** Deletes a user made through the API. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The user is managed by a config file, or is still a team's"
      + " member")
  @DeleteMapping("/users/{name}")
  ResponseEntity<Void> deleteUser(@PathVariable String name) {
    return delete(CatalogKind.USER, name);
  }

  /** Every service, with its dependencies both ways, probes and maintenance windows. */
  @GetMapping("/services")
  List<ServiceView> services() {
    return list(CatalogKind.SERVICE, Catalog.Service.class, CatalogController::service);
  }

  /** One service, with its dependencies both ways, probes and maintenance windows. */
  @GetMapping("/services/{name}")
  ServiceView service(@PathVariable String name) {
    return one(CatalogKind.SERVICE, name, Catalog.Service.class, CatalogController::service);
  }

  /**
   * Creates or replaces a service made through the API. Its {@code probes}, {@code slos} and
   * {@code maintenance_windows} (also accepted as {@code maintenanceWindows}, the name listings use) are written as in
   * vigil.yaml and checked like the file.
   */
  @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The service is managed by a config file")
  @PutMapping("/services/{name}")
  ResponseEntity<ServiceView> putService(@PathVariable String name, @RequestBody ObjectNode body) {
    ObjectNode rest = body.deepCopy();
    JsonNode probes = rest.remove("probes");
    JsonNode windows = rest.remove("maintenance_windows");
    JsonNode windowsCamel = rest.remove("maintenanceWindows");
    JsonNode slos = rest.remove("slos");
    if (windows != null && windowsCamel != null) {
      throw new InvalidException("maintenance_windows: set it or maintenanceWindows, not both");
    }
    Catalog.Service service;
    try {
      service = json.treeToValue(rest, Catalog.Service.class);
    } catch (JacksonException e) {
      throw new InvalidException(JsonBodies.describe(e));
    }
    return put(edits.putService(name, service, probes, windows != null ? windows : windowsCamel, slos),
        service(name));
  }

  /** Deletes a service made through the API. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The service is managed by a config file, or another service"
      + " depends on it")
  @DeleteMapping("/services/{name}")
  ResponseEntity<Void> deleteService(@PathVariable String name) {
    return delete(CatalogKind.SERVICE, name);
  }

  /** Every object of a kind, as views. */
  private <T, V> List<V> list(CatalogKind kind, Class<T> type, BiFunction<CatalogQueries.Managed<T>, Catalog, V> view) {
    Catalog catalog = queries.catalog();
    return queries.all(kind, type).stream().map(m -> view.apply(m, catalog)).toList();
  }

  /** One object by name, as a view; 404 when there is none. */
  private <T, V> V one(CatalogKind kind, String name, Class<T> type,
      BiFunction<CatalogQueries.Managed<T>, Catalog, V> view) {
    return view.apply(queries.one(kind, name, type).orElseThrow(() -> new NotFoundException(
        "no " + kind.label() + " named '" + name + "'")), queries.catalog());
  }

  private static <V> ResponseEntity<V> put(boolean created, V view) {
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  private ResponseEntity<Void> delete(CatalogKind kind, String name) {
    edits.delete(kind, name);
    return ResponseEntity.noContent().build();
  }

  /** Every integration with its key, the credential its senders use (admins only). */
  @GetMapping("/integrations")
  List<IntegrationView> integrations() {
    Map<String, String> keys = queries.integrationKeys();
    return queries.all(CatalogKind.INTEGRATION, Catalog.Integration.class).stream().map(m -> {
      Catalog.Integration i = m.object();
      return new IntegrationView(i.name(), i.type().value(), i.service(), i.routing(),
          i.defaultService(), keys.get(i.name()), m.managedBy());
    }).toList();
  }

  /** The config last applied (its source, checksum and what it changed) and how many objects of each kind exist. */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "404", description = "No config has been applied yet")
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
        s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(), m.managedBy(),
        s.probes().stream().map(JsonDeclarations::shown).toList(),
        s.maintenanceWindows().stream().map(JsonDeclarations::shown).toList());
  }
}
