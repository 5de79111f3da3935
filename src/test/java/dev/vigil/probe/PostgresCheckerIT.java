package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.catalog.Catalog;
import dev.vigil.cli.DebianPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL probes against real servers: the embedded PostgreSQL Vigil ships with (connections, transactions, locks,
 * wraparound, bad queries, a server that never answers), and Debian's PostgreSQL with a streaming standby made by
 * {@code pg_basebackup}, whose replay the test pauses to create lag.
 */
class PostgresCheckerIT {

  static EmbeddedPostgres embedded;
  final PostgresChecker checker = new PostgresChecker();

  @TempDir
  static Path temp;

  @BeforeAll
  static void start() throws Exception {
    embedded = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    embedded.close();
  }

  private ProbeChecker.Outcome check(String settings) {
    return check(settings, Duration.ofSeconds(5));
  }

  private ProbeChecker.Outcome check(String settings, Duration timeout) {
    Catalog.Probe probe = TestProbes.probe("""
        kind: postgres
        postgres:
        """ + settings.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    return checker.check(probe.name(), (Catalog.PostgresProbe) probe.check(), timeout);
  }

  private static String embeddedHost() {
    return "host: 127.0.0.1\nport: " + embedded.getPort() + "\nuser: postgres\n";
  }

  @Test
  void aWorkingServerPassesWithWhatItSaw() {
    ProbeChecker.Outcome o = check(embeddedHost() + """
        query: select count(*) from pg_class
        max_connections_percent: 90
        max_transaction_age: 1h
        max_lock_waits: 5
        max_wraparound_percent: 50
        max_replication_lag: 10s
        """);
    assertThat(o.success()).as(o.message()).isTrue();
    assertThat(o.message()).contains("primary").contains("no standbys").contains("connections ")
        .contains("lock waits").contains("wraparound");
  }

  @Test
  void aJdbcUrlWorksToo() {
    ProbeChecker.Outcome o = check("url: jdbc:postgresql://127.0.0.1:" + embedded.getPort()
        + "/postgres?sslmode=disable\nuser: postgres\n");
    assertThat(o.success()).as(o.message()).isTrue();
  }

  @Test
  void aMissingDatabaseOrABadQueryFails() {
    ProbeChecker.Outcome missing = check(embeddedHost() + "database: nothing-here\n");
    assertThat(missing.success()).isFalse();
    assertThat(missing.message()).startsWith("cannot connect to jdbc:postgresql://127.0.0.1:").contains("nothing-here")
        .contains("3D000");

    ProbeChecker.Outcome query = check(embeddedHost() + "query: select * from no_such_table\n");
    assertThat(query.success()).isFalse();
    assertThat(query.message()).startsWith("query failed:").contains("no_such_table");
  }

  @Test
  void connectionsAboveTheirShareFail() {
    ProbeChecker.Outcome o = check(embeddedHost() + "max_connections_percent: 0.001\n");
    assertThat(o.success()).isFalse();
    assertThat(o.message()).containsPattern("connections \\d+ of max_connections \\d+ \\([0-9.]+ %\\) are above"
        + " max_connections_percent 0.0 %");
  }

  @Test
  void anOldTransactionAndALockWaitFail() throws Exception {
    try (Connection holder = embedded.getPostgresDatabase().getConnection();
        Connection waiter = embedded.getPostgresDatabase().getConnection()) {
      try (Statement s = holder.createStatement()) {
        s.execute("create table if not exists probe_lock_test (id int)");
      }
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("lock table probe_lock_test in access exclusive mode");
      }
      CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
        try (Statement s = waiter.createStatement()) {
          s.execute("select * from probe_lock_test");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ProbeChecker.Outcome locks = check(embeddedHost() + "max_lock_waits: 0\n");
        assertThat(locks.success()).isFalse();
        assertThat(locks.message()).isEqualTo("1 sessions waiting for locks, above max_lock_waits 0");
      });
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ProbeChecker.Outcome age = check(embeddedHost() + "max_transaction_age: 1s\n");
        assertThat(age.success()).isFalse();
        assertThat(age.message()).containsPattern("transaction of process \\d+ open for [0-9.]+s, above"
            + " max_transaction_age 1.0s");
      });
      holder.commit();
      waiting.get();
    }
    ProbeChecker.Outcome after = check(embeddedHost() + "max_lock_waits: 0\nmax_transaction_age: 1s\n");
    assertThat(after.success()).as(after.message()).isTrue();
  }

  @Test
  void wraparoundHeadroomIsMeasured() {
    ProbeChecker.Outcome o = check(embeddedHost() + "max_wraparound_percent: 0\n");
    assertThat(o.success()).isFalse();
    assertThat(o.message()).containsPattern("database \\S+ is at [0-9.]+ % of transaction-ID wraparound \\(age \\d+ of"
        + " 2\\^31\\), above max_wraparound_percent 0.0 %");
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long started = System.nanoTime();
      ProbeChecker.Outcome o = check("host: 127.0.0.1\nport: " + silent.getLocalPort() + "\n", Duration.ofSeconds(1));
      assertThat(o.success()).isFalse();
      assertThat(o.message()).startsWith("cannot connect to jdbc:postgresql://127.0.0.1:" + silent.getLocalPort());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aStandbyWhoseReplayIsPausedFailsWithItsLagAndRecovers() throws Exception {
    try (DebianPostgres primary = DebianPostgres.start(temp.resolve("primary"));
        DebianPostgres standby = primary.standby(temp.resolve("standby"))) {
      primary.sql("postgres", "create role probe login password 'probe-secret-1' in role pg_monitor");
      primary.sql("postgres", "create table orders (id serial primary key, at timestamptz default now())");
      primary.sql("postgres", "insert into orders default values");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> standby.sql("postgres", "select count(*) from orders").equals("1"));
      String login = "\nuser: probe\npassword: probe-secret-1\nmax_replication_lag: 2s\n";
      String onStandby = "host: 127.0.0.1\nport: " + standby.port() + login;
      String onPrimary = "host: 127.0.0.1\nport: " + primary.port() + login;

      // An idle primary: the last replayed transaction gets older than the allowed lag, but nothing is waiting to be
      // replayed.
      await().atMost(Duration.ofSeconds(30)).until(() -> standby.sql("postgres",
          "select now() - pg_last_xact_replay_timestamp() > interval '3 seconds'").equals("t"));
      ProbeChecker.Outcome idle = check(onStandby);
      assertThat(idle.success()).as(idle.message()).isTrue();
      assertThat(idle.message()).contains("standby").contains("all received WAL replayed");
      ProbeChecker.Outcome primaryIdle = check(onPrimary);
      assertThat(primaryIdle.success()).as(primaryIdle.message()).isTrue();
      assertThat(primaryIdle.message()).contains("primary").contains("standby replay lag");

      standby.sql("postgres", "select pg_wal_replay_pause()");
      primary.sql("postgres", "insert into orders default values");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ProbeChecker.Outcome lagging = check(onStandby);
        assertThat(lagging.success()).isFalse();
        assertThat(lagging.message()).matches("replication lag [0-9.]+s on this standby is above max_replication_lag"
            + " 2.0s");
      });

      standby.sql("postgres", "select pg_wal_replay_resume()");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ProbeChecker.Outcome caughtUp = check(onStandby);
        assertThat(caughtUp.success()).as(caughtUp.message()).isTrue();
      });
      assertThat(standby.sql("postgres", "select count(*) from orders")).isEqualTo("2");
    }
  }
}
