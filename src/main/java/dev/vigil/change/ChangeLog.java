package dev.vigil.change;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.Incidents;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import dev.vigil.system.SecretBox;
import dev.vigil.system.StoredValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records deploys through their phases and other changes, each checked whole before anything is stored; a request
 * sent again with the same id and body gets the same answer, one with the same id and another body is refused.
 */
@Service
public class ChangeLog {

  /** Ids a sender may choose: they appear in paths, so no slash. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final String DEFAULT_ENVIRONMENT = "production";
  private static final int MAX_COMMITS = 1_000;
  /** How far ahead of Vigil's clock a sender's time may be: clocks differ a little, never by hours. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final ChangeRepository changes;
  private final GateOverrides overrides;
  private final CatalogQueries catalog;
  private final Incidents incidents;
  private final Timeline timeline;
  private final JsonMapper json;
  private final Clock clock;

  ChangeLog(ChangeRepository changes, GateOverrides overrides, CatalogQueries catalog, Incidents incidents,
      Timeline timeline, JsonMapper json, Clock clock) {
    this.changes = changes;
    this.overrides = overrides;
    this.catalog = catalog;
    this.incidents = incidents;
    this.timeline = timeline;
    this.json = json;
    this.clock = clock;
  }

  /** A change as recorded, and whether this request recorded it (false for a replay of an earlier one). */
  public record Recorded(ChangeView change, boolean created) {}

  /** The service as the catalog declares it: its team is what a deployer token's team scope is checked against. */
  Optional<Catalog.Service> service(String name) {
    return catalog.catalog().service(name);
  }

