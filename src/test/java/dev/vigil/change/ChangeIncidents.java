package dev.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Opens incidents on the change catalog's api service as a PagerDuty client would. */
final class ChangeIncidents {

  private ChangeIncidents() {}

  /** Triggers an alert on api and returns the id of the incident it opened. */
  static long open(Api api, JdbcClient jdbc, String summary) {
    Api.Response triggered = api.post("/v2/enqueue", null, """
        {"routing_key": "%s", "event_action": "trigger",
         "payload": {"summary": "%s", "source": "api-1", "severity": "critical"}}"""
        .formatted(ChangeCatalog.PAGERDUTY_KEY, summary));
    assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
    return jdbc.sql("select max(id) from incident").query(Long.class).single();
  }
}
