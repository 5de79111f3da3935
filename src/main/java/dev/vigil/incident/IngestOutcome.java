package dev.vigil.incident;

import java.util.List;
import java.util.Optional;

/**
 * What became of a batch of alert events: stored whole, or refused whole with nothing of it stored. A refusal is an
 * answer for the sender, not a failure of Vigil, so each kind says what the sender needs to hear.
 */
public sealed interface IngestOutcome {

  /** Every event of the batch is durable, in the order of the batch. */
  record Accepted(List<IngestedAlert> alerts) implements IngestOutcome {
    public Accepted {
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * An alert that no routing rule of its integration matches, on an integration without a default service.
   *
   * @param reason which integration and which labels, for the sender to fix its rules or its labels
   */
  record Unroutable(String reason) implements IngestOutcome {}

  /** The integration was deleted while the batch was being stored: to the sender, its key is now unknown. */
  record IntegrationGone() implements IngestOutcome {}

  /** The stored alerts, when the batch was accepted. */
  default Optional<List<IngestedAlert>> accepted() {
    return this instanceof Accepted accepted ? Optional.of(accepted.alerts()) : Optional.empty();
  }
}