  /** Records a deploy in the phase it reports; a rollback marks the deploy it undoes and links open incidents. */
  @Transactional
  Recorded deploy(NewDeploy d, String recordedBy) {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    requiredId(d.id(), problems);
    Catalog.Service service = service(d.service(), problems);
    String environment = environment(d.environment(), problems);
    text("version", d.version(), 200, true, problems);
    text("author", d.author(), 200, false, problems);
    text("description", d.description(), 4_000, false, problems);
    url("pipeline_url", d.pipelineUrl(), problems);
    commits(d.commits(), problems);
    if (d.phase() == DeployPhase.ROLLED_BACK) {
      problems.add("phase: a deploy starts as started, or is reported once over as succeeded or failed; record a"
          + " rollback with POST /api/v1/deploys/{id}/phases");
    }
    Instant started = d.startedAt() == null ? now : d.startedAt();
    Instant finished = d.phase() == DeployPhase.STARTED ? null : d.finishedAt() == null ? now : d.finishedAt();
    notAhead("started_at", started, now, problems);
    notAhead("finished_at", finished, now, problems);
    if (d.phase() == DeployPhase.STARTED && d.finishedAt() != null) {
      problems.add("finished_at: a deploy that has only started has no finish; send it with phase succeeded or"
          + " failed");
    }
    if (finished != null && finished.isBefore(started)) {
      problems.add("finished_at: " + finished + " is before started_at " + started);
    }
    Optional<ChangeRepository.ChangeRow> undone = Optional.empty();
    if (d.rollbackOf() != null) {
      undone = changes.lockByClientId(d.rollbackOf());
      if (undone.isEmpty() || undone.get().kind() != ChangeKind.DEPLOY) {
        problems.add("rollback_of: no deploy with id '" + d.rollbackOf() + "'");
      } else if (service != null && !undone.get().service().equals(service.name())) {
        problems.add("rollback_of: deploy '" + d.rollbackOf() + "' is of service " + undone.get().service()
            + ", not " + service.name());
      } else if (d.rollbackOf().equals(d.id())) {
        problems.add("rollback_of: a deploy cannot roll itself back");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    byte[] hash = SecretBox.hash(json.writeValueAsString(d));
    String summary = service.name() + " " + d.version().strip()
        + (d.description() == null || d.description().isBlank() ? "" : ": " + d.description().strip());
    var row = new ChangeRepository.ChangeRow(0, d.id(), hash, ChangeKind.DEPLOY, service.name(), service.team(),
        environment, d.version().strip(), summary, blankToNull(d.author()), blankToNull(d.pipelineUrl()), "api",
        d.phase().outcome(), started, finished, null, d.rollbackOf(), null, now, recordedBy);
    Optional<Long> id = changes.insert(row);
    if (id.isEmpty()) {
      return replay(d.id(), hash);
    }
    changes.insertCommits(id.get(), d.commits().stream()
        .map(c -> new ChangeRepository.CommitRow(c.sha().toLowerCase(java.util.Locale.ROOT), c.committedAt()))
        .toList());
    changes.insertPhase(id.get(), DeployPhase.STARTED, started, recordedBy);
    if (environment.equals(DEFAULT_ENVIRONMENT)) {
      overrides.claim(service.name(), id.get(), started);
    }
    if (finished != null) {
      changes.insertPhase(id.get(), d.phase(), finished, recordedBy);
    }
    undone.ifPresent(u -> {
      if (DeployPhase.ROLLED_BACK.follows(u.outcome())) {
        moveTo(u, DeployPhase.ROLLED_BACK, started, recordedBy);
      }
    });
    if (d.rollbackOf() != null) {
      linkToOpenIncidents(id.get(), d.id(), summary, d.rollbackOf(), service.name(), recordedBy);
    }
    return new Recorded(view(d.id()), true);
  }

  /**
   * Moves a deploy on to {@code phase}; the phase it is already in is answered as it stands, one that cannot follow
   * its outcome is refused.
   */
  @Transactional
  Recorded phase(String deployId, DeployPhase phase, Instant at, String recordedBy) {
    ChangeRepository.ChangeRow deploy = changes.lockByClientId(deployId)
        .filter(c -> c.kind() == ChangeKind.DEPLOY)
        .orElseThrow(() -> new NotFoundException("no deploy with id '" + deployId + "'"));
    if (phase == null) {
      throw new InvalidException("phase: is required: one of succeeded, failed, rolled_back");
    }
    if (deploy.outcome() == phase.outcome()) {
      return new Recorded(view(deployId), false);
    }
    Instant now = clock.instant();
    Instant when = at == null ? now : at;
    List<String> problems = new ArrayList<>();
    notAhead("at", when, now, problems);
    if (when.isBefore(deploy.startedAt())) {
      problems.add("at: " + when + " is before the deploy started, at " + deploy.startedAt());
    }
    if (phase == DeployPhase.STARTED) {
      problems.add("phase: deploy '" + deployId + "' has started already; expected succeeded, failed or"
          + " rolled_back");
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    if (!phase.follows(deploy.outcome())) {
      throw new RefusedException("deploy '" + deployId + "' is " + deploy.outcome().words() + "; it cannot be "
          + phase.words() + " now");
    }
    moveTo(deploy, phase, when, recordedBy);
    return new Recorded(view(deployId), true);
  }

  /** Records a change that happened once; {@code source} says through what door (api, pagerduty). */
  @Transactional
  public Recorded change(NewChange c, String source, String recordedBy) {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    if (c.id() != null) {
      requiredId(c.id(), problems);
    }
    if (c.kind() == null) {
      problems.add("kind: is required: one of " + String.join(", ", Arrays.stream(ChangeKind.values())
          .filter(k -> k != ChangeKind.DEPLOY).map(ChangeKind::value).toList()));
    } else if (c.kind() == ChangeKind.DEPLOY && c.version() == null) {
      problems.add("kind: record deploys with POST /api/v1/deploys, which follows them through their phases");
    }
    if (c.kind() != null && c.kind() != ChangeKind.DEPLOY && c.version() != null) {
      problems.add("version: only deploys have a version; a " + c.kind().words() + " change has none");
    }
    Catalog.Service service = service(c.service(), problems);
    String environment = environment(c.environment(), problems);
    text("summary", c.summary(), 1_024, true, problems);
    text("author", c.author(), 200, false, problems);
    url("url", c.url(), problems);
    Instant at = c.at() == null ? now : c.at();
    notAhead("at", at, now, problems);
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    String id = c.id() != null ? c.id() : "chg-" + UUID.randomUUID();
    byte[] hash = SecretBox.hash(json.writeValueAsString(c));
    var row = new ChangeRepository.ChangeRow(0, id, hash, c.kind(), service.name(), service.team(), environment,
        c.version(), c.summary().strip(), blankToNull(c.author()), blankToNull(c.url()), source,
        DeployOutcome.SUCCEEDED, at, at, null, null,
        c.details() == null || c.details().isEmpty() ? null : json.writeValueAsString(c.details()), now,
        recordedBy);
    if (changes.insert(row).isEmpty()) {
      return replay(id, hash);
    }
    return new Recorded(view(id), true);
  }

  /** One change as the API shows it. */
  @Transactional(readOnly = true)
  public ChangeView view(String id) {
    ChangeRepository.ChangeRow row = changes.byClientId(id)
        .orElseThrow(() -> new NotFoundException("no change with id '" + id + "'"));
    return ChangeView.of(row, changes.commits(row.id()), changes.phases(row.id()), changes.linksOfChange(row.id()),
        overrides.of(row.id()).orElse(null));
  }

  /** The changes that pass the filter, newest first, each with its commits, phases and incidents. */
  @Transactional(readOnly = true)
  List<ChangeView> list(ChangeRepository.Filter filter) {
    return changes.list(filter).stream().map(row -> ChangeView.of(row, changes.commits(row.id()),
        changes.phases(row.id()), changes.linksOfChange(row.id()), overrides.of(row.id()).orElse(null))).toList();
  }

  /**
   * The filter the list and page take, from what someone typed: an unknown outcome or kind, a bad time or limit is
   * a problem naming its parameter.
   */
  static ChangeRepository.Filter filter(String service, String team, String environment, String outcome,
      String kind, Instant from, Instant to, Integer limit) {
    List<String> problems = new ArrayList<>();
    DeployOutcome parsedOutcome = blankToNull(outcome) == null ? null
        : StoredValue.parse(DeployOutcome.class, outcome.strip()).orElse(null);
    if (blankToNull(outcome) != null && parsedOutcome == null) {
      problems.add("outcome: '" + outcome + "' is not an outcome: one of "
          + StoredValue.listed(DeployOutcome.class));
    }
    ChangeKind parsedKind = blankToNull(kind) == null ? null
        : StoredValue.parse(ChangeKind.class, kind.strip()).orElse(null);
    if (blankToNull(kind) != null && parsedKind == null) {
      problems.add("kind: '" + kind + "' is not a kind of change: one of "
          + StoredValue.listed(ChangeKind.class));
    }
    if (limit != null && (limit < 1 || limit > 1_000)) {
      problems.add("limit: between 1 and 1000, got " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      problems.add("to: " + to + " is not after from " + from);
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return new ChangeRepository.Filter(blankToNull(service), blankToNull(team), blankToNull(environment),
        parsedOutcome, parsedKind, from, to, limit == null ? 100 : limit);
  }

  private Recorded replay(String id, byte[] hash) {
    ChangeRepository.ChangeRow earlier = changes.byClientId(id).orElseThrow();
    if (!Arrays.equals(earlier.requestHash(), hash)) {
      throw new RefusedException("id: '" + id + "' was recorded with another body; a retry must send the same"
          + " body, and another change needs another id");
    }
    return new Recorded(view(id), false);
  }

  private void moveTo(ChangeRepository.ChangeRow deploy, DeployPhase phase, Instant at, String recordedBy) {
    changes.insertPhase(deploy.id(), phase, at, recordedBy);
    changes.setOutcome(deploy.id(), phase, at);
  }

  /** A rollback made while its service has open incidents is linked to each, and says so on their timelines. */
  private void linkToOpenIncidents(long changeId, String clientId, String summary, String rollbackOf, String service,
      String recordedBy) {
    for (IncidentFacts incident : incidents.open(List.of(service), 50)) {
      if (changes.linkRollback(incident.id(), changeId, clock.instant(), recordedBy)) {
        timeline.record(incident.id(), recordedBy, "api",
            new TimelineEvent.ChangeLinked(clientId, summary, rollbackOf));
      }
    }
  }

  private Catalog.Service service(String name, List<String> problems) {
    if (name == null || name.isBlank()) {
      problems.add("service: is required");
      return null;
    }
    Optional<Catalog.Service> service = catalog.catalog().service(name);
    if (service.isEmpty()) {
      problems.add("service: no service '" + name + "' in the catalog");
    }
    return service.orElse(null);
  }

  private static void requiredId(String id, List<String> problems) {
    if (id == null || id.isBlank()) {
      problems.add("id: is required: the pipeline's own id for this deploy, which makes a retry safe");
    } else if (!ID.matcher(id).matches()) {
      problems.add("id: '" + id + "' is not an id: up to 200 letters, digits, dots, colons, underscores and"
          + " hyphens, starting with a letter or digit");
    }
  }

  private static String environment(String environment, List<String> problems) {
    if (environment == null) {
      return DEFAULT_ENVIRONMENT;
    }
    if (!ENVIRONMENT.matcher(environment).matches()) {
      problems.add("environment: '" + environment + "' is not an environment name: lowercase letters, digits, dots,"
          + " underscores and hyphens, such as production");
    }
    return environment;
  }

  private static void text(String field, String value, int max, boolean required, List<String> problems) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(field + ": is required");
      }
    } else if (value.length() > max) {
      problems.add(field + ": at most " + max + " characters, got " + value.length());
    }
  }

  private static void url(String field, String url, List<String> problems) {
    if (url != null && !url.isBlank() && (!url.matches("(?i)https?://\\S+") || url.length() > 2_048)) {
      problems.add(field + ": expected an http or https URL of at most 2048 characters");
    }
  }

  private static void commits(List<NewDeploy.Commit> commits, List<String> problems) {
    if (commits.size() > MAX_COMMITS) {
      problems.add("commits: at most " + MAX_COMMITS + " per deploy, got " + commits.size());
      return;
    }
    for (int i = 0; i < commits.size(); i++) {
      NewDeploy.Commit commit = commits.get(i);
      if (commit == null || commit.sha() == null || !SHA.matcher(commit.sha()).matches()) {
        problems.add("commits[" + i + "].sha: expected a commit SHA of 7 to 64 hexadecimal digits");
      }
    }
  }

  private void notAhead(String field, Instant at, Instant now, List<String> problems) {
    if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add(field + ": " + at + " is in the future");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
