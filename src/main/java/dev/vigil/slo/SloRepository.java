package dev.vigil.slo;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SLO tables: the latest state of each SLO and its history of five-minute and daily points (V019). Only the
 * evaluation writes, from the one node db-scheduler runs its recurring job on, so each write is a plain upsert of
 * rows no one else changes; readers take what is committed.
 */
@Repository
class SloRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, BigDecimal>> RATES = new TypeReference<>() {};

  private final JdbcClient jdbc;

  SloRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every SLO's stored state, by name. */
  List<SloBoard.Status> all() {
    return jdbc.sql("select * from slo_state order by slo").query(SloRepository::status).list();
  }

  Optional<SloBoard.Status> find(String slo) {
    return jdbc.sql("select * from slo_state where slo = :slo").param("slo", slo).query(SloRepository::status)
        .optional();
  }

  /** Stores what an evaluation found, replacing the SLO's previous state and clearing its last error. */
  void save(SloBoard.Status s) {
    jdbc.sql("""
            insert into slo_state (slo, service, evaluated_at, measured_at, state, sli, budget_total, budget_consumed,
              budget_unit_seconds, consumed_share, burn_rates, exhausted_at, period_start, period_end, firing, raised,
              notified_threshold, notified_at, last_data_at, last_error, last_error_at)
            values (:slo, :service, :evaluatedAt, :measuredAt, :state, :sli, :total, :consumed, :unit, :share,
              cast(:rates as jsonb), :exhaustedAt, :periodStart, :periodEnd, :firing, :raised, :notified,
              :notifiedAt, :lastDataAt, :lastError, :lastErrorAt)
            on conflict (slo) do update set service = excluded.service, evaluated_at = excluded.evaluated_at,
              measured_at = excluded.measured_at, state = excluded.state, sli = excluded.sli,
              budget_total = excluded.budget_total, budget_consumed = excluded.budget_consumed,
              budget_unit_seconds = excluded.budget_unit_seconds, consumed_share = excluded.consumed_share,
              burn_rates = excluded.burn_rates, exhausted_at = excluded.exhausted_at,
              period_start = excluded.period_start, period_end = excluded.period_end, firing = excluded.firing,
              raised = excluded.raised, notified_threshold = excluded.notified_threshold,
              notified_at = excluded.notified_at, last_data_at = excluded.last_data_at,
              last_error = excluded.last_error, last_error_at = excluded.last_error_at""")
        .param("slo", s.slo()).param("service", s.service()).param("evaluatedAt", ts(s.evaluatedAt()))
        .param("measuredAt", ts(s.measuredAt())).param("state", s.state()).param("sli", s.sli())
        .param("total", s.budgetTotal()).param("consumed", s.budgetConsumed()).param("unit", s.budgetUnitSeconds())
        .param("share", s.consumedShare()).param("rates", JSON.writeValueAsString(byText(s.burnRates())))
        .param("exhaustedAt", ts(s.exhaustedAt())).param("periodStart", ts(s.periodStart()))
        .param("periodEnd", ts(s.periodEnd())).param("firing", s.firing().toArray(String[]::new))
        .param("raised", s.raised().toArray(String[]::new)).param("notified", s.notifiedThreshold())
        .param("notifiedAt", ts(s.notifiedAt())).param("lastDataAt", ts(s.lastDataAt()))
        .param("lastError", s.lastError()).param("lastErrorAt", ts(s.lastErrorAt()))
        .update();
  }

  /** The history point of {@code step} at {@code at}, replaced by each evaluation within its step. */
  void point(String slo, String step, Instant at, SloEvaluation.Tally own, BigDecimal sli, BigDecimal remaining,
      BigDecimal burnRate) {
    jdbc.sql("""
            insert into slo_point (slo, step, at, good, total, sli, remaining_share, burn_rate)
            values (:slo, :step, :at, :good, :total, :sli, :remaining, :rate)
            on conflict (slo, step, at) do update set good = excluded.good, total = excluded.total, sli = excluded.sli,
              remaining_share = excluded.remaining_share, burn_rate = excluded.burn_rate""")
        .param("slo", slo).param("step", step).param("at", ts(at)).param("good", own.good())
        .param("total", own.total()).param("sli", sli).param("remaining", remaining).param("rate", burnRate)
        .update();
  }

  /**
   * Sets a past point's tally to its whole step's, once the step has ended: the evaluations within it each wrote the
   * step so far, and the last of them came before its end. Its figures (SLI, budget left, burn rate) stay those of
   * that last evaluation; a step no evaluation fell in gets its tally alone.
   */
  void closePoint(String slo, String step, Instant at, SloEvaluation.Tally whole) {
    jdbc.sql("""
            insert into slo_point (slo, step, at, good, total) values (:slo, :step, :at, :good, :total)
            on conflict (slo, step, at) do update set good = excluded.good, total = excluded.total""")
        .param("slo", slo).param("step", step).param("at", ts(at)).param("good", whole.good())
        .param("total", whole.total()).update();
  }

  /** Deletes the SLO's points of {@code step} from before {@code before}. */
  int deletePoints(String slo, String step, Instant before) {
    return jdbc.sql("delete from slo_point where slo = :slo and step = :step and at < :before").param("slo", slo)
        .param("step", step).param("before", ts(before)).update();
  }

  /** The SLO's points of {@code step} in [from, to), oldest first. */
  List<SloBoard.Point> points(String slo, String step, Instant from, Instant to) {
    return jdbc.sql("""
            select at, good, total, sli, remaining_share, burn_rate from slo_point
            where slo = :slo and step = :step and at >= :from and at < :to order by at""")
        .param("slo", slo).param("step", step).param("from", ts(from)).param("to", ts(to))
        .query((rs, i) -> new SloBoard.Point(rs.getTimestamp("at").toInstant(), rs.getBigDecimal("good"),
            rs.getBigDecimal("total"), rs.getBigDecimal("sli"), rs.getBigDecimal("remaining_share"),
            rs.getBigDecimal("burn_rate")))
        .list();
  }

  /** Forgets the SLOs the catalog no longer declares, state and history alike. */
  void retainOnly(Collection<String> slos) {
    String[] names = slos.toArray(String[]::new);
    jdbc.sql("delete from slo_point where slo <> all(:names)").param("names", names).update();
    jdbc.sql("delete from slo_state where slo <> all(:names)").param("names", names).update();
  }

  private static SloBoard.Status status(ResultSet rs, int row) throws SQLException {
    return new SloBoard.Status(rs.getString("slo"), rs.getString("service"), instant(rs, "evaluated_at"),
        instant(rs, "measured_at"), rs.getString("state"), rs.getBigDecimal("sli"), rs.getBigDecimal("budget_total"),
        rs.getBigDecimal("budget_consumed"), rs.getBigDecimal("budget_unit_seconds"),
        rs.getBigDecimal("consumed_share"), rates(rs.getString("burn_rates")), instant(rs, "exhausted_at"),
        instant(rs, "period_start"), instant(rs, "period_end"), texts(rs.getArray("firing")),
        texts(rs.getArray("raised")), rs.getBigDecimal("notified_threshold"), instant(rs, "notified_at"),
        instant(rs, "last_data_at"), rs.getString("last_error"), instant(rs, "last_error_at"));
  }

  private static Map<String, BigDecimal> byText(Map<Duration, BigDecimal> rates) {
    Map<String, BigDecimal> out = new TreeMap<>();
    rates.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  private static Map<Duration, BigDecimal> rates(String json) {
    Map<Duration, BigDecimal> out = new TreeMap<>();
    JSON.readValue(json, RATES).forEach((k, v) -> out.put(Duration.parse(k), v));
    return out;
  }

  private static List<String> texts(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
