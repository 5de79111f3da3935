package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.catalog.Catalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every probe checker promises the scheduler, stated once and run against each checker with a live target on
 * 127.0.0.1 ({@link ProbeTargets}, the embedded PostgreSQL, Debian's redis-server): up against a target that
 * answers as expected, down with a reason naming where against a closed port and against a wrong answer, down
 * within its timeout with the reason that time ran out against a target that never answers, every failure a result
 * rather than an exception, and the time the check took measured.
 */
class ProbeCheckerContractIT {

  /** The timeout of checks against a target that never answers: long enough for a handshake, short for a test. */
  static final Duration SHORT = Duration.ofMillis(500);
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;

  static ProbeTargets targets;
  static EmbeddedPostgres postgres;
  static final List<Process> redisServers = new ArrayList<>();
  static int redis;

  @BeforeAll
  static void start() throws Exception {
    targets = new ProbeTargets(dir);
    postgres = EmbeddedPostgres.builder().start();
    redis = ProbeTargets.redis(dir, redisServers);
  }

  @AfterAll
  static void stop() throws Exception {
    targets.close();
    postgres.close();
    redisServers.forEach(Process::destroy);
  }

  /**
   * One checker and the probes (the {@code kind:} line and the kind's settings, as in the catalog) that point it at
   * each kind of target.
   */
  interface Rig {
    ProbeChecker<?> checker();

    /** The kind of probe the checker runs. */
    Catalog.ProbeKind kind();

    /** A probe of a target that answers as expected. */
    String up();

    /** A probe of {@code 127.0.0.1:port}, where nothing listens. */
    String closed(int port);

    /** A probe of a live target whose answer is not what the probe expects. */
    String wrongAnswer();

    /** A probe of a target that takes the connection or the datagram and never answers. */
    String silent();
  }

  static Stream<Rig> rigs() {
    int pong = targets.pong.getLocalPort();
    int dns = targets.dns.getLocalPort();
    return Stream.of(
        rig(Catalog.ProbeKind.HTTP, new HttpChecker(), "http: {url: '%s'}".formatted(targets.httpUrl("/ok")),
            port -> "http: {url: 'http://127.0.0.1:%d/ok'}".formatted(port),
            "http: {url: '%s'}".formatted(targets.httpUrl("/gone")),
            "http: {url: 'http://127.0.0.1:%d/ok'}".formatted(targets.silent.getLocalPort())),
        rig(Catalog.ProbeKind.TCP, new TcpChecker(),
            "tcp: {host: 127.0.0.1, port: %d, send: \"PING\\r\\n\", expect: ^\\+PONG}".formatted(pong),
            port -> "tcp: {host: 127.0.0.1, port: %d}".formatted(port),
            "tcp: {host: 127.0.0.1, port: %d, send: \"HELLO\\r\\n\", expect: ^\\+PONG}".formatted(pong),
            "tcp: {host: 127.0.0.1, port: %d, send: \"PING\\r\\n\", expect: ^\\+PONG}"
                .formatted(targets.silent.getLocalPort())),
        rig(Catalog.ProbeKind.DNS, new DnsChecker(),
            "dns: {name: example.test, server: '127.0.0.1:%d', expect: [192.0.2.10]}".formatted(dns),
            port -> "dns: {name: example.test, server: '127.0.0.1:%d'}".formatted(port),
            "dns: {name: example.test, server: '127.0.0.1:%d', expect: [192.0.2.99]}".formatted(dns),
            "dns: {name: example.test, server: '127.0.0.1:%d'}".formatted(targets.silentUdp.getLocalPort())),
        rig(Catalog.ProbeKind.TLS, new TlsChecker(),
            "tls: {host: 127.0.0.1, port: %d, server_name: localhost, expiry_days: 1, trusted_certificates: '%s'}"
                .formatted(targets.tls.getLocalPort(), targets.pem),
            port -> "tls: {host: 127.0.0.1, port: %d, server_name: localhost}".formatted(port),
            "tls: {host: 127.0.0.1, port: %d, server_name: other.example, expiry_days: 1, trusted_certificates: '%s'}"
                .formatted(targets.tls.getLocalPort(), targets.pem),
            "tls: {host: 127.0.0.1, port: %d, server_name: localhost}".formatted(targets.silent.getLocalPort())),
        rig(Catalog.ProbeKind.POSTGRES, new PostgresChecker(),
            "postgres: {host: 127.0.0.1, port: %d, user: postgres}".formatted(postgres.getPort()),
            port -> "postgres: {host: 127.0.0.1, port: %d, user: postgres}".formatted(port),
            "postgres: {host: 127.0.0.1, port: %d, user: postgres, query: select * from no_such_table}"
                .formatted(postgres.getPort()),
            "postgres: {host: 127.0.0.1, port: %d, user: postgres}".formatted(targets.silent.getLocalPort())),
        rig(Catalog.ProbeKind.REDIS, new RedisChecker(),
            "redis: {host: 127.0.0.1, port: %d}".formatted(redis),
            port -> "redis: {host: 127.0.0.1, port: %d}".formatted(port),
            "redis: {host: 127.0.0.1, port: %d, role: replica}".formatted(redis),
            "redis: {host: 127.0.0.1, port: %d}".formatted(targets.silent.getLocalPort())),
        rig(Catalog.ProbeKind.ELASTICSEARCH, new ElasticsearchChecker(),
            "elasticsearch: {url: '%s'}".formatted(targets.httpUrl("/green")),
            port -> "elasticsearch: {url: 'http://127.0.0.1:%d'}".formatted(port),
            "elasticsearch: {url: '%s'}".formatted(targets.httpUrl("/red")),
            "elasticsearch: {url: 'http://127.0.0.1:%d'}".formatted(targets.silent.getLocalPort())));
  }

  /** A closed port, one per probe written. */
  interface Closed {
    String at(int port);
  }

  static Rig rig(Catalog.ProbeKind probeKind, ProbeChecker<?> checker, String up, Closed closed, String wrongAnswer,
      String silent) {
    String kind = "kind: " + probeKind.name().toLowerCase(Locale.ROOT) + "\n";
    return new Rig() {
      @Override
      public ProbeChecker<?> checker() {
        return checker;
      }

      @Override
      public Catalog.ProbeKind kind() {
        return probeKind;
      }

      @Override
      public String up() {
        return kind + up;
      }

      @Override
      public String closed(int port) {
        return kind + closed.at(port);
      }

      @Override
      public String wrongAnswer() {
        return kind + wrongAnswer;
      }

      @Override
      public String silent() {
        return kind + silent;
      }

      @Override
      public String toString() {
        return probeKind.name().toLowerCase(Locale.ROOT);
      }
    };
  }

  /** One check by a checker of the probe's kind, through the checker's own signature. */
  @SuppressWarnings("unchecked")
  static <S extends Catalog.ProbeSpec> ProbeChecker.Outcome check(ProbeChecker<S> checker, Catalog.Probe probe,
      Duration timeout) throws Exception {
    return checker.check(probe.name(), (S) probe.check(), timeout);
  }

  /** A check's outcome and how long the call took from outside. */
  record Checked(ProbeChecker.Outcome outcome, Duration took) {}

  /** Runs one check; an exception out of {@code check} breaks the contract, whatever went wrong with the target. */
  static Checked check(Rig rig, String yaml, Duration timeout) {
    Catalog.Probe probe = TestProbes.probe(yaml);
    long started = System.nanoTime();
    ProbeChecker.Outcome outcome;
    try {
      outcome = check(rig.checker(), probe, timeout);
    } catch (Exception e) {
      return fail("%s threw instead of returning a failed result", rig, e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(outcome).as("the outcome").isNotNull();
    assertThat(outcome.duration()).as("the time the check took, measured").isPositive().isLessThanOrEqualTo(took);
    assertThat(outcome.message()).as("what was seen, or what failed").isNotBlank();
    return new Checked(outcome, took);
  }

  @Test
  void everyKindOfProbeHasItsCheckerInTheSuite() {
    assertThat(rigs().map(Rig::kind)).containsExactlyInAnyOrder(Catalog.ProbeKind.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void upAgainstATargetThatAnswersAsExpected(Rig rig) {
    ProbeChecker.Outcome o = check(rig, rig.up(), TIMEOUT).outcome();
    assertThat(o.success()).as(o.message()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void downAgainstAClosedPortSayingWhere(Rig rig) {
    int port = ProbeTargets.closedPort();
    ProbeChecker.Outcome o = check(rig, rig.closed(port), TIMEOUT).outcome();
    assertThat(o.success()).isFalse();
    assertThat(o.message()).contains(Integer.toString(port));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void downAgainstAWrongAnswer(Rig rig) {
    ProbeChecker.Outcome o = check(rig, rig.wrongAnswer(), TIMEOUT).outcome();
    assertThat(o.success()).as(o.message()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void downOnItsTimeoutAgainstATargetThatNeverAnswers(Rig rig) {
    Checked checked = check(rig, rig.silent(), SHORT);
    assertThat(checked.outcome().success()).isFalse();
    assertThat(checked.outcome().message()).as("says that time ran out")
        .containsPattern("(?i)timed out|within " + ProbeDefinition.human(SHORT));
    // Not a timing target: a checker that ignored its timeout would wait on the silent target for as long as the
    // operating system lets a socket wait (minutes), so a bound far above the timeout tells the two apart without
    // depending on how busy the machine is.
    assertThat(checked.took()).as("gives up instead of waiting on the silent target")
        .isLessThan(SHORT.plus(Duration.ofSeconds(30)));
  }
}
