package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The checker of every kind of probe, chosen by the type of the probe's settings: the switch is exhaustive, so a kind
 * without a checker does not compile. Nodes get the checkers as beans, an agent makes its own.
 */
@Component
class ProbeCheckers {

  private static final Logger log = LoggerFactory.getLogger(ProbeCheckers.class);

  private final HttpChecker http;
  private final TcpChecker tcp;
  private final DnsChecker dns;
  private final TlsChecker tls;
  private final PostgresChecker postgres;
  private final RedisChecker redis;
  private final ElasticsearchChecker elasticsearch;

  ProbeCheckers(HttpChecker http, TcpChecker tcp, DnsChecker dns, TlsChecker tls, PostgresChecker postgres,
      RedisChecker redis, ElasticsearchChecker elasticsearch) {
    this.http = http;
    this.tcp = tcp;
    this.dns = dns;
    this.tls = tls;
    this.postgres = postgres;
    this.redis = redis;
    this.elasticsearch = elasticsearch;
  }

  /** A set of checkers of their own, for a process without Spring (an agent); {@link #release()} ends them. */
  static ProbeCheckers standalone() {
    return new ProbeCheckers(new HttpChecker(), new TcpChecker(), new DnsChecker(), new TlsChecker(),
        new PostgresChecker(), new RedisChecker(), new ElasticsearchChecker());
  }

  /** Performs one check of {@code probe} by the checker of its kind. */
  ProbeChecker.Outcome check(Catalog.Probe probe, Duration timeout) throws Exception {
    String name = probe.name();
    return switch (probe.check()) {
      case Catalog.HttpProbe s -> http.check(name, s, timeout);
      case Catalog.TcpProbe s -> tcp.check(name, s, timeout);
      case Catalog.DnsProbe s -> dns.check(name, s, timeout);
      case Catalog.TlsProbe s -> tls.check(name, s, timeout);
      case Catalog.PostgresProbe s -> postgres.check(name, s, timeout);
      case Catalog.RedisProbe s -> redis.check(name, s, timeout);
      case Catalog.ElasticsearchProbe s -> elasticsearch.check(name, s, timeout);
    };
  }

  /**
   * Closes the checkers that hold resources (HTTP clients). Spring closes its beans itself; this is for
   * {@link #standalone()} sets.
   */
  void release() {
    for (ProbeChecker<?> c : List.of(http, tcp, dns, tls, postgres, redis, elasticsearch)) {
      if (c instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }
}
