package dev.vigil.notify;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finds the latest SMS page to a number in the notification outbox. */
@Repository
class JdbcPageLookup implements PageLookup {

  private final JdbcClient jdbc;

  JdbcPageLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<PagedIncident> latestIncidentForAddress(String address) {
    return jdbc.sql("select incident_id, user_name from notification where type = 'sms' and address = ?"
            + " and incident_id is not null"
            + " order by created_at desc limit 1")
        .param(address)
        .query((rs, n) -> new PagedIncident(rs.getLong("incident_id"), rs.getString("user_name")))
        .optional();
  }
}
