package dev.vigil.change;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A deploy as a pipeline reports it to {@code POST /api/v1/deploys}: {@code id} is the pipeline's own, which makes
 * the request idempotent; {@code phase} is started (the default), or succeeded or failed for a deploy reported once
 * it is over; times default to now.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record NewDeploy(String id, String service, String environment, String version, List<Commit> commits, String author,
    String pipelineUrl, String description, String rollbackOf, DeployPhase phase, Instant startedAt,
    Instant finishedAt) {

  /** A commit the deploy ships, with its commit time. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Commit(String sha, Instant committedAt) {}

  NewDeploy {
    commits = commits == null ? List.of() : commits;
    phase = phase == null ? DeployPhase.STARTED : phase;
  }
}
