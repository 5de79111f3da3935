package dev.vigil.oncall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The on-call tables: overrides and temporary schedules made through the API, and calendar feed tokens. */
@Repository
class OnCallRepository {

  /** An override as stored, with who made it. */
  record StoredOverride(long id, String schedule, Instant start, Instant end, String add, String remove, String note,
      String createdBy, Instant createdAt) {
    ShiftOverride model() {
      return new ShiftOverride(String.valueOf(id), start, end, add, remove);
    }
  }

  /** A temporary schedule as stored. */
  record StoredTemporary(long id, String schedule, String name, Instant start, Instant end,
      List<TemporarySchedule.FixedShift> shifts, String createdBy, Instant createdAt) {
    TemporarySchedule model() {
      return new TemporarySchedule(String.valueOf(id), name, start, end, shifts);
    }
  }

  /** A calendar token as listed: never the token itself. */
  record StoredCalendarToken(long id, String prefix, String schedule, String user, String label, String createdBy,
      Instant createdAt, Instant revokedAt) {}

  private static final TypeReference<List<TemporarySchedule.FixedShift>> SHIFTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  OnCallRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long insertOverride(String schedule, Instant start, Instant end, String add, String remove, String note,
      String createdBy, Instant now) {
    return jdbc.sql("insert into schedule_override (schedule_id, starts_at, ends_at, add_user, remove_user, note,"
            + " created_by, created_at) select id, :start, :end, :add, :remove, :note, :by, :now from schedule"
            + " where name = :schedule returning id")
        .param("schedule", schedule).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .param("add", add).param("remove", remove).param("note", note).param("by", createdBy)
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  /** A schedule's overrides that end after {@code from} and start before {@code to}, oldest first. */
  List<StoredOverride> overrides(String schedule, Instant from, Instant to) {
    return overrideRows(schedule, from, to);
  }

  /** Every schedule's overrides overlapping {@code [from, to)}, by schedule name, oldest first. */
  Map<String, List<ShiftOverride>> overridesBySchedule(Instant from, Instant to) {
    Map<String, List<ShiftOverride>> result = new HashMap<>();
    overrideRows(null, from, to)
        .forEach(o -> result.computeIfAbsent(o.schedule(), k -> new ArrayList<>()).add(o.model()));
    return result;
  }

  /** Overrides overlapping {@code [from, to)}: of one schedule, or of all when {@code schedule} is null. */
  private List<StoredOverride> overrideRows(String schedule, Instant from, Instant to) {
    return jdbc.sql("select o.*, s.name as schedule from schedule_override o join schedule s on s.id = o.schedule_id"
            + " where (cast(:schedule as text) is null or s.name = :schedule) and o.ends_at > :from"
            + " and o.starts_at < :to order by o.id")
        .param("schedule", schedule).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query(OnCallRepository::override).list();
  }

  boolean deleteOverride(String schedule, long id) {
    return jdbc.sql("delete from schedule_override o using schedule s where s.id = o.schedule_id"
            + " and s.name = :schedule and o.id = :id")
        .param("schedule", schedule).param("id", id).update() == 1;
  }

  long insertTemporary(String schedule, String name, Instant start, Instant end,
      List<TemporarySchedule.FixedShift> shifts, String createdBy, Instant now) {
    return jdbc.sql("insert into temporary_schedule (schedule_id, name, starts_at, ends_at, shifts, created_by,"
            + " created_at) select id, :name, :start, :end, cast(:shifts as jsonb), :by, :now from schedule"
            + " where name = :schedule returning id")
        .param("schedule", schedule).param("name", name).param("start", Timestamp.from(start))
        .param("end", Timestamp.from(end)).param("shifts", json.writeValueAsString(shifts)).param("by", createdBy)
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  List<StoredTemporary> temporary(String schedule, Instant from, Instant to) {
    return temporaryRows(schedule, from, to);
  }

  Map<String, List<TemporarySchedule>> temporaryBySchedule(Instant from, Instant to) {
    Map<String, List<TemporarySchedule>> result = new HashMap<>();
    temporaryRows(null, from, to)
        .forEach(t -> result.computeIfAbsent(t.schedule(), k -> new ArrayList<>()).add(t.model()));
    return result;
  }

  /** Temporary schedules overlapping {@code [from, to)}: of one schedule, or of all when {@code schedule} is null. */
  private List<StoredTemporary> temporaryRows(String schedule, Instant from, Instant to) {
    return jdbc.sql("select t.*, s.name as schedule from temporary_schedule t join schedule s on s.id = t.schedule_id"
            + " where (cast(:schedule as text) is null or s.name = :schedule) and t.ends_at > :from"
            + " and t.starts_at < :to order by t.id")
        .param("schedule", schedule).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query(this::temporary).list();
  }

  boolean deleteTemporary(String schedule, long id) {
    return jdbc.sql("delete from temporary_schedule t using schedule s where s.id = t.schedule_id"
            + " and s.name = :schedule and t.id = :id")
        .param("schedule", schedule).param("id", id).update() == 1;
  }

  long insertCalendarToken(byte[] hash, String prefix, String schedule, String user, String label, String createdBy,
      Instant now) {
    String owner = schedule != null ? "(select id from schedule where name = :name), null"
        : "null, (select id from app_user where name = :name)";
    return jdbc.sql("insert into calendar_token (token_hash, token_prefix, schedule_id, user_id, label, created_by,"
            + " created_at) values (:hash, :prefix, " + owner + ", :label, :by, :now) returning id")
        .param("hash", hash).param("prefix", prefix).param("name", schedule != null ? schedule : user)
        .param("label", label).param("by", createdBy).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  /** The schedule or user an active token opens, as ("schedule"|"user", name). */
  Optional<Map.Entry<String, String>> calendarTokenOwner(byte[] hash) {
    return jdbc.sql("select s.name as schedule, u.name as app_user from calendar_token t"
            + " left join schedule s on s.id = t.schedule_id left join app_user u on u.id = t.user_id"
            + " where t.token_hash = :hash and t.revoked_at is null")
        .param("hash", hash)
        .query((rs, i) -> rs.getString("schedule") != null ? Map.entry("schedule", rs.getString("schedule"))
            : Map.entry("user", rs.getString("app_user")))
        .optional();
  }

  List<StoredCalendarToken> calendarTokens(String schedule, String user) {
    return jdbc.sql("select t.*, s.name as schedule, u.name as app_user from calendar_token t"
            + " left join schedule s on s.id = t.schedule_id left join app_user u on u.id = t.user_id"
            + " where (cast(:schedule as text) is not null and s.name = :schedule)"
            + " or (cast(:user as text) is not null and u.name = :user) order by t.id")
        .param("schedule", schedule).param("user", user)
        .query((rs, i) -> new StoredCalendarToken(rs.getLong("id"), rs.getString("token_prefix"),
            rs.getString("schedule"), rs.getString("app_user"), rs.getString("label"), rs.getString("created_by"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("revoked_at"))))
        .list();
  }

  boolean revokeCalendarToken(long id, Instant now) {
    return jdbc.sql("update calendar_token set revoked_at = :now where id = :id and revoked_at is null")
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  boolean calendarTokenExists(long id) {
    return jdbc.sql("select count(*) from calendar_token where id = :id").param("id", id).query(Long.class).single() > 0;
  }

  private static StoredOverride override(ResultSet rs, int i) throws SQLException {
    return new StoredOverride(rs.getLong("id"), rs.getString("schedule"), instant(rs.getTimestamp("starts_at")),
        instant(rs.getTimestamp("ends_at")), rs.getString("add_user"), rs.getString("remove_user"),
        rs.getString("note"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")));
  }

  private StoredTemporary temporary(ResultSet rs, int i) throws SQLException {
    return new StoredTemporary(rs.getLong("id"), rs.getString("schedule"), rs.getString("name"),
        instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")),
        json.readValue(rs.getString("shifts"), SHIFTS), rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
