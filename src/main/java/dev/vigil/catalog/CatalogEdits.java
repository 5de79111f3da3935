package dev.vigil.catalog;

import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Edits of teams, users and services through the API. Objects declared in a config file belong to that file: the
 * API refuses to change them and says which file to edit instead.
 */
@Service
class CatalogEdits {

  private final CatalogRepository repository;
  private final CatalogQueries queries;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  CatalogEdits(CatalogRepository repository, CatalogQueries queries, TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.queries = queries;
    this.transactions = transactions;
    this.events = events;
  }

  /**
   * Creates or replaces a team. Whether the team was created (true) or replaced (false). Like users and services, it is
   * checked as the declaration a file holding the whole catalog after the edit would have ({@link JsonDeclarations}).
   */
  boolean putTeam(String name, Catalog.Team team) {
    Catalog.Team t = new Catalog.Team(checkName(name, team.name()), team.description(), team.members(),
        team.slackChannel());
    return write(CatalogKind.TEAM, t.name(), List.of(), catalog -> JsonDeclarations.team(catalog, t), checked -> {
      repository.upsert(CatalogKind.TEAM, List.of(checked), null);
      repository.replaceMembers(checked);
    });
  }

  /** Creates or replaces a user; the API asks for a time zone, which a file may leave out. */
  boolean putUser(String name, Catalog.User user) {
    Catalog.User u = new Catalog.User(checkName(name, user.name()), user.fullName(), user.email(), user.timeZone(),
        user.role() == null ? CatalogBinder.DEFAULT_ROLE : user.role(), user.contactMethods(), user.shiftNotice());
    List<String> required = u.timeZone() == null ? List.of("timeZone: required, e.g. Europe/Paris") : List.of();
    return write(CatalogKind.USER, u.name(), required, catalog -> JsonDeclarations.user(catalog, u),
        checked -> repository.upsert(CatalogKind.USER, List.of(checked), null));
  }

  /**
   * Creates or replaces a service; the API asks for its kind, which a file may leave out. {@code probes},
   * {@code windows} and {@code slos} are the JSON of its probes, maintenance windows and SLOs in the catalog file's
   * form (null: none).
   */
  boolean putService(String name, Catalog.Service service, JsonNode probes, JsonNode windows, JsonNode slos) {
    String serviceName = checkName(name, service.name());
    Catalog.Service s = withProbes(new Catalog.Service(serviceName, service.description(), service.team(),
        service.tier(), service.kind(), service.dependsOn(), service.runbookUrl(), service.rto(), service.rpo(),
        service.escalationPolicy(), service.tags(), service.supportHours(), service.heartbeats(), List.of(),
        List.of(), service.impact(), service.correlateUpstream(), service.subscribers(), null, List.of(),
        service.errorBudgetPolicy()), List.of(), List.of());
    List<String> required = s.kind() == null ? List.of("kind: required") : List.of();
    return write(CatalogKind.SERVICE, s.name(), required,
        catalog -> JsonDeclarations.service(catalog, s, probes, windows, slos), checked -> {
          repository.upsert(CatalogKind.SERVICE, List.of(checked), null);
          repository.replaceDependencies(checked);
          events.publishEvent(new ServicesChanged(List.of(checked)));
        });
  }

  /** The service with these SLOs, everything else as it is. */
  static Catalog.Service withSlos(Catalog.Service s, List<Catalog.Slo> slos) {
    return new Catalog.Service(s.name(), s.description(), s.team(), s.tier(), s.kind(), s.dependsOn(),
        s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(), s.supportHours(), s.heartbeats(), s.probes(),
        s.maintenanceWindows(), s.impact(), s.correlateUpstream(), s.subscribers(), s.runbook(), slos,
        s.errorBudgetPolicy(), s.monitoring());
  }

  /** The service with these probes and maintenance windows, everything else as it is. */
  static Catalog.Service withProbes(Catalog.Service s, List<Catalog.Probe> probes,
      List<Catalog.MaintenanceWindow> windows) {
    return new Catalog.Service(s.name(), s.description(), s.team(), s.tier(), s.kind(), s.dependsOn(),
        s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(), s.supportHours(), s.heartbeats(), probes,
        windows, s.impact(), s.correlateUpstream(), s.subscribers(), s.runbook(), s.slos(), s.errorBudgetPolicy(),
        s.monitoring());
  }

