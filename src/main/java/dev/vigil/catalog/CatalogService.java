package dev.vigil.catalog;

import dev.vigil.catalog.CatalogRepository.Stored;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Plans and applies a declared catalog against the stored one, in one transaction. */
@Service
public class CatalogService {

  private final CatalogRepository repository;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  CatalogService(CatalogRepository repository, TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.transactions = transactions;
    this.events = events;
  }

  /** What {@link #apply} would change, without changing anything. */
  public Plan plan(Catalog desired, String source) {
    return Objects.requireNonNull(transactions.execute(tx -> {
      tx.setRollbackOnly();
      return computePlan(desired, source);
    }));
  }

  /**
   * Makes the stored catalog match {@code desired}: creates and updates declared objects, marking them as managed
   * by {@code source}, and deletes managed objects the file no longer declares. All or nothing.
   */
  public Plan apply(Catalog desired, String source, String sha256) {
    return Objects.requireNonNull(transactions.execute(tx -> {
      // Two applies at once would each plan against a state the other is changing.
      repository.lockCatalog();
      Plan plan = computePlan(desired, source);
      if (plan.empty()) {
        return plan;
      }
      Map<CatalogKind, Set<String>> changed = new LinkedHashMap<>();
      Map<CatalogKind, Set<String>> deleted = new LinkedHashMap<>();
      for (Plan.Change c : plan.changes()) {
        (c.action() == Plan.Action.DELETE ? deleted : changed)
            .computeIfAbsent(c.kind(), k -> new TreeSet<>()).add(c.name());
      }
      for (CatalogKind kind : CatalogKind.values()) {
        Set<String> names = changed.getOrDefault(kind, Set.of());
        repository.upsert(kind, objects(desired, kind).stream().filter(o -> names.contains(name(o))).toList(), source);
      }
      for (Catalog.Team team : desired.teams()) {
        if (changed.getOrDefault(CatalogKind.TEAM, Set.of()).contains(team.name())) {
          repository.replaceMembers(team);
        }
      }
      for (Catalog.Service service : desired.services()) {
        if (changed.getOrDefault(CatalogKind.SERVICE, Set.of()).contains(service.name())) {
          repository.replaceDependencies(service);
        }
      }
      Set<String> services = changed.getOrDefault(CatalogKind.SERVICE, Set.of());
      if (!services.isEmpty()) {
        events.publishEvent(new ServicesChanged(desired.services().stream()
            .filter(s -> services.contains(s.name())).toList()));
      }
      List<CatalogKind> reverse = new ArrayList<>(List.of(CatalogKind.values()));
      java.util.Collections.reverse(reverse);
      for (CatalogKind kind : reverse) {
        Set<String> names = deleted.getOrDefault(kind, Set.of());
        if (kind == CatalogKind.INTEGRATION && !names.isEmpty()) {
          events.publishEvent(new IntegrationsDeleting(
              names.stream().map(name -> repository.id(kind, name)).collect(Collectors.toSet())));
        }
        repository.delete(kind, names);
      }
      repository.recordVersion(source, sha256, plan);
      return plan;
    }));
  }

  private Plan computePlan(Catalog desired, String source) {
    List<Plan.Change> upserts = new ArrayList<>();
    List<Plan.Change> deletes = new ArrayList<>();
    for (CatalogKind kind : CatalogKind.values()) {
      Map<String, Stored> stored = repository.load(kind);
      for (Object object : objects(desired, kind)) {
        String name = name(object);
        Stored current = stored.remove(name);
        if (current == null) {
          upserts.add(new Plan.Change(kind, name, Plan.Action.CREATE, List.of()));
          continue;
        }
        List<String> fields = differingFields(current.spec(), CatalogRepository.spec(kind, object));
        if (!Objects.equals(current.managedBy(), source)) {
          fields.add(current.managedBy() == null ? "now managed by " + source : "managed by " + source);
        }
        if (!fields.isEmpty()) {
          upserts.add(new Plan.Change(kind, name, Plan.Action.UPDATE, fields));
        }
      }
      // Objects created through the API are not the file's to delete.
      stored.values().stream().filter(s -> s.managedBy() != null)
          .forEach(s -> deletes.add(new Plan.Change(kind, s.name(), Plan.Action.DELETE, List.of())));
    }
    java.util.Collections.reverse(deletes);
    upserts.addAll(deletes);
    return new Plan(upserts);
  }

  private static List<String> differingFields(JsonNode stored, JsonNode desired) {
    Set<String> names = new TreeSet<>();
    stored.propertyNames().forEach(names::add);
    desired.propertyNames().forEach(names::add);
    List<String> differing = new ArrayList<>();
    for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
      String field = it.next();
      if (!Objects.equals(normalise(stored.get(field)), normalise(desired.get(field)))) {
        differing.add(field);
      }
    }
    return differing;
  }

  /** Treats an absent field, null and an empty list or map alike, as the file does. */
  private static JsonNode normalise(JsonNode node) {
    if (node == null || node.isNull() || (node.isContainer() && node.isEmpty())) {
      return null;
    }
    return node;
  }

  static List<?> objects(Catalog catalog, CatalogKind kind) {
    return switch (kind) {
      case TEAM -> catalog.teams();
      case USER -> catalog.users();
      case SCHEDULE -> catalog.schedules();
      case ESCALATION_POLICY -> catalog.escalationPolicies();
      case SERVICE -> catalog.services();
      case INTEGRATION -> catalog.integrations();
      case CUSTOMER -> catalog.customers();
      case INCIDENT_POLICY -> catalog.incidentPolicy() == null ? List.of() : List.of(catalog.incidentPolicy());
      case STATUS_PAGE -> catalog.statusPages();
    };
  }

  static String name(Object object) {
    return switch (object) {
      case Catalog.Team t -> t.name();
      case Catalog.User u -> u.name();
      case Catalog.Schedule s -> s.name();
      case Catalog.EscalationPolicy e -> e.name();
      case Catalog.Service s -> s.name();
      case Catalog.Integration i -> i.name();
      case Catalog.Customer c -> c.name();
      case Catalog.IncidentPolicy p -> Catalog.IncidentPolicy.NAME;
      case Catalog.StatusPage p -> p.slug();
      default -> throw new IllegalArgumentException(String.valueOf(object));
    };
  }
}
