package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statements of alert ingest, each working on a whole batch at once: a batch of a hundred alerts costs a handful
 * of round trips to PostgreSQL, not a few hundred. Arrays go in as parameters and come apart with {@code unnest}.
 */
@Repository
class IngestRepository {

  /** An incident group: the service and the grouping key its alerts share. */
  record Group(long serviceId, String groupingKey) {}

  /** An alert already stored (summary and severity as last sent), with what ingest needs to know of its incident. */
  record KnownAlert(long id, String fingerprint, boolean firing, String summary, String severity, long incidentId,
      IncidentStatus incidentStatus, Instant incidentResolvedAt, long serviceId, String groupingKey) {
    boolean incidentOpen() {
      return incidentStatus != IncidentStatus.RESOLVED;
    }
  }

  /** An open incident of a group. */
  record OpenIncident(long id, Group group) {}

  /** An incident to open, with the severity the incident policy gives it and that severity's urgency. */
  record NewIncident(Group group, String title, SeverityPolicy.Classification severity, Urgency urgency) {}

  /** An alert to insert into an incident. */
  record NewAlert(long incidentId, AlertEvent event) {}

  /**
   * A stored alert firing again: a repeat of a firing alert ({@code restart} false), or one that had resolved, or
   * whose incident had, firing anew (its start moves to the event's).
   */
  record AlertUpdate(long alertId, long incidentId, AlertEvent event, boolean restart) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IngestRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Holds, until the transaction ends, the right to store alerts for this integration (a shared lock, which its
   * deletion waits for: {@link #deleteAlertsOf}) and to create or change the alerts with these identities. Identity
   * locks are taken in the order of their keys, the same order in every transaction, so two batches never deadlock
   * on them. The integration's lock is keyed (0, id), apart from the identities' (id, hash) since ids start at 1.
   */
  void lockIdentities(long integrationId, Collection<String> fingerprints) {
    // Select-list items are evaluated in order: the integration's lock comes first.
    jdbc.sql("select pg_advisory_xact_lock_shared(0, :integration) as integration,"
            + " (select count(pg_advisory_xact_lock(:integration, h)) from (select distinct hashtext(fp) as h"
            + " from unnest(cast(:fps as text[])) as fp order by 1) as keys) as identities")
        .param("integration", (int) integrationId).param("fps", fingerprints.toArray(String[]::new))
        .query((rs, n) -> rs.getLong("identities")).single();
  }

  /**
   * Deletes the alerts of these integrations, which are about to be deleted: first waits, with an exclusive lock on
   * each, for the ingests in flight for them. An ingest that starts later finds its integration gone when it looks
   * for its alerts ({@link #known}), so no alert is left behind by an integration that no longer exists.
   */
  void deleteAlertsOf(Collection<Long> integrationIds) {
    jdbc.sql("select count(pg_advisory_xact_lock(0, cast(id as int))) from"
            + " (select distinct id from unnest(cast(:ids as bigint[])) as id order by 1) as ids")
        .param("ids", integrationIds.toArray(Long[]::new)).query(Long.class).single();
    jdbc.sql("delete from alert where integration_id = any(cast(:ids as bigint[]))")
        .param("ids", integrationIds.toArray(Long[]::new)).update();
  }

  /**
   * Holds, until the transaction ends, the right to open or re-open an incident of these groups: without it two
   * batches with different alerts of one group could each open (or re-open) an incident for it. In key order, as
   * above; single-key advisory locks, which never collide with the identities' two-key ones.
   */
  void lockGroups(Collection<Group> groups) {
    jdbc.sql("select count(pg_advisory_xact_lock(h)) from (select distinct hashtextextended(k, 0) as h"
            + " from unnest(cast(:keys as text[])) as k order by 1) as keys")
        .param("keys", groups.stream().map(g -> g.serviceId() + "/" + g.groupingKey()).toArray(String[]::new))
        .query(Long.class).single();
  }

  /**
   * The stored alerts among these fingerprints, by fingerprint. Called after {@link #lockIdentities}, so that it
   * also tells whether the integration still exists: for an integration deleted since the request found it, none
   * (and nothing of the request is stored).
   */
  Optional<Map<String, KnownAlert>> known(long integrationId, Collection<String> fingerprints) {
    Map<String, KnownAlert> known = new HashMap<>();
    // The second branch yields one row, all null, only when the integration is gone.
    List<KnownAlert> rows = jdbc.sql("select a.id, a.fingerprint, a.status, a.summary, a.severity, a.incident_id,"
            + " i.status as incident_status, i.resolved_at, i.service_id, i.grouping_key"
            + " from alert a join incident i on i.id = a.incident_id"
            + " where a.integration_id = :integration and a.fingerprint = any(cast(:fps as text[]))"
            + " union all select null, null, null, null, null, null, null, null, null, null"
            + " where not exists (select 1 from integration where id = :integration)")
        .param("integration", integrationId).param("fps", fingerprints.toArray(String[]::new))
        .query((rs, n) -> rs.getObject("id") == null ? null : new KnownAlert(rs.getLong("id"),
            rs.getString("fingerprint"), rs.getString("status").equals("firing"), rs.getString("summary"),
            rs.getString("severity"), rs.getLong("incident_id"),
            IncidentStatus.of(rs.getString("incident_status")), instant(rs.getTimestamp("resolved_at")), rs.getLong("service_id"),
            rs.getString("grouping_key")))
        .list();
    for (KnownAlert alert : rows) {
      if (alert == null) {
        return Optional.empty();
      }
      known.put(alert.fingerprint(), alert);
    }
    return Optional.of(known);
  }

  /**
   * The open incidents of these groups, share-locked in id order: a concurrent resolve waits until the alerts this
   * transaction adds are committed, and then sees them.
   */
  Map<Group, OpenIncident> lockOpenIncidents(Collection<Group> groups) {
    Map<Group, OpenIncident> open = new HashMap<>();
    jdbc.sql("select i.id, i.service_id, i.grouping_key from incident i"
            + " join unnest(cast(:services as bigint[]), cast(:keys as text[])) as g(service_id, grouping_key)"
            + " on i.service_id = g.service_id and i.grouping_key = g.grouping_key"
            + " where i.status <> 'resolved' order by i.id for share of i")
        .param("services", groups.stream().map(Group::serviceId).toArray(Long[]::new))
        .param("keys", groups.stream().map(Group::groupingKey).toArray(String[]::new))
        .query((rs, n) -> new OpenIncident(rs.getLong("id"),
            new Group(rs.getLong("service_id"), rs.getString("grouping_key"))))
        .list()
        .forEach(i -> open.put(i.group(), i));
    return open;
  }

  /**
   * Opens an incident for each group that has no open one; returns the ids of those opened. A group that another
   * transaction opened meanwhile is skipped (the partial unique index decides), and is missing from the result.
   */
  Map<Group, Long> openIncidents(long integrationId, List<NewIncident> incidents, Instant now) {
    Map<Group, Long> opened = new HashMap<>();
    jdbc.sql("insert into incident (service_id, integration_id, grouping_key, title, status, urgency, severity,"
            + " severity_rule, created_at, updated_at) select n.service_id, :integration, n.grouping_key, n.title,"
            + " 'triggered', n.urgency, n.severity, n.rule, :now, :now"
            + " from unnest(cast(:services as bigint[]), cast(:keys as text[]), cast(:titles as text[]),"
            + " cast(:urgencies as text[]), cast(:severities as text[]), cast(:rules as text[]))"
            + " with ordinality as n(service_id, grouping_key, title, urgency, severity, rule, position)"
            + " order by n.position"
            + " on conflict (service_id, grouping_key) where status <> 'resolved' do nothing"
            + " returning id, service_id, grouping_key")
        .param("integration", integrationId)
        .param("services", incidents.stream().map(i -> i.group().serviceId()).toArray(Long[]::new))
        .param("keys", incidents.stream().map(i -> i.group().groupingKey()).toArray(String[]::new))
        .param("titles", incidents.stream().map(NewIncident::title).toArray(String[]::new))
        .param("urgencies", incidents.stream().map(i -> i.urgency().value()).toArray(String[]::new))
        .param("severities", incidents.stream().map(i -> i.severity().severity()).toArray(String[]::new))
        .param("rules", incidents.stream().map(i -> i.severity().rule()).toArray(String[]::new))
        .param("now", Timestamp.from(now))
        .query((rs, n) -> Map.entry(new Group(rs.getLong("service_id"), rs.getString("grouping_key")),
            rs.getLong("id")))
        .list()
        .forEach(e -> opened.put(e.getKey(), e.getValue()));
    return opened;
  }

  /** Re-opens a resolved incident; false if it is not resolved (another transaction re-opened it first). */
  boolean reopen(long incidentId, Instant now) {
    // The first acknowledgement and mitigation stay (reports measure from them); the current ones start over, and
    // so does who has it (ADR 0034).
    return jdbc.sql("update incident set status = 'triggered', resolved_at = null, resolved_by = null,"
            + " acknowledged_at = null, acknowledged_by = null, mitigated_at = null, mitigated_by = null,"
            + " assignees = '{}', updated_at = :now where id = :id and status = 'resolved'")
        .param("id", incidentId).param("now", Timestamp.from(now)).update() == 1;
  }

  /** Inserts new alerts; returns their ids by fingerprint. */
  Map<String, Long> insertAlerts(long integrationId, List<NewAlert> alerts, Instant now) {
    Map<String, Long> ids = new HashMap<>();
    List<AlertEvent> events = alerts.stream().map(NewAlert::event).toList();
    jdbc.sql("insert into alert (integration_id, fingerprint, incident_id, source, status, summary, severity,"
            + " labels, annotations, links, starts_at, first_seen, last_seen)"
            + " select :integration, a.fingerprint, a.incident_id, a.source, 'firing', a.summary, a.severity,"
            + " cast(a.labels as jsonb), cast(a.annotations as jsonb), cast(a.links as jsonb), a.starts_at, :now, :now"
            + " from unnest(cast(:fps as text[]), cast(:incidents as bigint[]), cast(:sources as text[]),"
            + " cast(:summaries as text[]), cast(:severities as text[]), cast(:labels as text[]),"
            + " cast(:annotations as text[]), cast(:links as text[]), cast(:starts as timestamptz[]))"
            + " with ordinality as a(fingerprint, incident_id, source, summary, severity, labels, annotations, links,"
            + " starts_at, position) order by a.position"
            + " returning id, fingerprint")
        .param("integration", integrationId)
        .param("fps", events.stream().map(AlertEvent::fingerprint).toArray(String[]::new))
        .param("incidents", alerts.stream().map(NewAlert::incidentId).toArray(Long[]::new))
        .params(eventColumns(events, now))
        .param("now", Timestamp.from(now))
        .query((rs, n) -> Map.entry(rs.getString("fingerprint"), rs.getLong("id")))
        .list()
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    return ids;
  }

  /** Updates stored alerts that fire again (repeats, and resolved ones firing anew). */
  void updateAlerts(List<AlertUpdate> updates, Instant now) {
    List<AlertEvent> events = updates.stream().map(AlertUpdate::event).toList();
    jdbc.sql("update alert set incident_id = u.incident_id, status = 'firing', summary = u.summary,"
            + " severity = u.severity, labels = cast(u.labels as jsonb), annotations = cast(u.annotations as jsonb),"
            + " links = cast(u.links as jsonb), last_seen = :now, ends_at = null, repeats = alert.repeats + 1,"
            + " starts_at = case when u.restart then u.starts_at else alert.starts_at end"
            + " from unnest(cast(:ids as bigint[]), cast(:incidents as bigint[]), cast(:restarts as boolean[]),"
            + " cast(:sources as text[]), cast(:summaries as text[]), cast(:severities as text[]),"
            + " cast(:labels as text[]), cast(:annotations as text[]), cast(:links as text[]),"
            + " cast(:starts as timestamptz[]))"
            + " as u(id, incident_id, restart, source, summary, severity, labels, annotations, links, starts_at)"
            + " where alert.id = u.id")
        .param("ids", updates.stream().map(AlertUpdate::alertId).toArray(Long[]::new))
        .param("incidents", updates.stream().map(AlertUpdate::incidentId).toArray(Long[]::new))
        .param("restarts", updates.stream().map(AlertUpdate::restart).toArray(Boolean[]::new))
        .params(eventColumns(events, now))
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Resolves firing alerts, each at its own end time. */
  void resolveAlerts(List<Long> alertIds, List<Instant> endsAt, Instant now) {
    jdbc.sql("update alert set status = 'resolved', ends_at = r.ends_at, last_seen = :now"
            + " from unnest(cast(:ids as bigint[]), cast(:ends as timestamptz[])) as r(id, ends_at)"
            + " where alert.id = r.id")
        .param("ids", alertIds.toArray(Long[]::new))
        .param("ends", endsAt.stream().map(Instant::toString).toArray(String[]::new))
        .param("now", Timestamp.from(now))
        .update();
  }

  /**
   * Locks these incidents for update, in id order, and returns those still open: no alert can join them until
   * this transaction ends, so counting their firing alerts afterwards gives the final answer.
   */
  List<Long> lockOpenIncidentsForUpdate(Collection<Long> incidentIds) {
    return jdbc.sql("select id from incident where id = any(cast(:ids as bigint[])) and status <> 'resolved'"
            + " order by id for update")
        .param("ids", incidentIds.toArray(Long[]::new)).query(Long.class).list();
  }

  /** Those of these incidents that still have a firing alert. */
  Set<Long> withFiringAlerts(Collection<Long> incidentIds) {
    return new HashSet<>(jdbc.sql("select distinct incident_id from alert"
            + " where incident_id = any(cast(:ids as bigint[])) and status = 'firing'")
        .param("ids", incidentIds.toArray(Long[]::new)).query(Long.class).list());
  }

  /** Resolves these incidents (by Vigil, no actor); returns those that were not resolved yet, in id order. */
  List<Long> resolveIncidents(Collection<Long> incidentIds, Instant now) {
    List<Long> resolved = new ArrayList<>(jdbc.sql("update incident set status = 'resolved', resolved_at = :now,"
            + " resolved_by = null, updated_at = :now where id = any(cast(:ids as bigint[])) and status <> 'resolved'"
            + " returning id")
        .param("ids", incidentIds.toArray(Long[]::new)).param("now", Timestamp.from(now))
        .query(Long.class).list());
    resolved.sort(null);
    return resolved;
  }

  /** The columns every alert statement takes from its events, as arrays in the events' order. */
  private Map<String, Object> eventColumns(List<AlertEvent> events, Instant now) {
    Map<String, Object> columns = new HashMap<>();
    columns.put("sources", events.stream().map(AlertEvent::source).toArray(String[]::new));
    columns.put("summaries", events.stream().map(AlertEvent::summary).toArray(String[]::new));
    columns.put("severities", events.stream().map(e -> e.severity().value()).toArray(String[]::new));
    columns.put("labels", events.stream().map(e -> json.writeValueAsString(e.labels())).toArray(String[]::new));
    columns.put("annotations",
        events.stream().map(e -> json.writeValueAsString(e.annotations())).toArray(String[]::new));
    columns.put("links", events.stream().map(e -> json.writeValueAsString(e.links())).toArray(String[]::new));
    columns.put("starts", events.stream().map(e -> (e.startsAt() == null ? now : e.startsAt()).toString())
        .toArray(String[]::new));
    return columns;
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
