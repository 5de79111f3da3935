package dev.vigil.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the stored catalog back as records, with who manages each object; what the API and other features read. */
@Service
public class CatalogQueries {

  /** A stored object and the config file managing it (null when created through the API). */
  public record Managed<T>(T object, String managedBy) {}

  private final CatalogRepository repository;
  private volatile Snapshot snapshot;

  CatalogQueries(CatalogRepository repository) {
    this.repository = repository;
  }

  /**
   * The stored catalog at one stamp (V013), with each object parsed at most once: paging reads the same service,
   * policy and users for every alert, and binding a spec costs more than reading its row. Objects are immutable
   * records, so every thread may share them.
   */
  private static final class Snapshot {
    final long version;
    final Map<CatalogKind, Map<String, Entry>> objects;
    final Map<String, String> integrationByKeyHash;
    final Map<String, List<String>> dependencyGraph;
    private volatile Catalog catalog;

    Snapshot(long version, Map<CatalogKind, Map<String, Entry>> objects, Map<String, String> integrationByKeyHash,
        Map<String, List<String>> dependencyGraph) {
      this.version = version;
      this.objects = objects;
      this.integrationByKeyHash = integrationByKeyHash;
      this.dependencyGraph = dependencyGraph;
    }
  }

  /** One stored object and, once someone asked for it, the record bound from its spec. */
  private static final class Entry {
    final CatalogRepository.Stored stored;
    private volatile Object object;

    Entry(CatalogRepository.Stored stored) {
      this.stored = stored;
    }

    <T> T object(Class<T> type) {
      Object bound = object;
      if (bound == null) {
        bound = SpecMapper.fromSpec(stored.spec(), type);
        object = bound;
      }
      return type.cast(bound);
    }

    <T> Managed<T> managed(Class<T> type) {
      return new Managed<>(object(type), stored.managedBy());
    }
  }

  /**
   * The snapshot for the catalog as this transaction sees it: one read of the stamp per transaction (a write to the
   * catalog in the transaction makes it read again), and a reload only when the stamp moved.
   */
  private Snapshot current() {
    long version = CatalogStamp.read(repository::stamp);
    Snapshot cached = snapshot;
    if (cached != null && cached.version == version) {
      return cached;
    }
    Map<CatalogKind, Map<String, Entry>> objects = new EnumMap<>(CatalogKind.class);
    for (CatalogKind kind : CatalogKind.values()) {
      Map<String, Entry> byName = new LinkedHashMap<>();
      repository.load(kind).forEach((name, stored) -> byName.put(name, new Entry(stored)));
      objects.put(kind, byName);
    }
    Snapshot loaded = new Snapshot(version, objects, repository.integrationKeyHashes(),
        repository.dependencyGraph());
    // Read committed: a catalog change committed while the tables were read would mix two versions under the first
    // stamp. Such a change also moved the stamp, so a snapshot is shared only when the stamp held still.
    if (repository.stamp() == version) {
      snapshot = loaded;
    }
    return loaded;
  }

  public <T> List<Managed<T>> all(CatalogKind kind, Class<T> type) {
    List<Managed<T>> result = new ArrayList<>();
    for (Entry entry : current().objects.get(kind).values()) {
      result.add(entry.managed(type));
    }
    return result;
  }

  /** One object by name; paging reads the service, policy and users of every alert. */
  public <T> Optional<Managed<T>> one(CatalogKind kind, String name, Class<T> type) {
    return Optional.ofNullable(current().objects.get(kind).get(name)).map(e -> e.managed(type));
  }

