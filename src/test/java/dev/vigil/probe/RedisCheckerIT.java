package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis probes against Debian's redis-server, started by the test on free ports without persistence: PING,
 * authentication, a master and a replica (role and link), memory against a small maxmemory, and evictions.
 */
class RedisCheckerIT {

  @TempDir
  Path dir;

  final RedisChecker checker = new RedisChecker();
  final List<Process> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(Process::destroy);
  }

  /** Starts redis-server on a free port with the given extra arguments; returns the port once it answers. */
  private int redis(String... arguments) throws Exception {
    return ProbeTargets.redis(dir, servers, arguments);
  }

  private ProbeChecker.Outcome check(String settings) {
    Catalog.Probe probe = TestProbes.probe("""
        kind: redis
        redis:
        """ + settings.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    return checker.check(probe.name(), (Catalog.RedisProbe) probe.check(), Duration.ofSeconds(3));
  }

  @Test
  void pingRoleAndPassword() throws Exception {
    int port = redis("--requirepass", "cache-secret-1");
    ProbeChecker.Outcome ok = check("host: 127.0.0.1\nport: " + port + "\npassword: cache-secret-1\nrole: master\n");
    assertThat(ok.success()).as(ok.message()).isTrue();
    assertThat(ok.message()).isEqualTo("PONG; master");

    ProbeChecker.Outcome wrong = check("host: 127.0.0.1\nport: " + port + "\npassword: not-the-secret\n");
    assertThat(wrong.success()).isFalse();
    assertThat(wrong.message()).startsWith("127.0.0.1:" + port + ": ").containsIgnoringCase("WRONGPASS");

    ProbeChecker.Outcome replica = check("host: 127.0.0.1\nport: " + port + "\npassword: cache-secret-1\n"
        + "role: replica\n");
    assertThat(replica.success()).isFalse();
    assertThat(replica.message()).isEqualTo("role is master, expected replica");
  }

  @Test
  void nothingListening() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    ProbeChecker.Outcome o = check("host: 127.0.0.1\nport: " + port + "\n");
    assertThat(o.success()).isFalse();
    assertThat(o.message()).startsWith("127.0.0.1:" + port + ": cannot connect");
  }

  @Test
  void aReplicaWithItsLinkUpPassesAndFailsWhenTheMasterIsGone() throws Exception {
    int master = redis();
    int replica = redis("--replicaof", "127.0.0.1", Integer.toString(master));
    String onReplica = "host: 127.0.0.1\nport: " + replica + "\nrole: replica\nmax_replication_lag: 30s\n";
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ProbeChecker.Outcome o = check(onReplica);
      assertThat(o.success()).as(o.message()).isTrue();
      assertThat(o.message()).startsWith("PONG; replica, master heard ");
    });
    ProbeChecker.Outcome onMaster = check("host: 127.0.0.1\nport: " + master + "\nmax_replication_lag: 30s\n");
    assertThat(onMaster.success()).as(onMaster.message()).isTrue();
    assertThat(onMaster.message()).isEqualTo("PONG; master, 1 replicas");

    servers.getFirst().destroy();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ProbeChecker.Outcome o = check(onReplica);
      assertThat(o.success()).isFalse();
      assertThat(o.message()).isEqualTo("replica's link to master 127.0.0.1:" + master + " is down");
    });
  }

  @Test
  void memoryNearMaxmemoryAndEvictionsFail() throws Exception {
    int port = redis("--maxmemory", "4mb", "--maxmemory-policy", "allkeys-lru");
    String settings = "host: 127.0.0.1\nport: " + port + "\nmax_memory_percent: 90\nmax_evictions: 0\n";
    ProbeChecker.Outcome before = check(settings);
    assertThat(before.success()).as(before.message()).isTrue();
    assertThat(before.message()).contains("; memory ").endsWith("; 0 evictions");

    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      String value = "x".repeat(10_000);
      for (int i = 0; i < 1000; i++) {
        jedis.set("key-" + i, value);
      }
    }
    ProbeChecker.Outcome full = check(settings);
    assertThat(full.success()).isFalse();
    assertThat(full.message()).matches("used_memory \\d+ bytes is [0-9.]+ % of maxmemory 4194304, above"
        + " max_memory_percent 90.0 %");

    ProbeChecker.Outcome evicting = check("host: 127.0.0.1\nport: " + port + "\nmax_evictions: 0\n");
    assertThat(evicting.success()).as(evicting.message()).isTrue(); // no new evictions since the previous check
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      String value = "y".repeat(10_000);
      for (int i = 0; i < 200; i++) {
        jedis.set("more-" + i, value);
      }
    }
    ProbeChecker.Outcome evicted = check("host: 127.0.0.1\nport: " + port + "\nmax_evictions: 0\n");
    assertThat(evicted.success()).isFalse();
    assertThat(evicted.message()).matches("\\d+ keys evicted since the previous check, above max_evictions 0");
  }
}
