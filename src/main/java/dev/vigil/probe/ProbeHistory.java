package dev.vigil.probe;

import static dev.vigil.system.Rows.instant;

import dev.vigil.availability.StateChange;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Probes and the states they went through, for features that show availability over time (status pages): the probe
 * feature's query type, so that they never read its tables.
 */
@Repository
public class ProbeHistory {

  /** A probe with its service, state now, and when its row was made. */
  public record ProbeRow(long id, String service, String name, String state, Instant createdAt) {
    public String qualifiedName() {
      return service + "/" + name;
    }
  }

  /** A state a probe entered at an instant. */
  public record Transition(long probeId, Instant at, String state) implements StateChange<String> {}

  private final JdbcClient jdbc;

  ProbeHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The probes of the services, and the probes named {@code service/probe}. */
  public List<ProbeRow> probes(Collection<String> services, Collection<String> qualifiedNames) {
    return jdbc.sql("select p.id, s.name as service, p.name, p.state, p.created_at from probe p"
            + " join service s on s.id = p.service_id"
            + " where s.name in (:services) or s.name || '/' || p.name in (:names) order by s.name, p.name")
        .param("services", orNone(services)).param("names", orNone(qualifiedNames))
        .query((rs, i) -> new ProbeRow(rs.getLong("id"), rs.getString("service"), rs.getString("name"),
            rs.getString("state"), instant(rs, "created_at")))
        .list();
  }

  /**
   * The probes' transitions after {@code since}, in time order, preceded by each probe's last transition at or
   * before it (its state at {@code since}).
   */
  public List<Transition> transitions(Collection<Long> probeIds, Instant since) {
    if (probeIds.isEmpty()) {
      return List.of();
    }
    List<Transition> out = new ArrayList<>(jdbc.sql("select distinct on (probe_id) probe_id, at, state"
            + " from probe_transition where probe_id in (:ids) and at <= :since order by probe_id, at desc")
        .param("ids", probeIds).param("since", Timestamp.from(since))
        .query((rs, i) -> new Transition(rs.getLong("probe_id"), instant(rs, "at"), rs.getString("state"))).list());
    out.addAll(jdbc.sql("select probe_id, at, state from probe_transition where probe_id in (:ids) and at > :since"
            + " order by at")
        .param("ids", probeIds).param("since", Timestamp.from(since))
        .query((rs, i) -> new Transition(rs.getLong("probe_id"), instant(rs, "at"), rs.getString("state"))).list());
    return out;
  }


  /** An IN list never empty: PostgreSQL has no {@code in ()}, and no name is a lone control character. */
  private static Collection<String> orNone(Collection<String> values) {
    return values.isEmpty() ? List.of("\u0001") : values;
  }

}
