package dev.vigil.catalog;

import static dev.vigil.system.Rows.instant;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When services began to exist in Vigil, which the catalog's snapshot does not hold: uptime is not counted before. */
@Repository
public class ServiceAges {

  private final JdbcClient jdbc;

  ServiceAges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** When each service began to exist in Vigil, by name. */
  public Map<String, Instant> servicesCreated(Collection<String> services) {
    Map<String, Instant> created = new LinkedHashMap<>();
    jdbc.sql("select name, created_at from service where name in (:services)")
        .param("services", orNone(services))
        .query((rs, i) -> Map.entry(rs.getString("name"), instant(rs, "created_at")))
        .list().forEach(e -> created.put(e.getKey(), e.getValue()));
    return created;
  }


  /** An IN list never empty: PostgreSQL has no {@code in ()}, and no name is a lone control character. */
  private static Collection<String> orNone(Collection<String> values) {
    return values.isEmpty() ? List.of("\u0001") : values;
  }

}
