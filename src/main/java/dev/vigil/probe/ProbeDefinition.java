package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import dev.vigil.system.CatalogDurations;
import java.time.Duration;
import java.util.List;

/**
 * A probe as the engine runs it: its stored id, the service it watches, its declaration, and the service's
 * maintenance windows (which decide whether it may page).
 */
public record ProbeDefinition(long id, String service, Catalog.Probe spec, List<Catalog.MaintenanceWindow> maintenance) {

  public ProbeDefinition {
    maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
  }

  public String name() {
    return spec.name();
  }

  public Catalog.ProbeKind kind() {
    return spec.kind();
  }

  /** How people refer to the probe: service/probe. */
  public String qualifiedName() {
    return service + "/" + spec.name();
  }

  /** What the probe looks at, for listings and alerts: a URL, host:port, a DNS name, or a JDBC URL. */
  public String target() {
    return switch (spec.check()) {
      case Catalog.HttpProbe http -> http.url();
      case Catalog.TcpProbe tcp -> tcp.host() + ":" + tcp.port();
      case Catalog.DnsProbe dns -> dns.name() + " " + dns.recordTypeOrDefault()
          + (dns.server() == null ? "" : " @" + dns.server());
      case Catalog.TlsProbe tls -> tls.host() + ":" + tls.portOrDefault();
      case Catalog.PostgresProbe postgres -> PostgresChecker.shown(postgres);
      case Catalog.RedisProbe redis -> redis.host() + ":" + redis.portOrDefault();
      case Catalog.ElasticsearchProbe elasticsearch -> elasticsearch.url();
    };
  }

  /** A duration as people write it in the catalog: 30s, 1m30s, 250ms. */
  static String human(Duration d) {
    return CatalogDurations.text(d);
  }
}
