package dev.vigil.catalog;

import dev.vigil.catalog.CatalogRepository.Stored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
      // An object that only comes under this file is written like a changed one: its row takes the new owner.
      plan.moves().forEach(m -> changed.computeIfAbsent(m.kind(), k -> new TreeSet<>()).add(m.name()));
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
    return plan(desired, source, repository::load);
  }

  /**
   * The plan from the objects {@code stored} holds of each kind (a map by name the plan may empty) to
   * {@code desired}: content changes field by field, and apart from them the objects only coming under
   * {@code source}.
   */
  static Plan plan(Catalog desired, String source, Function<CatalogKind, Map<String, Stored>> stored) {
    List<Plan.Change> upserts = new ArrayList<>();
    List<Plan.Change> deletes = new ArrayList<>();
    List<Plan.Move> moves = new ArrayList<>();
    for (CatalogKind kind : CatalogKind.values()) {
      Map<String, Stored> left = stored.apply(kind);
      for (Object object : objects(desired, kind)) {
        String name = name(object);
        Stored current = left.remove(name);
        if (current == null) {
          upserts.add(new Plan.Change(kind, name, Plan.Action.CREATE, List.of(), List.of()));
          continue;
        }
        JsonNode spec = CatalogRepository.spec(kind, object);
        List<String> fields = new ArrayList<>();
        List<Plan.FieldChange> differences = new ArrayList<>();
        for (String field : fieldNames(current.spec(), spec)) {
          List<Plan.FieldChange> changed = SpecDiff.of(field, current.spec().get(field), spec.get(field));
          if (!changed.isEmpty()) {
            fields.add(field);
            differences.addAll(changed);
          }
        }
        if (!fields.isEmpty()) {
          upserts.add(new Plan.Change(kind, name, Plan.Action.UPDATE, fields, differences));
        }
        if (!Objects.equals(current.managedBy(), source)) {
          moves.add(new Plan.Move(kind, name, current.managedBy(), source));
        }
      }
      // Objects created through the API are not the file's to delete.
      left.values().stream().filter(s -> s.managedBy() != null)
          .forEach(s -> deletes.add(new Plan.Change(kind, s.name(), Plan.Action.DELETE, List.of(), List.of())));
    }
    java.util.Collections.reverse(deletes);
    upserts.addAll(deletes);
    return new Plan(upserts, moves);
  }

  private static Set<String> fieldNames(JsonNode stored, JsonNode desired) {
    Set<String> names = new TreeSet<>();
    stored.propertyNames().forEach(names::add);
    desired.propertyNames().forEach(names::add);
    return names;
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
      case PROMETHEUS_SOURCE -> catalog.prometheus();
      case CHANGE_FREEZE -> catalog.changeFreezes();
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
      case Catalog.PrometheusSource p -> p.name();
      case Catalog.ChangeFreeze f -> f.name();
      default -> throw new IllegalArgumentException(String.valueOf(object));
    };
  }
}
