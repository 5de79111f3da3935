package dev.vigil.change;

import dev.vigil.system.StoredValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores changes, their commits and phases, and their links to incidents. */
@Repository
class ChangeRepository {

  /** A stored change; {@code clientId} is the id its sender chose, or one Vigil made for it. */
  record ChangeRow(long id, String clientId, byte[] requestHash, ChangeKind kind, String service, String team,
      String environment, String version, String summary, String author, String pipelineUrl, String source,
      DeployOutcome outcome, Instant startedAt, Instant finishedAt, Instant rolledBackAt, String rollbackOf,
      String details, Instant recordedAt, String recordedBy) {}

  /** A commit a deploy ships. */
  record CommitRow(String sha, Instant committedAt) {}

  /** A phase a deploy went through. */
  record PhaseRow(DeployPhase phase, Instant at, String recordedBy) {}

  /** A change linked to an incident: marked as the cause or not, or a rollback made during it. */
  record LinkRow(long incidentId, long changeId, String link, Instant linkedAt, String linkedBy) {}

  /** How many deploys of a service to an environment ended with an outcome. */
  record DeployCount(String service, String environment, String outcome, long count) {}

  /** The latest deploy of a service to an environment. */
  record LatestDeploy(String service, String environment, String version, Instant startedAt) {}

  /** What the changes list is filtered by; a null filter takes every value. */
  record Filter(String service, String team, String environment, DeployOutcome outcome, ChangeKind kind,
      Instant from, Instant to, int limit) {}

  private static final String COLUMNS = """
      c.*, (select r.client_id from change r where r.id = c.rollback_of) as rollback_of_client""";

  private final JdbcClient jdbc;

  ChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a change unless one with its client id exists; empty when one does (the caller reads and compares it).
   * The unique index on client_id decides between two requests racing with the same id.
   */
  Optional<Long> insert(ChangeRow c) {
    return jdbc.sql("""
            insert into change (client_id, request_hash, kind, service, team, environment, version, summary, author,
              pipeline_url, source, outcome, started_at, finished_at, rollback_of, details, recorded_at, recorded_by)
            values (:clientId, :hash, :kind, :service, :team, :environment, :version, :summary, :author,
              :pipelineUrl, :source, :outcome, :startedAt, :finishedAt,
              (select id from change where client_id = :rollbackOf), cast(:details as jsonb), :recordedAt,
              :recordedBy)
            on conflict (client_id) do nothing
            returning id""")
        .param("clientId", c.clientId()).param("hash", c.requestHash()).param("kind", c.kind().value())
        .param("service", c.service()).param("team", c.team()).param("environment", c.environment())
        .param("version", c.version()).param("summary", c.summary()).param("author", c.author())
        .param("pipelineUrl", c.pipelineUrl()).param("source", c.source()).param("outcome", c.outcome().value())
        .param("startedAt", ts(c.startedAt())).param("finishedAt", ts(c.finishedAt()))
        .param("rollbackOf", c.rollbackOf()).param("details", c.details())
        .param("recordedAt", ts(c.recordedAt())).param("recordedBy", c.recordedBy())
        .query(Long.class).optional();
  }

  void insertCommits(long changeId, List<CommitRow> commits) {
    for (CommitRow commit : commits) {
      jdbc.sql("""
              insert into change_commit (change_id, sha, committed_at) values (:id, :sha, :at)
              on conflict do nothing""")
          .param("id", changeId).param("sha", commit.sha()).param("at", ts(commit.committedAt())).update();
    }
  }

  void insertPhase(long changeId, DeployPhase phase, Instant at, String recordedBy) {
    jdbc.sql("insert into change_phase (change_id, phase, at, recorded_by) values (:id, :phase, :at, :by)")
        .param("id", changeId).param("phase", phase.value()).param("at", ts(at)).param("by", recordedBy).update();
  }

