package dev.vigil.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A change as the API answers it: what, where, by whom, its commits and phases, how it ended and how long it took,
 * what it rolls back and the incidents it is linked to.
 *
 * @param durationSeconds from start to its end, null while a deploy is under way
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeView(String id, String kind, String service, String team, String environment, String version,
    String summary, String author, String pipelineUrl, String source, String outcome, Instant startedAt,
    Instant finishedAt, Double durationSeconds, Instant rolledBackAt, String rollbackOf, List<Commit> commits,
    List<Phase> phases, List<Link> incidents, Instant recordedAt, String recordedBy, GateOverride gateOverride) {

  /** A commit the deploy ships. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Commit(String sha, Instant committedAt) {}

  /** A phase the deploy went through. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Phase(String phase, Instant at, String recordedBy) {}

  /** An incident the change is linked to, and how. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Link(long incident, String link, Instant linkedAt, String linkedBy) {}

  /** The override of a blocked deploy gate that let this deploy through: who, why, and what it overrode. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GateOverride(String reason, List<String> blockedBy, Instant overriddenAt, String overriddenBy) {}

  static ChangeView of(ChangeRepository.ChangeRow c, List<ChangeRepository.CommitRow> commits,
      List<ChangeRepository.PhaseRow> phases, List<ChangeRepository.LinkRow> links, GateOverride gateOverride) {
    Double duration = c.finishedAt() == null ? null
        : Duration.between(c.startedAt(), c.finishedAt()).toMillis() / 1000.0;
    return new ChangeView(c.clientId(), c.kind().value(), c.service(), c.team(), c.environment(), c.version(),
        c.summary(), c.author(), c.pipelineUrl(), c.source(), c.outcome().value(), c.startedAt(), c.finishedAt(),
        duration, c.rolledBackAt(), c.rollbackOf(),
        commits.stream().map(m -> new Commit(m.sha(), m.committedAt())).toList(),
        phases.stream().map(p -> new Phase(p.phase().value(), p.at(), p.recordedBy())).toList(),
        links.stream().map(l -> new Link(l.incidentId(), l.link(), l.linkedAt(), l.linkedBy())).toList(),
        c.recordedAt(), c.recordedBy(), gateOverride);
  }
}
