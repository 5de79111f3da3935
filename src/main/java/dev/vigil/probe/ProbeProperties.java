package dev.vigil.probe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this node runs synthetic probes ({@code vigil.probe.*}).
 *
 * @param enabled whether this node runs probes at all; results fed in through {@link ProbeResults} are recorded
 *     either way
 * @param maxConcurrency checks in progress at once on this node; further checks wait for a free slot
 * @param leaseTime how long a node keeps its probes without a heartbeat; after that other nodes take them over
 * @param coordinationInterval how often a node heartbeats, picks up catalog changes and balances probes with the
 *     other nodes; well below {@code leaseTime}
 * @param rollupRetention how long five-minute rollups are kept; state transitions are kept for good
 * @param recentResults results kept in memory per probe for {@code GET /api/v1/probes/{id}/results}
 * @param flushInterval how often finished five-minute rollups are written
 * @param node this node's name among the nodes sharing the database; host name and process id when blank
 * @param agentSilenceIntervals a location whose agent sent no result of a probe for this many of its intervals (and
 *     at least {@link #MIN_AGENT_SILENCE}) counts as unknown for that probe, not as its last state
 */
@ConfigurationProperties("vigil.probe")
public record ProbeProperties(Boolean enabled, Integer maxConcurrency, Duration leaseTime, Duration coordinationInterval,
    Duration rollupRetention, Integer recentResults, Duration flushInterval, String node,
    Integer agentSilenceIntervals) {

  /**
   * Agents post every second and the probe's owner takes the results every second: a busy host delays a result by a
   * few seconds without its agent being gone.
   */
  public static final Duration MIN_AGENT_SILENCE = Duration.ofSeconds(10);

  public ProbeProperties {
    enabled = enabled == null || enabled;
    maxConcurrency = positive(maxConcurrency == null ? 256 : maxConcurrency, "max-concurrency");
    leaseTime = leaseTime == null ? Duration.ofSeconds(30) : leaseTime;
    coordinationInterval = coordinationInterval == null ? Duration.ofSeconds(10) : coordinationInterval;
    if (coordinationInterval.compareTo(leaseTime.dividedBy(2)) > 0 || coordinationInterval.isZero()
        || coordinationInterval.isNegative()) {
      throw new IllegalArgumentException("vigil.probe.coordination-interval must be positive and at most half of"
          + " vigil.probe.lease-time, so that a node renews its lease before it runs out");
    }
    rollupRetention = rollupRetention == null ? Duration.ofDays(90) : rollupRetention;
    recentResults = positive(recentResults == null ? 60 : recentResults, "recent-results");
    flushInterval = flushInterval == null ? Duration.ofSeconds(10) : flushInterval;
    node = node == null || node.isBlank() ? defaultNode() : node.strip();
    agentSilenceIntervals = positive(agentSilenceIntervals == null ? 3 : agentSilenceIntervals,
        "agent-silence-intervals");
  }

  /** How long a location may send no result of {@code probe} before its vote counts as unknown. */
  public Duration agentSilence(dev.vigil.catalog.Catalog.Probe probe) {
    Duration silence = probe.intervalOrDefault().multipliedBy(agentSilenceIntervals);
    return silence.compareTo(MIN_AGENT_SILENCE) < 0 ? MIN_AGENT_SILENCE : silence;
  }

  private static int positive(int value, String key) {
    if (value < 1) {
      throw new IllegalArgumentException("vigil.probe." + key + " must be at least 1, got " + value);
    }
    return value;
  }

  private static String defaultNode() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid() + ":" + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
