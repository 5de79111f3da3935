package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The probes pages: every probe down first with its service, target, state, uptime over the period its state was
 * known and location votes, filtered by state and service without JavaScript; one probe with its chart, uptime
 * over a day, a week and 30 days, its latest result and changes of state; a 404 page for a probe that is not there.
 */
@IntegrationTest
class ProbeListPagesIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;
  WebSession vera;

  @BeforeEach
  void setUp() {
    scheduler.pause(true);
    results.retainOnly(Set.of());
    results.flush();
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: shop
            team: web
            tier: 2
            probes:
              - name: home
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/home"}
              - name: fresh
                kind: tcp
                interval: 30s
                tcp: {host: 127.0.0.1, port: 9}
              - name: worldwide
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/world"}
                locations: [eu, us, asia]
          - name: pay
            team: web
            tier: 1
            probes:
              - name: checkout
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/checkout"}
        """), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    vera = WebSession.signedIn(port, "vera", PASSWORD);
  }

  @AfterEach
  void resume() {
    scheduler.pause(false);
  }

  long id(String name) {
    return jdbc.sql("select id from probe where name = :name").param("name", name).query(Long.class).single();
  }

  ProbeDefinition definition(String name) {
    return probes.find(id(name)).orElseThrow().definition();
  }

  /** Results as the probe's checks would give them, through the one path results take. */
  void check(String name, boolean success, int times, Duration step) {
    for (int i = 0; i < times; i++) {
      results.record(definition(name), new ProbeResult(clock.instant(), success, Duration.ofMillis(42),
          success ? "200 OK" : "connection refused", null));
      clock.advance(step);
    }
  }

  @Test
  void listsEveryProbeDownFirstWithUptimeOverThePeriodKnownAndFilters() {
    check("home", true, 3, Duration.ofSeconds(30));
    check("checkout", true, 3, Duration.ofSeconds(30));
    check("checkout", false, 3, Duration.ofSeconds(30));
    clock.advance(Duration.ofMinutes(10));

    WebSession.Page page = vera.get("/probes");
    assertThat(page.status()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("<title>Probes · Vigil</title>")
        .contains("href=\"/services/shop\"").contains("href=\"/probes/" + id("home") + "\"")
        .contains("http://127.0.0.1:9/home").contains("42 ms").contains("0 of 3 locations up");
    // Down first, then not yet decided, then up.
    assertThat(html.indexOf("id=\"probe-" + id("checkout") + "\"")).isLessThan(html.indexOf("id=\"probe-"
        + id("fresh") + "\""));
    assertThat(html.indexOf("id=\"probe-" + id("fresh") + "\"")).isLessThan(html.indexOf("id=\"probe-"
        + id("home") + "\""));
    String home = row(html, "home");
    // Up from its first check 14.5 minutes ago: all of the known time, over that time rather than 24 hours.
    assertThat(home).contains("badge state-up").contains("100.00%").contains("over the last 15 min");
    // Up for 1.5 of the 13 minutes since its first check, down since.
    String checkout = row(html, "checkout");
    assertThat(checkout).contains("badge state-down").contains(">11.5").contains("over the last 13 min");
    // Unknown time is unknown: a probe that never decided has no figure, not 0 %.
    assertThat(row(html, "fresh")).contains("badge state-unknown").contains("no data").contains("over 24 hours");

    String down = vera.get("/probes?state=down").body();
    assertThat(down).contains("probe-" + id("checkout")).doesNotContain("id=\"probe-" + id("home") + "\"")
        .contains("<option value=\"down\" selected=\"selected\">down</option>");
    String shop = vera.get("/probes?service=shop&state=").body();
    assertThat(shop).contains("probe-" + id("home")).doesNotContain("id=\"probe-" + id("checkout") + "\"");
    assertThat(vera.get("/probes?state=maintenance").body()).contains("No probe matches these filters.");
    WebSession.Page bad = vera.get("/probes?state=sideways");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("state: &#39;sideways&#39; is not one of down, unknown, up, maintenance");
  }

  @Test
  void aProbesPageShowsItsChartUptimesLatestResultAndChangesOfState() {
    check("checkout", true, 3, Duration.ofSeconds(30));
    check("checkout", false, 3, Duration.ofSeconds(30));
    long checkout = id("checkout");

    String html = vera.get("/probes/" + checkout).body();
    assertThat(html).contains("<title>pay/checkout · Vigil</title>").contains("badge state-down")
        .contains("href=\"/services/pay#probe-" + checkout + "\"")
        .contains("<span>42 ms</span><span>, connection refused</span>").contains("class=\"uptime-chart\"")
        .doesNotContain("Over <span>7 days</span>");
    // Up for 1.5 of the 3 minutes since its first check, on every range: none of them is known further back, so the
    // figure is shown once rather than three times.
    String uptimes = html.substring(html.indexOf("<ul class=\"uptimes\">"), html.indexOf("</ul>",
        html.indexOf("<ul class=\"uptimes\">")));
    // The clock moves on by a few milliseconds between the figures: 50 % up to the second decimal.
    assertThat(java.util.regex.Pattern.compile(
        "Over <span>the last 3 min</span>:\\s*<strong class=\"uptime\">(49\\.[89]\\d|50\\.00)%</strong>")
        .matcher(uptimes).results().count()).isEqualTo(1);
    String changes = html.substring(html.indexOf("Changes of state"));
    assertThat(changes.indexOf("state-down")).isLessThan(changes.indexOf("state-up"));

    String fresh = vera.get("/probes/" + id("fresh")).body();
    assertThat(fresh).contains("badge state-unknown").contains("Over <span>30 days</span>:")
        .contains("no data").contains("No change of state yet");

    String world = vera.get("/probes/" + id("worldwide")).body();
    assertThat(world).contains("0 of 3 locations up; the probe is down when").contains("id=\"location-eu\"")
        .contains("none on this node yet");

    WebSession.Page missing = vera.get("/probes/999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("no probe with id &#39;999999&#39;");
    assertThat(vera.get("/probes/nope").status()).isEqualTo(404);
  }

  static String row(String html, String probeName) {
    int name = html.indexOf(">" + probeName + "</a>");
    return html.substring(html.lastIndexOf("<tr", name), html.indexOf("</tr>", name));
  }
}