  /** The whole stored catalog, as if it had been declared in one file. */
  public Catalog catalog() {
    Snapshot current = current();
    Catalog catalog = current.catalog;
    if (catalog == null) {
      catalog = new Catalog(1,
          objects(current, CatalogKind.TEAM, Catalog.Team.class),
          objects(current, CatalogKind.USER, Catalog.User.class),
          objects(current, CatalogKind.SERVICE, Catalog.Service.class),
          objects(current, CatalogKind.INTEGRATION, Catalog.Integration.class),
          objects(current, CatalogKind.SCHEDULE, Catalog.Schedule.class),
          objects(current, CatalogKind.ESCALATION_POLICY, Catalog.EscalationPolicy.class),
          objects(current, CatalogKind.CUSTOMER, Catalog.Customer.class),
          objects(current, CatalogKind.INCIDENT_POLICY, Catalog.IncidentPolicy.class).stream().findFirst()
              .orElse(null),
          objects(current, CatalogKind.STATUS_PAGE, Catalog.StatusPage.class),
          objects(current, CatalogKind.PROMETHEUS_SOURCE, Catalog.PrometheusSource.class),
          objects(current, CatalogKind.CHANGE_FREEZE, Catalog.ChangeFreeze.class));
      current.catalog = catalog;
    }
    return catalog;
  }

  /**
   * The catalog's change stamp (V013), read now: different after any write to the catalog's tables, whoever wrote and
   * on whichever node; one cheap read that tells a node whether what it built from the catalog is still current.
   */
  public long stamp() {
    return repository.stamp();
  }

  private static <T> List<T> objects(Snapshot snapshot, CatalogKind kind, Class<T> type) {
    return snapshot.objects.get(kind).values().stream().map(e -> e.object(type)).toList();
  }

  /** The applied incident policy, or the built-in one when none is declared. */
  public Catalog.IncidentPolicy incidentPolicy() {
    return one(CatalogKind.INCIDENT_POLICY, Catalog.IncidentPolicy.NAME, Catalog.IncidentPolicy.class)
        .map(Managed::object).orElse(Catalog.IncidentPolicy.DEFAULT);
  }

  /** Every service's direct dependencies, by service name: the graph incidents are correlated over. */
  public Map<String, List<String>> dependencyGraph() {
    return current().dependencyGraph;
  }

  /** An integration as stored, with its row id, found by its secret key. */
  public record KnownIntegration(long id, Catalog.Integration integration) {}

  /** The integration whose key this is; lookups go by the key's hash, so timing reveals nothing of other keys. */
  public Optional<KnownIntegration> integrationByKey(String key) {
    Snapshot current = current();
    return Optional.ofNullable(current.integrationByKeyHash.get(HexFormat.of().formatHex(
            dev.vigil.system.SecretBox.hash(key))))
        .map(name -> current.objects.get(CatalogKind.INTEGRATION).get(name))
        .map(e -> new KnownIntegration(e.stored.id(), e.object(Catalog.Integration.class)));
  }

  /** An integration as stored, with its row id, by name. */
  public Optional<KnownIntegration> integration(String name) {
    return Optional.ofNullable(current().objects.get(CatalogKind.INTEGRATION).get(name))
        .map(e -> new KnownIntegration(e.stored.id(), e.object(Catalog.Integration.class)));
  }

  /** Every integration as stored, with its row id, by name. */
  public List<KnownIntegration> integrations() {
    return current().objects.get(CatalogKind.INTEGRATION).values().stream()
        .map(e -> new KnownIntegration(e.stored.id(), e.object(Catalog.Integration.class))).toList();
  }

  /** An integration's key in clear, for an admin to give its sender; empty when there is no such integration. */
  public Optional<String> integrationKey(String name) {
    return repository.integrationKey(name);
  }

  /** The id of a service by name, if it exists. */
  public Optional<Long> serviceId(String name) {
    return Optional.ofNullable(current().objects.get(CatalogKind.SERVICE).get(name)).map(e -> e.stored.id());
  }

  /** Each integration's key by integration name: credentials, for admins' eyes and the demo's own console only. */
  public Map<String, String> integrationKeys() {
    return repository.integrationKeys();
  }

  Optional<Map<String, Object>> latestVersion() {
    return repository.latestVersion();
  }
}
