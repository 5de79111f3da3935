package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Vigil processes on one Debian PostgreSQL share 40 HTTP probes that run every second against a local server:
 * every probe is owned by exactly one node and checked by one node (never two checks of a probe at the same phase),
 * the work is split between them, and when one node is killed its probes move to the other within the lease time.
 */
class ProbeOwnershipIT {

  static final String ADMIN_TOKEN = "probe-ownership-admin-token-0123456789";
  static final String PASSWORD = "vigil-it-password";
  static final int PROBES = 40;
  static final Duration LEASE = Duration.ofSeconds(6);
  static final Duration ROUND = Duration.ofSeconds(2);

  @TempDir
  Path temp;

  /** Arrival times (System.nanoTime) of the checks of each probe. */
  final Map<Integer, List<Long>> hits = new ConcurrentHashMap<>();

  @Test
  void everyProbeRunsOnExactlyOneNodeAndMovesWhenItsNodeDies() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    target.createContext("/p/", e -> {
      int probe = Integer.parseInt(e.getRequestURI().getPath().substring(3));
      hits.computeIfAbsent(probe, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
      e.sendResponseHeaders(204, -1);
      e.close();
    });
    target.start();
    try (DebianPostgres postgres = DebianPostgres.start(temp.resolve("pg"))) {
      postgres.createDatabase("vigil", "vigil", PASSWORD);
      Path config = temp.resolve("vigil.yaml");
      Files.writeString(config, catalog(target.getAddress().getPort()));
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Map<String, String> env = Map.of(
          "VIGIL_DATABASE_URL", postgres.jdbcUrl("vigil"),
          "VIGIL_DATABASE_USER", "vigil",
          "VIGIL_DATABASE_PASSWORD", PASSWORD,
          "VIGIL_ADMIN_TOKEN", ADMIN_TOKEN,
          "VIGIL_SECRET_KEY", Base64.getEncoder().encodeToString(key),
          "VIGIL_PROBE_LEASETIME", LEASE.toSeconds() + "s",
          "VIGIL_PROBE_COORDINATIONINTERVAL", ROUND.toSeconds() + "s");
      try (VigilProcess a = node(temp.resolve("a"), env, config, "a");
          Connection db = DriverManager.getConnection(postgres.jdbcUrl("vigil"), "vigil", PASSWORD)) {
        a.awaitReady();
        try (VigilProcess b = node(temp.resolve("b"), env, config, "b")) {
          b.awaitReady();
          await("both nodes own half of the probes").atMost(Duration.ofSeconds(30))
              .until(() -> owners(db).equals(Map.of("a", PROBES / 2, "b", PROBES / 2)));

          // Ten seconds of checks with the ownership settled.
          hits.clear();
          Thread.sleep(10_000);
          assertThat(hits).as("probes checked").hasSize(PROBES);
          for (Map.Entry<Integer, List<Long>> e : hits.entrySet()) {
            List<Long> times = e.getValue();
            assertThat(times.size()).as("checks of probe %d in 10 s at a 1 s interval", e.getKey()).isBetween(8, 11);
            for (int i = 1; i < times.size(); i++) {
              assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).as("gap between checks of probe %d",
                  e.getKey()).isGreaterThan(Duration.ofMillis(500));
            }
          }
          assertThat(owners(db)).isEqualTo(Map.of("a", PROBES / 2, "b", PROBES / 2));

          // A dies without handing anything back; B takes its probes once A's lease has run out.
          long killed = System.nanoTime();
          a.kill();
          await("b owns every probe").atMost(LEASE.plus(ROUND.multipliedBy(3)).plusSeconds(5))
              .pollInterval(Duration.ofMillis(200)).until(() -> owners(db).equals(Map.of("b", PROBES)));
          Duration moved = Duration.ofNanos(System.nanoTime() - killed);
          System.out.printf("ProbeOwnershipIT: probes of the killed node moved in %d ms (lease %s, round %s)%n",
              moved.toMillis(), LEASE, ROUND);
          assertThat(moved).as("handover after the lease time plus a round or two")
              .isLessThan(LEASE.plus(ROUND.multipliedBy(3)).plusSeconds(5));

          long since = System.nanoTime();
          await("every probe is checked again").atMost(Duration.ofSeconds(10))
              .until(() -> hits.values().stream().filter(t -> t.getLast() > since).count() == PROBES);
          b.stopAndCheckNothingLeft();
        }
      }
    } finally {
      target.stop(0);
    }
  }

  private static Map<String, Integer> owners(Connection db) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (var s = db.createStatement();
        ResultSet rs = s.executeQuery("select coalesce(owner, '-'), count(*) from probe group by 1")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private static VigilProcess node(Path data, Map<String, String> env, Path config, String name) throws Exception {
    Map<String, String> own = new HashMap<>(env);
    own.put("VIGIL_PROBE_NODE", name);
    return VigilProcess.start(data, own, "--config", config.toString());
  }

  static String catalog(int port) {
    List<String> probes = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      probes.add("""
                - name: p%d
                  kind: http
                  interval: 1s
                  timeout: 1s
                  http: {url: "http://127.0.0.1:%d/p/%d"}
          """.formatted(i, port, i));
    }
    return """
        version: 1
        teams: [{name: web}]
        services:
          - name: shop
            team: web
            tier: 3
            probes:
        """ + String.join("", probes);
  }
}