  /** Moves a deploy to the outcome of {@code phase}; the caller holds its row's lock. */
  void setOutcome(long changeId, DeployPhase phase, Instant at) {
    jdbc.sql("""
            update change set outcome = :outcome,
              finished_at = case when :phase in ('succeeded', 'failed') then :at else finished_at end,
              rolled_back_at = case when :phase = 'rolled_back' then :at else rolled_back_at end
            where id = :id""")
        .param("outcome", phase.outcome().value()).param("phase", phase.value()).param("at", ts(at))
        .param("id", changeId).update();
  }

  Optional<ChangeRow> byClientId(String clientId) {
    return jdbc.sql("select " + COLUMNS + " from change c where c.client_id = :id")
        .param("id", clientId).query(ChangeRepository::row).optional();
  }

  /** The change with this client id, its row locked until the transaction ends, so that phases apply one at a time. */
  Optional<ChangeRow> lockByClientId(String clientId) {
    return jdbc.sql("select " + COLUMNS + " from change c where c.client_id = :id for update of c")
        .param("id", clientId).query(ChangeRepository::row).optional();
  }

  List<CommitRow> commits(long changeId) {
    return jdbc.sql("select sha, committed_at from change_commit where change_id = :id order by committed_at, sha")
        .param("id", changeId)
        .query((rs, i) -> new CommitRow(rs.getString("sha"), instant(rs.getTimestamp("committed_at")))).list();
  }

  List<PhaseRow> phases(long changeId) {
    return jdbc.sql("select phase, at, recorded_by from change_phase where change_id = :id order by at, phase")
        .param("id", changeId)
        .query((rs, i) -> new PhaseRow(StoredValue.of(DeployPhase.class, rs.getString("phase")),
            instant(rs.getTimestamp("at")), rs.getString("recorded_by"))).list();
  }

  /** The changes the list shows, newest first; served by change_started_idx or change_service_started_idx. */
  List<ChangeRow> list(Filter f) {
    return jdbc.sql("select " + COLUMNS + """
             from change c
            where (cast(:service as text) is null or c.service = :service)
              and (cast(:team as text) is null or c.team = :team)
              and (cast(:environment as text) is null or c.environment = :environment)
              and (cast(:outcome as text) is null or c.outcome = :outcome)
              and (cast(:kind as text) is null or c.kind = :kind)
              and (cast(:from as timestamptz) is null or c.started_at >= :from)
              and (cast(:to as timestamptz) is null or c.started_at < :to)
            order by c.started_at desc, c.id desc
            limit :limit""")
        .param("service", f.service()).param("team", f.team()).param("environment", f.environment())
        .param("outcome", f.outcome() == null ? null : f.outcome().value())
        .param("kind", f.kind() == null ? null : f.kind().value())
        .param("from", ts(f.from())).param("to", ts(f.to())).param("limit", f.limit())
        .query(ChangeRepository::row).list();
  }

  /**
   * The changes on these services in these environments that started in [from, to), and any other change linked to
   * the incident, for an incident's suspects.
   */
  List<ChangeRow> around(long incidentId, Collection<String> services, Collection<String> environments,
      Instant from, Instant to) {
    return jdbc.sql("select " + COLUMNS + """
             from change c
            where (c.service = any(:services) and c.environment = any(:environments)
                   and c.started_at >= :from and c.started_at < :to)
               or c.id in (select change_id from incident_change where incident_id = :incident)
            order by c.started_at desc, c.id desc
            limit 200""")
        .param("services", services.toArray(String[]::new))
        .param("environments", environments.toArray(String[]::new))
        .param("from", ts(from)).param("to", ts(to)).param("incident", incidentId)
        .query(ChangeRepository::row).list();
  }

  /** The links of one incident, by change id. */
  Map<Long, LinkRow> linksOf(long incidentId) {
    return jdbc.sql("select * from incident_change where incident_id = :incident")
        .param("incident", incidentId).query(ChangeRepository::link).list().stream()
        .collect(Collectors.toMap(LinkRow::changeId, l -> l));
  }

