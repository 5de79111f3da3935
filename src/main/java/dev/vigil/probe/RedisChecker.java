package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis probes: PING over a fresh connection, then the checks the probe sets, read from {@code INFO}: the role and
 * the replication link, memory in use against {@code maxmemory}, and keys evicted since the previous check.
 *
 * <p>Evictions are a counter since the server started, so this checker remembers each probe's last reading: the
 * one piece of state a checker keeps, and only the counter (a restarted server starts again from zero).
 */
@Component
class RedisChecker implements ProbeChecker<Catalog.RedisProbe> {

  private final Map<String, Long> evictedBefore = new ConcurrentHashMap<>();

  @Override
  public Outcome check(String probe, Catalog.RedisProbe redis, Duration timeout) {
    long started = System.nanoTime();
    String where = redis.host() + ":" + redis.portOrDefault();
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis).clientName("vigil-probe");
    if (redis.username() != null) {
      config.user(redis.username());
    }
    if (redis.password() != null) {
      config.password(redis.password());
    }
    try (Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.portOrDefault()), config.build())) {
      String pong = jedis.ping();
      if (!"PONG".equalsIgnoreCase(pong)) {
        return Outcome.failed(TcpChecker.since(started), where + " answered PING with " + pong, null);
      }
      String failure = null;
      StringBuilder seen = new StringBuilder("PONG");
      if (redis.role() != null || redis.maxReplicationLag() != null) {
        failure = replication(redis, info(jedis.info("replication")), seen);
      }
      if (failure == null && redis.maxMemoryPercent() != null) {
        failure = memory(redis, info(jedis.info("memory")), seen);
      }
      if (redis.maxEvictions() != null) {
        // Read even after another failure, so that the next check counts only its own evictions.
        String evictions = evictions(probe + "@" + where, redis, info(jedis.info("stats")), seen);
        failure = failure == null ? evictions : failure;
      }
      return failure == null ? Outcome.ok(TcpChecker.since(started), seen.toString(), null)
          : Outcome.failed(TcpChecker.since(started), failure, null);
    } catch (JedisException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String message = e instanceof redis.clients.jedis.exceptions.JedisConnectionException
          && String.valueOf(e.getMessage()).startsWith("Failed to connect")
          ? "cannot connect" + (root == e ? "" : ": " + root.getMessage()) : e.getMessage();
      return Outcome.failed(TcpChecker.since(started), where + ": " + message, null);
    }
  }

  private static String replication(Catalog.RedisProbe redis, Map<String, String> info, StringBuilder seen) {
    String role = "slave".equals(info.get("role")) ? "replica" : info.getOrDefault("role", "unknown");
    seen.append("; ").append(role);
    if (redis.role() != null && !redis.role().equals(role)) {
      return "role is " + role + ", expected " + redis.role();
    }
    if ("replica".equals(role)) {
      String link = info.getOrDefault("master_link_status", "unknown");
      if (!"up".equals(link)) {
        return "replica's link to master " + info.get("master_host") + ":" + info.get("master_port") + " is " + link;
      }
      if (redis.maxReplicationLag() != null) {
        long ago = Long.parseLong(info.getOrDefault("master_last_io_seconds_ago", "-1"));
        if (ago > redis.maxReplicationLag().toSeconds()) {
          return "replica last heard from its master " + ago + "s ago, above max_replication_lag "
              + ProbeDefinition.human(redis.maxReplicationLag());
        }
        seen.append(", master heard ").append(ago).append("s ago");
      }
    } else if (redis.maxReplicationLag() != null) {
      for (Map.Entry<String, String> e : info.entrySet()) {
        if (e.getKey().matches("slave\\d+")) {
          Map<String, String> replica = fields(e.getValue());
          long lag = Long.parseLong(replica.getOrDefault("lag", "0"));
          if (lag > redis.maxReplicationLag().toSeconds()) {
            return "replica " + replica.get("ip") + ":" + replica.get("port") + " lags " + lag
                + "s, above max_replication_lag " + ProbeDefinition.human(redis.maxReplicationLag());
          }
        }
      }
      seen.append(", ").append(info.getOrDefault("connected_slaves", "0")).append(" replicas");
    }
    return null;
  }

  private static String memory(Catalog.RedisProbe redis, Map<String, String> info, StringBuilder seen) {
    long used = Long.parseLong(info.getOrDefault("used_memory", "0"));
    long max = Long.parseLong(info.getOrDefault("maxmemory", "0"));
    if (max == 0) {
      seen.append("; no maxmemory");
      return null;
    }
    double percent = 100.0 * used / max;
    String shown = String.format(Locale.ROOT, "%.1f %%", percent);
    if (percent > redis.maxMemoryPercent()) {
      return "used_memory " + used + " bytes is " + shown + " of maxmemory " + max + ", above max_memory_percent "
          + String.format(Locale.ROOT, "%.1f %%", redis.maxMemoryPercent());
    }
    seen.append("; memory ").append(shown);
    return null;
  }

  private String evictions(String key, Catalog.RedisProbe redis, Map<String, String> info, StringBuilder seen) {
    long evicted = Long.parseLong(info.getOrDefault("evicted_keys", "0"));
    Long before = evictedBefore.put(key, evicted);
    // The first reading has nothing to compare with; a lower one means the server restarted and counts from zero.
    long since = before == null ? 0 : evicted >= before ? evicted - before : evicted;
    if (since > redis.maxEvictions()) {
      return since + " keys evicted since the previous check, above max_evictions " + redis.maxEvictions();
    }
    seen.append("; ").append(since).append(" evictions");
    return null;
  }

  /** INFO's "key:value" lines. */
  static Map<String, String> info(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** A value of the form "ip=10.0.0.2,port=6380,state=online,offset=1,lag=0". */
  private static Map<String, String> fields(String value) {
    Map<String, String> out = new HashMap<>();
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return out;
  }
}
