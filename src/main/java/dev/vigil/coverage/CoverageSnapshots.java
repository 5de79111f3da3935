package dev.vigil.coverage;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code coverage_snapshot} table: one scorecard total, per team and per tier, per day. */
@Repository
public class CoverageSnapshots {

  /** One day's figures as the scorecard gave them that day. */
  public record Snapshot(LocalDate day, Instant takenAt, Scorecard.Score total, Map<String, Scorecard.Score> byTeam,
      Map<String, Scorecard.Score> byTier) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, Scorecard.Score>> SCORES = new TypeReference<>() {};

  private final JdbcClient jdbc;

  CoverageSnapshots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Files {@code card} under {@code day} unless that day has a snapshot: the primary key settles two nodes writing at
   * once, without a lock held across the scorecard's reads. Whether this call wrote the row.
   */
  boolean take(LocalDate day, Instant now, Scorecard card) {
    return jdbc.sql("""
            insert into coverage_snapshot (day, taken_at, earned, possible, percent, by_team, by_tier)
            values (:day, :now, :earned, :possible, :percent, cast(:teams as jsonb), cast(:tiers as jsonb))
            on conflict (day) do nothing""")
        .param("day", Date.valueOf(day)).param("now", Timestamp.from(now))
        .param("earned", card.total().earned()).param("possible", card.total().possible())
        .param("percent", card.total().percent())
        .param("teams", JSON.writeValueAsString(card.byTeam()))
        .param("tiers", JSON.writeValueAsString(card.byTier()))
        .update() == 1;
  }

  /** The snapshots from {@code first} on, oldest first. */
  List<Snapshot> since(LocalDate first) {
    return jdbc.sql("select * from coverage_snapshot where day >= :first order by day")
        .param("first", Date.valueOf(first)).query(CoverageSnapshots::snapshot).list();
  }

  private static Snapshot snapshot(ResultSet rs, int row) throws SQLException {
    BigDecimal percent = rs.getBigDecimal("percent");
    return new Snapshot(rs.getDate("day").toLocalDate(), rs.getTimestamp("taken_at").toInstant(),
        new Scorecard.Score(rs.getLong("earned"), rs.getLong("possible"), percent),
        JSON.readValue(rs.getString("by_team"), SCORES), JSON.readValue(rs.getString("by_tier"), SCORES));
  }
}
