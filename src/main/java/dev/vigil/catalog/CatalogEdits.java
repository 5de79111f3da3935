package dev.vigil.catalog;

import dev.vigil.system.InvalidException;
import dev.vigil.system.RefusedException;
import dev.vigil.system.NotFoundException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

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

  /** Whether the object was created (true) or replaced (false). */
  boolean putTeam(String name, Catalog.Team team) {
    Catalog.Team t = new Catalog.Team(checkName(name, team.name()), team.description(), team.members(),
        team.slackChannel());
    return write(CatalogKind.TEAM, t.name(), catalog -> {
      List<String> problems = new ArrayList<>();
      t.members().stream().filter(m -> catalog.user(m).isEmpty())
          .forEach(m -> problems.add("members: no user named '" + m + "'"));
      return problems;
    }, () -> {
      repository.upsert(CatalogKind.TEAM, List.of(t), null);
      repository.replaceMembers(t);
    });
  }

  boolean putUser(String name, Catalog.User user) {
    Catalog.User u = new Catalog.User(checkName(name, user.name()), user.fullName(), user.email(), user.timeZone(),
        user.role() == null ? "responder" : user.role(), user.contactMethods(), user.shiftNotice());
    return write(CatalogKind.USER, u.name(), catalog -> {
      List<String> problems = new ArrayList<>();
      if (u.email() == null || !EMAIL.matcher(u.email()).matches()) {
        problems.add("email: expected an email address, got '" + u.email() + "'");
      }
      if (u.timeZone() == null) {
        problems.add("timeZone: required, e.g. Europe/Paris");
      } else {
        try {
          ZoneId.of(u.timeZone());
        } catch (DateTimeException e) {
          problems.add("timeZone: unknown time zone '" + u.timeZone() + "'");
        }
      }
      if (!List.of("admin", "responder", "viewer").contains(u.role())) {
        problems.add("role: expected admin, responder or viewer, got '" + u.role() + "'");
      }
      if (u.shiftNotice() != null && (u.shiftNotice().before() == null || !u.shiftNotice().before().isPositive())) {
        problems.add("shiftNotice.before: a positive duration is required, such as PT12H");
      }
      for (int i = 0; i < u.contactMethods().size(); i++) {
        Catalog.ContactMethod c = u.contactMethods().get(i);
        if (c.type() == null || c.address() == null || c.address().isBlank()) {
          problems.add("contactMethods[" + i + "]: needs a type and an address");
        }
      }
      return problems;
    }, () -> repository.upsert(CatalogKind.USER, List.of(u), null));
  }

  /**
   * Creates or replaces a service. {@code probes} and {@code windows} are the JSON of its probes and maintenance
   * windows in the catalog file's form (null: none), checked by the file's own schema and checks.
   */
  boolean putService(String name, Catalog.Service service, JsonNode probes, JsonNode windows) {
    String serviceName = checkName(name, service.name());
    JsonDeclarations.Checked<Map.Entry<List<Catalog.Probe>, List<Catalog.MaintenanceWindow>>> declared =
        JsonDeclarations.service(serviceName, probes, windows);
    Catalog.Service s = withProbes(new Catalog.Service(serviceName, service.description(), service.team(),
        service.tier(), service.kind(), service.dependsOn(), service.runbookUrl(), service.rto(), service.rpo(),
        service.escalationPolicy(), service.tags(), service.supportHours(), service.heartbeats(), List.of(),
        List.of(), service.impact(), service.correlateUpstream(), service.subscribers()),
        declared.value() == null ? List.of() : declared.value().getKey(),
        declared.value() == null ? List.of() : declared.value().getValue());
    return write(CatalogKind.SERVICE, s.name(), catalog -> {
      List<String> problems = new ArrayList<>(declared.problems());
      if (s.team() == null || catalog.team(s.team()).isEmpty()) {
        problems.add("team: " + (s.team() == null ? "required" : "no team named '" + s.team() + "'"));
      }
      if (s.tier() < 1 || s.tier() > 4) {
        problems.add("tier: must be 1 to 4, got " + s.tier());
      }
      if (s.kind() == null) {
        problems.add("kind: required");
      }
      if (s.escalationPolicy() != null && catalog.escalationPolicies().stream()
          .noneMatch(p -> p.name().equals(s.escalationPolicy()))) {
        problems.add("escalationPolicy: no escalation policy named '" + s.escalationPolicy() + "'");
      }
      for (String d : s.dependsOn()) {
        if (d.equals(s.name())) {
          problems.add("dependsOn: a service cannot depend on itself");
        } else if (catalog.service(d).isEmpty()) {
          problems.add("dependsOn: no service named '" + d + "'");
        }
      }
      for (String subscriber : s.subscribers()) {
        if (catalog.user(subscriber).isEmpty()) {
          problems.add("subscribers: no user named '" + subscriber + "'");
        }
      }
      if (s.impact() != null && s.impact().userShare() != null
          && (s.impact().userShare() < 0 || s.impact().userShare() > 100)) {
        problems.add("impact.userShare: must be 0 to 100, got " + s.impact().userShare());
      }
      cycle(catalog, s).ifPresent(c -> problems.add("dependsOn: creates a dependency cycle " + c));
      heartbeatProblems(s.heartbeats(), problems);
      return problems;
    }, () -> {
      repository.upsert(CatalogKind.SERVICE, List.of(s), null);
      repository.replaceDependencies(s);
      events.publishEvent(new ServicesChanged(List.of(s)));
    });
  }

  /** The service with these probes and maintenance windows, everything else as it is. */
  static Catalog.Service withProbes(Catalog.Service s, List<Catalog.Probe> probes,
      List<Catalog.MaintenanceWindow> windows) {
    return new Catalog.Service(s.name(), s.description(), s.team(), s.tier(), s.kind(), s.dependsOn(),
        s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(), s.supportHours(), s.heartbeats(), probes,
        windows, s.impact(), s.correlateUpstream(), s.subscribers());
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
    if (!NAME.matcher(probeName).matches()) {
      throw new InvalidException("name: '" + probeName + "' must be lowercase letters, digits and hyphens");
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

  /** The checks the file's schema makes of heartbeats, for a service written through the API. */
  private static void heartbeatProblems(List<Catalog.Heartbeat> heartbeats, List<String> problems) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < heartbeats.size(); i++) {
      Catalog.Heartbeat h = heartbeats.get(i);
      String at = "heartbeats[" + i + "]";
      if (h.name() == null || !NAME.matcher(h.name()).matches() || !names.add(h.name())) {
        problems.add(at + ".name: needs a unique name of lowercase letters, digits and hyphens");
      }
      if ((h.period() == null) == (h.cron() == null)) {
        problems.add(at + ": set exactly one of period and cron");
      }
      if (h.period() != null && !h.period().isPositive() || h.grace() != null && !h.grace().isPositive()) {
        problems.add(at + ": period and grace must be longer than zero");
      }
      try {
        ZoneId zone = ZoneId.of(h.timeZoneOrDefault());
        if (h.cron() != null) {
          CronSchedule.parse(h.cron(), zone);
        }
      } catch (DateTimeException e) {
        problems.add(at + ".timeZone: unknown time zone '" + h.timeZone() + "'");
      } catch (IllegalArgumentException e) {
        problems.add(at + ".cron: '" + h.cron() + "' is not a valid schedule: " + e.getMessage());
      }
      if (!List.of("critical", "error", "warning", "info").contains(h.severityOrDefault())) {
        problems.add(at + ".severity: expected critical, error, warning or info");
      }
      if (h.token() != null && !h.token().matches("[A-Za-z0-9_-]{20,}")) {
        problems.add(at + ".token: at least 20 characters of A-Z, a-z, 0-9, '_' and '-'");
      }
    }
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

  private boolean write(CatalogKind kind, String name, java.util.function.Function<Catalog, List<String>> check,
      Runnable writer) {
    Boolean created = transactions.execute(tx -> {
      Optional<CatalogRepository.Stored> existing = repository.find(kind, name);
      existing.ifPresent(e -> refuseManaged(kind, name, e.managedBy()));
      List<String> problems = check.apply(queries.catalog());
      if (!problems.isEmpty()) {
        throw new InvalidException("Invalid " + kind.label() + " '" + name + "': " + String.join("; ", problems));
      }
      writer.run();
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

  private static String checkName(String path, String body) {
    if (body != null && !body.equals(path)) {
      throw new InvalidException("name: the body says '" + body + "' but the URL says '" + path + "'");
    }
    if (!NAME.matcher(path).matches()) {
      throw new InvalidException("name: '" + path + "' must be lowercase letters, digits and hyphens");
    }
    return path;
  }

  /** The dependency cycle the service would close, as "a -> b -> a", if any. */
  private static Optional<String> cycle(Catalog catalog, Catalog.Service changed) {
    Map<String, List<String>> edges = new HashMap<>();
    catalog.services().forEach(s -> edges.put(s.name(), s.dependsOn()));
    edges.put(changed.name(), changed.dependsOn());
    List<String> path = new ArrayList<>();
    return walk(changed.name(), changed.name(), edges, path, new java.util.HashSet<>());
  }

  private static Optional<String> walk(String start, String at, Map<String, List<String>> edges, List<String> path,
      java.util.Set<String> seen) {
    path.add(at);
    for (String next : edges.getOrDefault(at, List.of())) {
      if (next.equals(start)) {
        return Optional.of(String.join(" -> ", path) + " -> " + start);
      }
      if (seen.add(next)) {
        Optional<String> found = walk(start, next, edges, path, seen);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    path.remove(path.size() - 1);
    return Optional.empty();
  }
}
