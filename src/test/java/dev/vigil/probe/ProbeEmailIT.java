package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole path with real parts and the real scheduler: an HTTP probe every second against a local server that
 * starts answering 503; after two failures the service's incident opens and the on-call user gets an email
 * (GreenMail); when the server answers 200 again the incident resolves. The metrics show the probe.
 */
@IntegrationTest
class ProbeEmailIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired ProbeCoordinator coordinator;
  @Autowired ProbeResults results;
  HealthEndpoint target;

  @BeforeEach
  void setUp() throws Exception {
    target = HealthEndpoint.start(503, results, jdbc);
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: payments, members: [ana]}]
        users:
          - name: ana
            email: ana@example.com
            contact_methods: [{type: email, address: ana@example.com}]
        escalation_policies:
          - name: payments
            steps: [{delay: 5m, targets: [{user: ana}]}]
        services:
          - name: payment-api
            team: payments
            tier: 1
            escalation_policy: payments
            probes:
              - name: health
                kind: http
                interval: 1s
                timeout: 1s
                http:
                  url: http://127.0.0.1:%d/health
                  json_path: [{path: $.status, equals: UP}]
        """.formatted(target.port())), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
  }

  @AfterEach
  void stop() {
    TestCatalogs.reset(jdbc);
    coordinator.coordinate();
    target.stop();
  }

  @Test
  void aFailingProbeOpensAnIncidentThatPagesByEmailAndRecovers() throws Exception {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(smtp.getReceivedMessages()).hasSize(1));
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("Probe payment-api/health is down: status 503");
    assertThat(target.hits.get()).as("checked at least twice before paging").isGreaterThanOrEqualTo(2);
    assertThat(jdbc.sql("select count(*) from incident where status = 'triggered'").query(Long.class).single())
        .isEqualTo(1);

    String metrics = new Api(port).get("/actuator/prometheus", null).body();
    assertThat(metrics).containsPattern("vigil_probe_success\\{[^}]*kind=\"http\"[^}]*probe=\"health\"[^}]*"
        + "service=\"payment-api\"[^}]*} 0.0");
    assertThat(metrics).contains("vigil_probe_duration_seconds{").contains("vigil_probe_schedule_lag_seconds");

    target.status.set(200);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("resolved"));
    assertThat(jdbc.sql("select state from probe").query(String.class).single()).isEqualTo("up");
    assertThat(jdbc.sql("select string_agg(state, ',' order by at) from probe_transition").query(String.class).single())
        .isEqualTo("down,up");
  }
}