  /**
   * Creates or replaces one probe of a service created through the API; {@code body} is the probe in the catalog
   * file's form. Whether the probe was created (true) or replaced (false).
   */
  boolean putProbe(String serviceName, String probeName, JsonNode body) {
    if (!(body instanceof tools.jackson.databind.node.ObjectNode object)) {
      throw new InvalidException("The body must be a JSON object: the probe as written in vigil.yaml");
    }
    tools.jackson.databind.node.ObjectNode probe = object.deepCopy();
    JsonNode named = probe.get("name");
    if (named != null && !named.isNull() && !(named.isString() && named.asString().equals(probeName))) {
      throw new InvalidException("name: the body says " + named + " but the URL says '" + probeName + "'");
    }
    probe.put("name", probeName);
    JsonDeclarations.Checked<Catalog.Probe> checked = JsonDeclarations.probe(serviceName, probe);
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      Catalog.Service service = apiService(serviceName);
      if (!checked.problems().isEmpty()) {
        throw new InvalidException("Invalid probe '" + probeName + "' of service '" + serviceName + "': "
            + String.join("; ", checked.problems()));
      }
      List<Catalog.Probe> probes = new ArrayList<>(service.probes());
      boolean created = !probes.removeIf(p -> p.name().equals(probeName));
      probes.add(checked.value());
      saveProbes(withProbes(service, probes, service.maintenanceWindows()));
      return created;
    }));
  }

  /** Deletes one probe of a service created through the API; its results go with it. */
  void deleteProbe(String serviceName, String probeName) {
    transactions.executeWithoutResult(tx -> {
      Catalog.Service service = apiService(serviceName);
      List<Catalog.Probe> probes = new ArrayList<>(service.probes());
      if (!probes.removeIf(p -> p.name().equals(probeName))) {
        throw new NotFoundException("service '" + serviceName + "' has no probe named '" + probeName + "'");
      }
      saveProbes(withProbes(service, probes, service.maintenanceWindows()));
    });
  }

  /** The service, which must exist and must not be managed by a file. */
  private Catalog.Service apiService(String name) {
    CatalogQueries.Managed<Catalog.Service> service = queries.one(CatalogKind.SERVICE, name, Catalog.Service.class)
        .orElseThrow(() -> new NotFoundException("no service named '" + name + "'"));
    refuseManaged(CatalogKind.SERVICE, name, service.managedBy());
    return service.object();
  }

  private void saveProbes(Catalog.Service s) {
    repository.upsert(CatalogKind.SERVICE, List.of(s), null);
    events.publishEvent(new ServicesChanged(List.of(s)));
  }

  void delete(CatalogKind kind, String name) {
    transactions.executeWithoutResult(tx -> {
      Catalog catalog = queries.catalog();
      CatalogRepository.Stored existing = repository.find(kind, name)
          .orElseThrow(() -> new NotFoundException("no " + kind.label() + " named '" + name + "'"));
      refuseManaged(kind, name, existing.managedBy());
      List<String> users = switch (kind) {
        case TEAM -> catalog.services().stream().filter(s -> name.equals(s.team())).map(s -> "service " + s.name())
            .toList();
        case SERVICE -> catalog.services().stream().filter(s -> s.dependsOn().contains(name))
            .map(s -> "service " + s.name()).toList();
        case USER -> catalog.teams().stream().filter(t -> t.members().contains(name)).map(t -> "team " + t.name())
            .toList();
        default -> List.of();
      };
      if (!users.isEmpty()) {
        throw new RefusedException(kind.label() + " '" + name + "' is still used by " + String.join(", ", users));
      }
      repository.delete(kind, List.of(name));
    });
  }

  /**
   * Writes one object in a transaction after checking it against the catalog as stored: first its manager (409 for a
   * file's object), then the API's own requirements and the file's checks (one 400 listing every problem).
   */
  private <T> boolean write(CatalogKind kind, String name, List<String> required,
      Function<Catalog, JsonDeclarations.Checked<T>> check, Consumer<T> writer) {
    Boolean created = transactions.execute(tx -> {
      // Edits check the whole catalog as it will be; one at a time, and not during an apply, so that two edits cannot
      // each pass alone and together close a dependency cycle or reuse a heartbeat token.
      repository.lockCatalog();
      Optional<CatalogRepository.Stored> existing = repository.find(kind, name);
      existing.ifPresent(e -> refuseManaged(kind, name, e.managedBy()));
      JsonDeclarations.Checked<T> checked = check.apply(queries.catalog());
      List<String> problems = new ArrayList<>(required);
      problems.addAll(checked.problems());
      if (!problems.isEmpty()) {
        throw new InvalidException("Invalid " + kind.label() + " '" + name + "': " + String.join("; ", problems));
      }
      writer.accept(checked.value());
      return existing.isEmpty();
    });
    return Boolean.TRUE.equals(created);
  }

  private static void refuseManaged(CatalogKind kind, String name, String managedBy) {
    if (managedBy != null) {
      throw new RefusedException(kind.label() + " '" + name + "' is managed by " + managedBy
          + "; change it in that file and run 'vigil apply " + managedBy + "'.");
    }
  }

  /** The name in the URL, which a name in the body must repeat; the file's checks say whether it is a valid name. */
  private static String checkName(String path, String body) {
    if (body != null && !body.equals(path)) {
      throw new InvalidException("name: the body says '" + body + "' but the URL says '" + path + "'");
    }
    return path;
  }
}
