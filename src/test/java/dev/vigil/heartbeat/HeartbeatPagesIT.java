package dev.vigil.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.ScenarioTest;
import dev.vigil.Scenario;
import dev.vigil.WebSession;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The heartbeats pages: each heartbeat never pinged, up or late with its schedule, grace and last ping; the ping
 * URL, whose token is a credential, and the line to ping it shown to admins only; one heartbeat's recent pings.
 */
@ScenarioTest
class HeartbeatPagesIT {

  static final String PASSWORD = "correct horse battery";
  static final String TOKEN = "invoice-export-token-0123456789";

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    scenario.given("""
        version: 1
        teams: [{name: ops}]
        services:
          - name: billing
            team: ops
            tier: 2
            heartbeats:
              - name: queue-consumer
                description: Takes invoices off the queue
                period: 5m
                grace: 2m
              - name: invoice-export
                cron: "30 2 * * *"
                time_zone: Europe/Berlin
                grace: 1h
                token: invoice-export-token-0123456789
              - name: sweeper
                period: 10m
                grace: 5m
        """);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "admin", PASSWORD, "admin", null);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
  }

  static String row(String html, String name) {
    int at = html.indexOf(">" + name + "</a>");
    return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
  }

  @Test
  void eachHeartbeatNeverPingedUpOrLateWithItsLastPing() {
    Api.Response ping = scenario.ping(scenario.heartbeatPath("billing", "sweeper"));
    assertThat(ping.status()).as(ping.body()).isEqualTo(200);
    scenario.ping(scenario.heartbeatPath("billing", "queue-consumer"));
    scenario.advance(Duration.ofMinutes(6));
    scenario.ping(scenario.heartbeatPath("billing", "sweeper"));

    String html = WebSession.signedIn(port, "vera", PASSWORD).get("/heartbeats").body();
    assertThat(html).contains("<title>Heartbeats · Vigil</title>")
        .contains("href=\"/services/billing\"").contains("href=\"/heartbeats/billing/queue-consumer\"");
    assertThat(row(html, "invoice-export")).contains("badge state-new").contains(">never pinged<")
        .contains("30 2 * * * (Europe/Berlin)").contains(">1h<").contains(">never<");
    assertThat(row(html, "queue-consumer")).contains("badge state-late").contains(">every 5m<").contains(">2m<")
        .contains("6 min ago, success").contains("due 1 min ago");
    assertThat(row(html, "sweeper")).contains("badge state-up").contains("just now, success");
  }

  @Test
  void thePingUrlAndItsCurlLineAreShownToAdminsOnly() {
    scenario.ping("/api/v1/heartbeats/" + TOKEN + "/fail");
    for (String path : new String[] {"/heartbeats", "/heartbeats/billing/invoice-export"}) {
      String viewer = WebSession.signedIn(port, "vera", PASSWORD).get(path).body();
      assertThat(viewer).as(path).doesNotContain(TOKEN).doesNotContain("/api/v1/heartbeats/")
          .contains("shown to admins only");
    }
    WebSession admin = WebSession.signedIn(port, "admin", PASSWORD);
    assertThat(admin.get("/heartbeats").body())
        .contains("<code class=\"ping-url\">http://localhost:8080/api/v1/heartbeats/" + TOKEN + "</code>");
    String detail = admin.get("/heartbeats/billing/invoice-export").body();
    assertThat(detail).contains("<title>billing/invoice-export · Vigil</title>")
        .contains("curl -fsS -m 10 --retry 5 -o /dev/null http://localhost:8080/api/v1/heartbeats/" + TOKEN)
        .contains("badge state-down");
    // The failure ping is listed with where it came from.
    String pings = detail.substring(detail.indexOf("Recent pings"));
    assertThat(pings).contains("<tr class=\"failed\">").contains(">fail<").contains(">127.0.0.1<");

    WebSession.Page missing = admin.get("/heartbeats/billing/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("no heartbeat named &#39;nope&#39; in service &#39;billing&#39;");
  }
}
