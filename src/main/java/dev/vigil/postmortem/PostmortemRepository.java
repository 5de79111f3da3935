package dev.vigil.postmortem;

import static dev.vigil.system.Rows.instant;

import dev.vigil.incident.PostmortemStatus;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The postmortem and action_item tables. */
@Repository
class PostmortemRepository implements PostmortemStatus {

  /** A postmortem as stored; {@code document} is its editable text. */
  record Row(long incidentId, boolean required, PostmortemState status, String owner, Instant dueAt,
      Postmortems.Document document, Instant createdAt, Instant updatedAt, Instant publishedAt, int reminders) {}

  /** An action item as stored. */
  record ActionItem(long id, long incidentId, String title, String owner, LocalDate dueDate, ActionItemState status,
      String trackerUrl, Instant createdAt, Instant updatedAt, Instant completedAt, int reminders) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  PostmortemRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Creates the postmortem unless the incident has one; true when it was created. */
  boolean insert(long incidentId, boolean required, String owner, Instant dueAt, Postmortems.Document document,
      Instant now) {
    return jdbc.sql("insert into postmortem (incident_id, required, status, owner, due_at, document, created_at,"
            + " updated_at) values (:id, :required, 'draft', :owner, :due, cast(:document as jsonb), :now, :now)"
            + " on conflict (incident_id) do nothing")
        .param("id", incidentId).param("required", required).param("owner", owner)
        .param("due", dueAt == null ? null : Timestamp.from(dueAt))
        .param("document", json.writeValueAsString(document)).param("now", Timestamp.from(now))
        .update() == 1;
  }

  @Override
  public Optional<String> of(long incidentId) {
    return find(incidentId).map(row -> row.status().value());
  }

  Optional<Row> find(long incidentId) {
    return jdbc.sql("select * from postmortem where incident_id = :id").param("id", incidentId).query(this::row)
        .optional();
  }

  Optional<Row> lock(long incidentId) {
    return jdbc.sql("select * from postmortem where incident_id = :id for update").param("id", incidentId)
        .query(this::row).optional();
  }

  void update(long incidentId, PostmortemState status, String owner, Postmortems.Document document, Instant publishedAt,
      Instant now) {
    jdbc.sql("update postmortem set status = :status, owner = :owner, document = cast(:document as jsonb),"
            + " published_at = :published, updated_at = :now where incident_id = :id")
        .param("id", incidentId).param("status", status.value()).param("owner", owner)
        .param("document", json.writeValueAsString(document))
        .param("published", publishedAt == null ? null : Timestamp.from(publishedAt))
        .param("now", Timestamp.from(now)).update();
  }

  int countReminder(long incidentId) {
    return jdbc.sql("update postmortem set reminders = reminders + 1 where incident_id = :id returning reminders")
        .param("id", incidentId).query(Integer.class).single();
  }

  /** Postmortems, the unpublished ones due before {@code dueBefore} only when it is given; oldest due first. */
  List<Row> list(PostmortemState status, Instant dueBefore) {
    StringBuilder sql = new StringBuilder("select * from postmortem where true");
    var params = new java.util.HashMap<String, Object>();
    if (status != null) {
      sql.append(" and status = :status");
      params.put("status", status.value());
    }
    if (dueBefore != null) {
      sql.append(" and status <> 'published' and due_at < :before");
      params.put("before", Timestamp.from(dueBefore));
    }
    sql.append(" order by due_at nulls last, incident_id limit 1000");
    return jdbc.sql(sql.toString()).params(params).query(this::row).list();
  }

  long insertItem(long incidentId, String title, String owner, LocalDate dueDate, ActionItemState status,
      String trackerUrl, Instant now) {
    return jdbc.sql("insert into action_item (incident_id, title, owner, due_date, status, tracker_url, created_at,"
            + " updated_at) values (:incident, :title, :owner, :due, :status, :tracker, :now, :now) returning id")
        .param("incident", incidentId).param("title", title).param("owner", owner)
        .param("due", dueDate == null ? null : Date.valueOf(dueDate)).param("status", status.value())
        .param("tracker", trackerUrl).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  void updateItem(ActionItem item, Instant now) {
    jdbc.sql("update action_item set title = :title, owner = :owner, due_date = :due, status = :status,"
            + " tracker_url = :tracker, completed_at = :completed, updated_at = :now where id = :id")
        .param("id", item.id()).param("title", item.title()).param("owner", item.owner())
        .param("due", item.dueDate() == null ? null : Date.valueOf(item.dueDate()))
        .param("status", item.status().value()).param("tracker", item.trackerUrl())
        .param("completed", item.completedAt() == null ? null : Timestamp.from(item.completedAt()))
        .param("now", Timestamp.from(now)).update();
  }

  void deleteItem(long id) {
    jdbc.sql("delete from action_item where id = :id").param("id", id).update();
  }

  int countItemReminder(long id) {
    return jdbc.sql("update action_item set reminders = reminders + 1 where id = :id returning reminders")
        .param("id", id).query(Integer.class).single();
  }

  Optional<ActionItem> lockItem(long id) {
    return jdbc.sql("select * from action_item where id = :id for update").param("id", id)
        .query(PostmortemRepository::item).optional();
  }

  List<ActionItem> items(long incidentId) {
    return jdbc.sql("select * from action_item where incident_id = :id order by id").param("id", incidentId)
        .query(PostmortemRepository::item).list();
  }

  private Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getLong("incident_id"), rs.getBoolean("required"),
        PostmortemState.of(rs.getString("status")),
        rs.getString("owner"), instant(rs, "due_at"),
        json.readValue(rs.getString("document"), Postmortems.Document.class), instant(rs, "created_at"),
        instant(rs, "updated_at"), instant(rs, "published_at"), rs.getInt("reminders"));
  }

  private static ActionItem item(ResultSet rs, int i) throws SQLException {
    Date due = rs.getDate("due_date");
    return new ActionItem(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("title"), rs.getString("owner"),
        due == null ? null : due.toLocalDate(), ActionItemState.of(rs.getString("status")), rs.getString("tracker_url"),
        instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "completed_at"), rs.getInt("reminders"));
  }

}
