package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Probes and heartbeats in the web UI: a probe with known state transitions and five-minute rollups shows its exact
 * uptime and latency percentiles in the service page's SVG charts for 24 hours, 7 and 90 days, each uptime over the
 * part of the range the probe's state was known; the home page lists the probes down and the heartbeats late, with
 * links to their service.
 */
@IntegrationTest
class ProbePagesIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;
  long probe;
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
            runbook_url: https://runbooks.example.com/shop
            depends_on: [db]
            probes:
              - name: home
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/"}
              - name: fresh
                kind: tcp
                interval: 30s
                tcp: {host: 127.0.0.1, port: 9}
            heartbeats:
              - name: nightly-export
                description: Exports <orders>
                period: 1h
                grace: 1h
              - name: queue
                period: 5m
                grace: 2m
          - name: db
            team: web
            tier: 1
            runbook_url: https://runbooks.example.com/db
        """), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
    probe = jdbc.sql("select id from probe where name = 'home'").query(Long.class).single();
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    vera = new WebSession(port);
    assertThat(vera.signIn("vera", PASSWORD).location()).isEqualTo("/");
  }

  @AfterEach
  void resume() {
    scheduler.pause(false);
  }

  void transition(Instant at, String state) {
    transition(jdbc, probe, at, state);
  }

  /** Records that the probe entered {@code state} at {@code at}, as its results would have. */
  static void transition(JdbcClient jdbc, long probe, Instant at, String state) {
    jdbc.sql("insert into probe_transition (probe_id, at, state, message) values (:id, :at, :state, 'test')")
        .param("id", probe).param("at", Timestamp.from(at)).param("state", state).update();
    jdbc.sql("update probe set state = :state, state_since = :at where id = :id")
        .param("id", probe).param("at", Timestamp.from(at)).param("state", state).update();
  }

  static String chart(String html, String probeName, String cssClass) {
    int article = html.indexOf("<article");
    String rest = html.substring(html.indexOf("<span>" + probeName + "</span>", article));
    return rest.substring(rest.indexOf("class=\"" + cssClass + "\""), rest.indexOf("</svg>",
        rest.indexOf("class=\"" + cssClass + "\"")));
  }

  static String figures(String html, String probeName) {
    String rest = html.substring(html.indexOf("<span>" + probeName + "</span>"));
    return rest.substring(rest.indexOf("<p class=\"figures\">"), rest.indexOf("</p>", rest.indexOf("figures")));
  }

  @Test
  void chartsShowExactUptimeFromTransitionsAndLatencyPercentilesFromRollups() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Up from 30 h ago, down for the hour from 3.5 h to 2.5 h ago, up since: 23 of the last 24 hours up; 29 of the
    // 30 known hours.
    transition(now.minus(Duration.ofHours(30)), "up");
    transition(now.minus(Duration.ofMinutes(210)), "down");
    transition(now.minus(Duration.ofMinutes(150)), "up");
    // One five-minute rollup an hour ago: 90 checks at 20 ms, 10 at 400 ms, 3 failures.
    Rollup r = new Rollup(Rollup.startOf(now.minus(Duration.ofHours(1))));
    for (int i = 0; i < 90; i++) {
      r.add(true, Duration.ofMillis(20));
    }
    for (int i = 0; i < 10; i++) {
      r.add(true, Duration.ofMillis(400));
    }
    for (int i = 0; i < 3; i++) {
      r.add(false, Duration.ofMillis(3));
    }
    probes.appendRollups(List.of(new ProbeRepository.RollupAppend(probe, Rollup.hourOf(r.start()), r.encode())));
    String p50 = Math.round(Rollup.bucketMillis(Rollup.bucket(Duration.ofMillis(20)))) + " ms";
    String p95 = Math.round(Rollup.bucketMillis(Rollup.bucket(Duration.ofMillis(400)))) + " ms";

    String day = vera.get("/services/shop").body();
    String uptime = chart(day, "home", "uptime-chart");
    assertThat(uptime).contains("aria-label=\"Uptime of home over 24 hours: 95.83%. ");
    // 24 hourly bars: the outage straddles two of them; the rest are up.
    assertThat(Pattern.compile("<g class=\"bucket ").matcher(uptime).results().count()).isEqualTo(24);
    assertThat(Pattern.compile("<g class=\"bucket up\"").matcher(uptime).results().count()).isEqualTo(22);
    assertThat(Pattern.compile("<g class=\"bucket (partial|down)\"").matcher(uptime).results().count()).isEqualTo(2);
    assertThat(Pattern.compile("<g class=\"bucket partial\"").matcher(uptime).results().count()).isEqualTo(2);
    assertThat(figures(day, "home")).contains(">95.83%<").contains("down 1h")
        .contains("p50 " + p50 + ", p95 " + p95 + ", p99 " + p95).contains("103 checks, 3 failed");
    String latency = chart(day, "home", "latency-chart");
    // One five-minute step measured: a dot per percentile, not a line; the legend tells them apart.
    assertThat(latency).contains("p50 " + p50 + ", p95 " + p95).contains("<circle class=\"dot tone-link\"")
        .contains("<circle class=\"dot tone-amber\"").contains("class=\"line tone-amber dashed\"")
        .contains("class=\"line tone-red dotted\"").contains(">500 ms<").contains(">400 ms<");

    String week = vera.get("/services/shop?range=7d").body();
    // Known for the last 30 hours of the 7 days: the figure says so, not "7 days".
    assertThat(chart(week, "home", "uptime-chart")).contains("over the last 1 day 6 h: 96.66%")
        .doesNotContain("over 7 days");
    assertThat(Pattern.compile("<g class=\"bucket ").matcher(chart(week, "home", "uptime-chart")).results().count())
        .isEqualTo(28);
    // Before the first transition the state was unknown: grey bars, not counted.
    assertThat(chart(week, "home", "uptime-chart")).contains("<g class=\"bucket unknown\"");
    String quarter = vera.get("/services/shop?range=90d").body();
    assertThat(chart(quarter, "home", "uptime-chart")).contains("over the last 1 day 6 h: 96.66%")
        .doesNotContain("over 90 days");
    assertThat(figures(quarter, "home")).contains("103 checks, 3 failed");
    assertThat(quarter).contains("href=\"/services/shop?range=90d#probes\" aria-current=\"page\"");

    // A probe that never decided a state has no uptime yet.
    assertThat(chart(day, "fresh", "uptime-chart")).contains("over 24 hours: no data");
    assertThat(figures(day, "fresh")).contains("0 checks, 0 failed");
    assertThat(day.substring(day.indexOf("<span>fresh</span>"), day.indexOf("<span>home</span>")))
        .contains("No latency measured in this range yet.").doesNotContain("latency-chart");

    assertThat(day).contains("href=\"https://runbooks.example.com/shop\"")
        .contains("href=\"https://runbooks.example.com/db\"").contains("(db, a dependency)");
    String heartbeats = day.substring(day.indexOf("id=\"heartbeats\""));
    assertThat(heartbeats).contains("nightly-export").contains("Exports &lt;orders&gt;").contains(">new<");

    WebSession.Page bad = vera.get("/services/shop?range=1y");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("range: &#39;1y&#39; is not one of 24h, 7d, 90d");
  }

  @Test
  void homeListsProbesDownAndHeartbeatsLateWithLinks() {
    String calm = vera.get("/").body();
    assertThat(calm.substring(calm.indexOf("id=\"down\""))).contains("Every probe is up or not yet decided.")
        .contains("No heartbeat is late.");

    Instant now = clock.instant();
    transition(now.minus(Duration.ofMinutes(7)), "down");
    jdbc.sql("""
            update heartbeat set state = 'up', last_ping_at = :ping, due_at = :due, deadline_at = :deadline
            where name = 'nightly-export'""")
        .param("ping", Timestamp.from(now.minus(Duration.ofMinutes(70))))
        .param("due", Timestamp.from(now.minus(Duration.ofMinutes(10))))
        .param("deadline", Timestamp.from(now.plus(Duration.ofMinutes(50)))).update();
    jdbc.sql("update heartbeat set state = 'down', down_since = :since, deadline_at = null where name = 'queue'")
        .param("since", Timestamp.from(now.minus(Duration.ofMinutes(30)))).update();

    String home = vera.get("/").body();
    String down = home.substring(home.indexOf("id=\"down\""));
    Matcher probeRow = Pattern.compile("<li id=\"probe-down-" + probe + "\">(.*?)</li>", Pattern.DOTALL)
        .matcher(down);
    assertThat(probeRow.find()).isTrue();
    assertThat(probeRow.group(1)).contains("href=\"/services/shop#probe-" + probe + "\"").contains("shop/home")
        .contains("7 min ago");
    assertThat(down).doesNotContain("shop/fresh");
    String late = home.substring(home.indexOf("id=\"late\""));
    assertThat(late).contains("href=\"/services/shop#heartbeat-nightly-export\"").contains("shop/nightly-export")
        .contains("badge state-late").contains("href=\"/services/shop#heartbeat-queue\"")
        .contains("badge state-down");
    // The refresh carries them too.
    assertThat(vera.get("/", java.util.Map.of("HX-Request", "true")).body()).contains("probe-down-" + probe)
        .contains("shop/nightly-export");
  }
}