  /** The incidents one change is linked to. */
  List<LinkRow> linksOfChange(long changeId) {
    return jdbc.sql("select * from incident_change where change_id = :change order by incident_id")
        .param("change", changeId).query(ChangeRepository::link).list();
  }

  /** Records a responder's verdict, replacing an earlier one (the timeline keeps both). */
  void mark(long incidentId, long changeId, String link, Instant at, String by) {
    jdbc.sql("""
            insert into incident_change (incident_id, change_id, link, linked_at, linked_by)
            values (:incident, :change, :link, :at, :by)
            on conflict (incident_id, change_id) do update
              set link = excluded.link, linked_at = excluded.linked_at, linked_by = excluded.linked_by""")
        .param("incident", incidentId).param("change", changeId).param("link", link).param("at", ts(at))
        .param("by", by).update();
  }

  /** Links a rollback to an incident unless a responder has already judged it; whether it was linked now. */
  boolean linkRollback(long incidentId, long changeId, Instant at, String by) {
    return jdbc.sql("""
            insert into incident_change (incident_id, change_id, link, linked_at, linked_by)
            values (:incident, :change, 'rollback', :at, :by)
            on conflict (incident_id, change_id) do nothing""")
        .param("incident", incidentId).param("change", changeId).param("at", ts(at)).param("by", by).update() == 1;
  }

  private static ChangeRow row(ResultSet rs, int i) throws SQLException {
    return new ChangeRow(rs.getLong("id"), rs.getString("client_id"), rs.getBytes("request_hash"),
        StoredValue.of(ChangeKind.class, rs.getString("kind")), rs.getString("service"), rs.getString("team"),
        rs.getString("environment"), rs.getString("version"), rs.getString("summary"), rs.getString("author"),
        rs.getString("pipeline_url"), rs.getString("source"),
        StoredValue.of(DeployOutcome.class, rs.getString("outcome")), instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("rolled_back_at")),
        rs.getString("rollback_of_client"), rs.getString("details"), instant(rs.getTimestamp("recorded_at")),
        rs.getString("recorded_by"));
  }

  private static LinkRow link(ResultSet rs, int i) throws SQLException {
    return new LinkRow(rs.getLong("incident_id"), rs.getLong("change_id"), rs.getString("link"),
        instant(rs.getTimestamp("linked_at")), rs.getString("linked_by"));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  /**
   * Deploys ended per service, environment and outcome: each phase past the start of a deploy through the API, and
   * a deploy recorded whole by a change event, which has no phases, as succeeded. Phases are never deleted, so each
   * count only grows.
   */
  List<DeployCount> deployCounts() {
    return jdbc.sql("""
            select c.service, c.environment, p.phase as outcome, count(*) from change c
            join change_phase p on p.change_id = c.id
            where c.kind = 'deploy' and p.phase <> 'started'
            group by c.service, c.environment, p.phase
            union all
            select c.service, c.environment, 'succeeded', count(*) from change c
            where c.kind = 'deploy' and not exists (select 1 from change_phase p where p.change_id = c.id)
            group by c.service, c.environment""")
        .query((rs, i) -> new DeployCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list()
        .stream().collect(Collectors.toMap(c -> List.of(c.service(), c.environment(), c.outcome()), c -> c,
            (a, b) -> new DeployCount(a.service(), a.environment(), a.outcome(), a.count() + b.count())))
        .values().stream().toList();
  }

  /** The latest deploy of each service to each environment, by when it started. */
  List<LatestDeploy> latestDeploys() {
    return jdbc.sql("""
            select distinct on (service, environment) service, environment, version, started_at from change
            where kind = 'deploy' order by service, environment, started_at desc, id desc""")
        .query((rs, i) -> new LatestDeploy(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant())).list();
  }
}
