package dev.vigil.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Reads the stored catalog back as records, with who manages each object; what the API and other features read. */
@Service
public class CatalogQueries {

  /** A stored object and the config file managing it (null when created through the API). */
  public record Managed<T>(T object, String managedBy) {}

  /** Bounds the parsed-object cache; past it the cache starts over (a catalog has far fewer objects). */
  private static final int MAX_PARSED = 4096;

  private final CatalogRepository repository;
  /**
   * Objects parsed from their stored spec, by spec: binding and validating a spec costs more than reading its row,
   * and paging reads the same few objects for every alert. Keyed by the spec itself, so a changed object is parsed
   * afresh; the records are immutable, so sharing them is safe.
   */
  private final Map<Parsed, Object> parsed = new ConcurrentHashMap<>();

  private record Parsed(Class<?> type, JsonNode spec) {}

  private volatile Snapshot snapshot;

  CatalogQueries(CatalogRepository repository) {
    this.repository = repository;
  }

  private <T> T object(JsonNode spec, Class<T> type) {
    if (parsed.size() > MAX_PARSED) {
      parsed.clear();
    }
    return type.cast(parsed.computeIfAbsent(new Parsed(type, spec), key -> SpecMapper.fromSpec(spec, type)));
  }

  public <T> List<Managed<T>> all(CatalogKind kind, Class<T> type) {
    List<Managed<T>> result = new ArrayList<>();
    for (CatalogRepository.Stored s : repository.load(kind).values()) {
      result.add(new Managed<>(object(s.spec(), type), s.managedBy()));
    }
    return result;
  }

  /** One object by name: a single-row lookup, since paging reads the service, policy and users of every alert. */
  public <T> Optional<Managed<T>> one(CatalogKind kind, String name, Class<T> type) {
    return repository.find(kind, name).map(s -> new Managed<>(object(s.spec(), type), s.managedBy()));
  }

  /** The whole stored catalog, as if it had been declared in one file. */
  public Catalog catalog() {
    // One read of the stamp instead of every table: new incidents read the whole catalog (severity rules, topology).
    long version = repository.stamp();
    Snapshot cached = snapshot;
    if (cached != null && cached.version() == version) {
      return cached.catalog();
    }
    Catalog loaded = load();
    snapshot = new Snapshot(version, loaded);
    return loaded;
  }

  /** The whole catalog as it was at a stamp (V013): the stamp changes with every write to the catalog's tables. */
  private record Snapshot(long version, Catalog catalog) {}

  private Catalog load() {
    return new Catalog(1,
        objects(CatalogKind.TEAM, Catalog.Team.class),
        objects(CatalogKind.USER, Catalog.User.class),
        objects(CatalogKind.SERVICE, Catalog.Service.class),
        objects(CatalogKind.INTEGRATION, Catalog.Integration.class),
        objects(CatalogKind.SCHEDULE, Catalog.Schedule.class),
        objects(CatalogKind.ESCALATION_POLICY, Catalog.EscalationPolicy.class),
        objects(CatalogKind.CUSTOMER, Catalog.Customer.class),
        objects(CatalogKind.INCIDENT_POLICY, Catalog.IncidentPolicy.class).stream().findFirst().orElse(null),
        objects(CatalogKind.STATUS_PAGE, Catalog.StatusPage.class));
  }

  /** The applied incident policy, or the built-in one when none is declared. */
  public Catalog.IncidentPolicy incidentPolicy() {
    return one(CatalogKind.INCIDENT_POLICY, Catalog.IncidentPolicy.NAME, Catalog.IncidentPolicy.class)
        .map(Managed::object).orElse(Catalog.IncidentPolicy.DEFAULT);
  }

  /** Every service's direct dependencies, by service name: the graph incidents are correlated over. */
  public Map<String, List<String>> dependencyGraph() {
    return repository.dependencyGraph();
  }

  private <T> List<T> objects(CatalogKind kind, Class<T> type) {
    return all(kind, type).stream().map(Managed::object).toList();
  }

  /** An integration as stored, with its row id, found by its secret key. */
  public record KnownIntegration(long id, Catalog.Integration integration) {}

  /** The integration whose key this is; lookups go by the key's hash, so timing reveals nothing of other keys. */
  public Optional<KnownIntegration> integrationByKey(String key) {
    return repository.integrationByKeyHash(dev.vigil.security.SecretBox.hash(key))
        .map(s -> new KnownIntegration(s.id(), object(s.spec(), Catalog.Integration.class)));
  }

  /** The id of a service by name, if it exists. */
  public Optional<Long> serviceId(String name) {
    return repository.find(CatalogKind.SERVICE, name).map(CatalogRepository.Stored::id);
  }

  Map<String, String> integrationKeys() {
    return repository.integrationKeys();
  }

  Optional<Map<String, Object>> latestVersion() {
    return repository.latestVersion();
  }
}
