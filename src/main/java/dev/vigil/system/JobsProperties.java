package dev.vigil.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the durable job runner ({@code vigil.jobs.*}).
 *
 * @param pollingInterval how often each node looks for due jobs; bounds how late a due job can start
 * @param threads jobs one node runs at once
 * @param enabled whether this process runs jobs at all ({@code vigil apply} does not)
 * @param heartbeatInterval how often a node marks the jobs it runs as alive; a dead node's jobs are taken over
 *     after a few missed heartbeats
 * @param immediateConcurrency workers that run due-at-once jobs (a page's first delivery) on the node that scheduled
 *     them, right after the scheduling transaction commits
 */
@ConfigurationProperties("vigil.jobs")
public record JobsProperties(
    Boolean enabled, Duration pollingInterval, int threads, Duration heartbeatInterval, int immediateConcurrency) {
  public JobsProperties {
    enabled = enabled == null || enabled;
    pollingInterval = pollingInterval == null ? Duration.ofMillis(500) : pollingInterval;
    threads = threads <= 0 ? 10 : threads;
    heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
    immediateConcurrency = immediateConcurrency <= 0 ? 16 : immediateConcurrency;
  }
}
