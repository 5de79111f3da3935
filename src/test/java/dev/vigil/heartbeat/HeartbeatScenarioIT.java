package dev.vigil.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import dev.vigil.system.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats as scenarios on a fast-forwarded clock: a new heartbeat awaits nothing; a late one is late, then down
 * with an incident that emails the on-call user; the next ping resolves it; a failure opens an incident at once; a
 * start without its success goes down; cron schedules follow their time zone; each overdue heartbeat goes down
 * exactly once however many checks run at the same time. The recurring check runs when the scenario runs the due
 * jobs, and only then.
 */
@ScenarioTest
class HeartbeatScenarioIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String CATALOG = """
      version: 1
      teams:
        - name: ops
          members: [olga]
      users:
        - name: olga
          email: olga@example.com
          contact_methods:
            - type: email
              address: olga@example.com
      escalation_policies:
        - name: ops
          steps:
            - delay: 10m
              targets: [{user: olga}]
      services:
        - name: billing
          team: ops
          tier: 2
          kind: worker
          escalation_policy: ops
          heartbeats:
            - name: queue-consumer
              description: Takes invoices off the queue
              period: 5m
              grace: 2m
            - name: invoice-export
              cron: "30 2 * * *"
              time_zone: Europe/Berlin
              grace: 1h
              severity: critical
              token: invoice-export-token-0123456789
      """;

  @Autowired Scenario scenario;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired Heartbeats heartbeats;
  @Autowired TokenService tokens;
  Api api;

  @BeforeEach
  void setUp() {
    scenario.given(CATALOG);
    api = scenario.api();
  }

  JsonNode heartbeat(String name) {
    Api.Response list = api.get("/api/v1/heartbeats", IntegrationTest.ADMIN_TOKEN);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    for (JsonNode h : list.json()) {
      if (h.get("name").asString().equals(name)) {
        return h;
      }
    }
    throw new AssertionError("no heartbeat " + name + " in " + list.body());
  }

  String pingPath(String name) {
    return scenario.heartbeatPath("billing", name);
  }

  Api.Response ping(String path) {
    return scenario.ping(path);
  }

  @Test
  void aNewHeartbeatAwaitsNothingAndShowsItsPingUrl() {
    JsonNode h = heartbeat("queue-consumer");
    assertThat(h.get("state").asString()).isEqualTo("new");
    assertThat(h.get("service").asString()).isEqualTo("billing");
    assertThat(h.get("pingUrl").asString()).matches("http://localhost:8080/api/v1/heartbeats/[A-Za-z0-9_-]{43}");
    assertThat(heartbeat("invoice-export").get("pingUrl").asString())
        .isEqualTo("http://localhost:8080/api/v1/heartbeats/invoice-export-token-0123456789");
    assertThat(jdbc.sql("select spec::text from service").query(String.class).single())
        .as("a declared token is not stored in clear with the service").doesNotContain("invoice-export-token");

    clock.advance(Duration.ofDays(3));
    assertThat(heartbeats.checkOverdue()).isZero();
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("new");
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isZero();
  }

  @Test
  void pingUrlsAreShownToAdminsOnly() {
    // The token in a ping URL is the ping's only credential: whoever holds it can report the job failed, or keep a
    // dead man's switch up. Integration keys, the same kind of credential, are admin-only too.
    for (Role role : List.of(Role.VIEWER, Role.RESPONDER)) {
      String token = tokens.issue("test " + role, role, "test").token();
      Api.Response list = api.get("/api/v1/heartbeats", token);
      assertThat(list.status()).as(list.body()).isEqualTo(200);
      assertThat(list.json()).hasSize(2);
      list.json().forEach(h -> assertThat(h.get("pingUrl").isNull()).as("%s sees %s", role, h).isTrue());
      assertThat(list.body()).as("as %s", role).doesNotContain("invoice-export-token").doesNotContain("/heartbeats/");
      Api.Response one = api.get("/api/v1/services/billing/heartbeats/invoice-export", token);
      assertThat(one.status()).as(one.body()).isEqualTo(200);
      assertThat(one.json().get("state").asString()).isEqualTo("new");
      assertThat(one.body()).as("as %s", role).doesNotContain("invoice-export-token");
    }
    assertThat(api.get("/api/v1/services/billing/heartbeats/invoice-export", IntegrationTest.ADMIN_TOKEN).json()
        .get("pingUrl").asString()).endsWith("/api/v1/heartbeats/invoice-export-token-0123456789");
  }

  @Test
  void headAndATrailingSlashPingLikeGet() {
    // wget --spider sends HEAD; some tools write URLs with a trailing slash.
    String path = pingPath("queue-consumer");
    Api.Response head = api.send("HEAD", path, null, HttpRequest.BodyPublishers.noBody());
    assertThat(head.status()).isEqualTo(200);
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("up");
    assertThat(pings("queue-consumer").get(0).get("method").asString()).isEqualTo("HEAD");

    assertThat(api.send("HEAD", path + "/fail", null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(200);
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    scenario.expectIncidents("triggered");

    Api.Response slash = ping(path + "/");
    assertThat(slash.status()).as(slash.body()).isEqualTo(200);
    scenario.expectIncidents("resolved");
    assertThat(api.post(path + "/fail/", null, "disk full").status()).isEqualTo(200);
    scenario.expectIncidents("triggered");
    assertThat(api.send("HEAD", path + "/0/", null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(200);
    scenario.expectIncidents("resolved");
    assertThat(pings("queue-consumer")).extracting(p -> p.get("method").asString() + " " + p.get("kind").asString())
        .containsExactly("HEAD success", "POST fail", "GET success", "HEAD fail", "HEAD success");

    assertThat(api.send("HEAD", "/api/v1/heartbeats/not-a-real-token-0123456789abcdef", null,
        HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(404);
  }

  @Test
  void lateThenDownPagesByEmailAndTheNextPingResolves() throws Exception {
    String path = pingPath("queue-consumer");
    Api.Response ok = ping(path);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("OK");
    Instant pinged = Instant.parse(heartbeat("queue-consumer").get("lastPingAt").asString());
    JsonNode up = heartbeat("queue-consumer");
    assertThat(up.get("state").asString()).isEqualTo("up");
    assertThat(Instant.parse(up.get("nextDueAt").asString())).isEqualTo(pinged.plus(Duration.ofMinutes(5)));
    assertThat(Instant.parse(up.get("downAt").asString())).isEqualTo(pinged.plus(Duration.ofMinutes(7)));

    clock.advance(Duration.ofMinutes(6));
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("late");
    assertThat(heartbeats.checkOverdue()).as("late is not down yet").isZero();

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    // The recurring check, not this test, finds it.
    scenario.runDueJobs();
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    scenario.expectIncidents("triggered");
    assertThat(jdbc.sql("select source || ' ' || fingerprint || ' ' || severity from alert").query(String.class)
        .single()).isEqualTo("heartbeat heartbeat:billing/queue-consumer error");
    String title = jdbc.sql("select title from incident").query(String.class).single();
    assertThat(title).startsWith("Heartbeat billing/queue-consumer is down: no ping since");

    scenario.expectMessages("email", "olga");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("olga@example.com");
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("billing/queue-consumer");
    assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).as("the ping URL is a credential")
        .doesNotContain(path);

    scenario.advance(Duration.ofMinutes(30)).runDueJobs();
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).single())
        .as("down once, not again at every check").isZero();

    assertThat(ping(path).status()).isEqualTo(200);
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("up");
    scenario.expectIncidents("resolved");
    assertThat(api.get("/actuator/prometheus", null).body())
        .containsPattern("vigil_heartbeat_pings_total\\{[^}]*kind=\"success\"").contains("vigil_heartbeat_down_total");
    assertThat(jdbc.sql("select kind from incident_event order by id").query(String.class).list())
        .containsSubsequence("triggered", "alert_added", "alert_resolved", "resolved");
  }

  @Test
  void aFailureOpensAnIncidentAtOnceWithItsMessageAndExitStatusZeroResolves() {
    String path = pingPath("queue-consumer");
    Api.Response failed = api.post(path + "/fail", null, "disk full: /var/spool/invoices");
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    scenario.expectIncidents("triggered");
    assertThat(jdbc.sql("select title from incident").query(String.class).single())
        .isEqualTo("Heartbeat billing/queue-consumer reported a failure");
    assertThat(jdbc.sql("select annotations->>'message' from alert").query(String.class).single())
        .isEqualTo("disk full: /var/spool/invoices");

    assertThat(ping(path + "/3").status()).isEqualTo(200);
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).as("same incident").isOne();
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).single()).isOne();

    assertThat(ping(path + "/0").status()).isEqualTo(200);
    scenario.expectIncidents("resolved");
    List<String> kinds = pings("queue-consumer").stream().map(p -> p.get("kind").asString()).toList();
    assertThat(kinds).containsExactly("success", "fail", "fail");
    JsonNode first = pings("queue-consumer").get(2);
    assertThat(first.get("message").asString()).isEqualTo("disk full: /var/spool/invoices");
    assertThat(first.get("method").asString()).isEqualTo("POST");
    assertThat(pings("queue-consumer").get(1).get("exitStatus").asInt()).isEqualTo(3);
  }

  long incidents() {
    return jdbc.sql("select count(*) from incident").query(Long.class).single();
  }

  @Test
  void aMaintenanceWindowMadeThroughTheApiHoldsTheAlertUntilItEnds() {
    String path = pingPath("queue-consumer");
    assertThat(ping(path).status()).isEqualTo(200);
    Api.Response window = api.post("/api/v1/maintenance-windows", IntegrationTest.ADMIN_TOKEN,
        "{\"service\": \"billing\", \"duration\": \"PT1H\", \"reason\": \"queue migration\"}");
    assertThat(window.status()).as(window.body()).isEqualTo(201);

    clock.advance(Duration.ofMinutes(8));
    heartbeats.checkOverdue();
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    assertThat(incidents()).as("no page during the window").isZero();
    Api.Response failed = api.post(path + "/fail", null, "stopped for the migration");
    assertThat(failed.status()).isEqualTo(200);
    assertThat(incidents()).as("a failure within the window does not page either").isZero();

    // Still down when the window ends: the held alert is raised then, by the recurring check.
    scenario.advance(Duration.ofMinutes(51)).runDueJobs();
    assertThat(incidents()).as("a minute before the window ends").isZero();
    scenario.advance(Duration.ofMinutes(2)).runDueJobs();
    assertThat(incidents()).isEqualTo(1);
    assertThat(jdbc.sql("select title from incident").query(String.class).single())
        .isEqualTo("Heartbeat billing/queue-consumer reported a failure (held until its maintenance window ended)");
    scenario.expectMessages("email", "olga");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    clock.advance(Duration.ofMinutes(5));
    heartbeats.checkOverdue();
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).single()).as("raised once").isZero();
  }

  @Test
  void aHeartbeatThatRecoversWithinADeclaredWindowNeverPages() {
    ZonedDateTime start = clock.instant().atZone(ZoneId.of("UTC")).withNano(0);
    String withWindow = CATALOG.replace("    escalation_policy: ops\n", """
            escalation_policy: ops
            maintenance_windows:
              - time_zone: UTC
                start: %s
                end: %s
        """.formatted(start.toLocalDateTime(), start.plusHours(1).toLocalDateTime()));
    assertThat(withWindow).contains("maintenance_windows:");
    catalog.apply(TestCatalogs.load(withWindow), "/etc/vigil.yaml", "y");
    String path = pingPath("queue-consumer");
    assertThat(ping(path).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(8));
    heartbeats.checkOverdue();
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    assertThat(jdbc.sql("select count(*) from heartbeat where held_alert is not null").query(Long.class).single())
        .isOne();
    assertThat(ping(path).status()).isEqualTo(200);
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("up");
    assertThat(jdbc.sql("select count(*) from heartbeat where held_alert is not null").query(Long.class).single())
        .as("up again: nothing held").isZero();

    // It keeps pinging past the window's end (at 60 minutes): nothing to page about.
    for (int minute = 12; minute <= 56; minute += 4) {
      scenario.advance(Duration.ofMinutes(4)).runDueJobs();
      assertThat(ping(path).status()).isEqualTo(200);
    }
    scenario.advance(Duration.ofMinutes(6)).runDueJobs();
    heartbeats.checkOverdue();
    assertThat(incidents()).as("recovered within the window").isZero();

    // After the window, the same heartbeat going down pages as usual.
    scenario.advance(Duration.ofMinutes(8)).runDueJobs();
    assertThat(incidents()).isEqualTo(1);
    scenario.expectMessages("email", "olga");
  }

  List<JsonNode> pings(String name) {
    Api.Response r = api.get("/api/v1/services/billing/heartbeats/" + name + "/pings", IntegrationTest.ADMIN_TOKEN);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().forEach(out::add);
    return out;
  }

  @Test
  void startMeasuresTheRunAndAStartWithoutSuccessGoesDown() {
    String path = pingPath("queue-consumer");
    assertThat(ping(path + "/start").status()).isEqualTo(200);
    JsonNode running = heartbeat("queue-consumer");
    assertThat(running.get("state").asString()).as("still new: nothing succeeded yet").isEqualTo("new");
    assertThat(running.get("running").asBoolean()).isTrue();
    clock.advance(Duration.ofSeconds(90));
    assertThat(ping(path).status()).isEqualTo(200);
    JsonNode done = heartbeat("queue-consumer");
    assertThat(done.get("running").asBoolean()).isFalse();
    assertThat(done.get("lastDurationSeconds").asDouble()).isBetween(90.0, 91.0);
    assertThat(pings("queue-consumer").get(0).get("durationSeconds").asDouble()).isBetween(90.0, 91.0);

    // The next run starts and never reports: down once the grace time after its start has passed, before its
    // period would have made it late.
    clock.advance(Duration.ofMinutes(1));
    assertThat(ping(path + "/start").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    assertThat(heartbeats.checkOverdue()).isOne();
    assertThat(heartbeat("queue-consumer").get("state").asString()).isEqualTo("down");
    assertThat(jdbc.sql("select title from incident").query(String.class).single())
        .contains("is down: started at").contains("did not finish within 2m");
  }

  @Test
  void aCronHeartbeatIsDueAtTheNextRunInItsTimeZone() {
    String path = pingPath("invoice-export");
    assertThat(ping(path).status()).isEqualTo(200);
    JsonNode h = heartbeat("invoice-export");
    Instant pinged = Instant.parse(h.get("lastPingAt").asString());
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZonedDateTime local = pinged.atZone(berlin);
    LocalDate day = local.toLocalTime().isBefore(LocalTime.of(2, 30)) ? local.toLocalDate()
        : local.toLocalDate().plusDays(1);
    ZonedDateTime expected = ZonedDateTime.of(day, LocalTime.of(2, 30), berlin);
    if (!expected.toLocalTime().equals(LocalTime.of(2, 30))) {
      expected = ZonedDateTime.of(day.plusDays(1), LocalTime.of(2, 30), berlin); // 02:30 skipped by a DST change
    }
    assertThat(Instant.parse(h.get("nextDueAt").asString())).isEqualTo(expected.toInstant());
    assertThat(Instant.parse(h.get("downAt").asString())).isEqualTo(expected.toInstant().plus(Duration.ofHours(1)));
    assertThat(h.get("cron").asString()).isEqualTo("30 2 * * *");
    assertThat(h.get("timeZone").asString()).isEqualTo("Europe/Berlin");

    clock.set(expected.toInstant().plus(Duration.ofMinutes(59)));
    assertThat(heartbeats.checkOverdue()).isZero();
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(heartbeats.checkOverdue()).isOne();
    assertThat(jdbc.sql("select urgency from incident").query(String.class).single()).isEqualTo("high");
  }

  @Test
  void eachOverdueHeartbeatGoesDownExactlyOnceUnderConcurrentChecks() throws Exception {
    // In a service without an escalation policy: this is about going down, not about paging 120 times.
    StringBuilder many = new StringBuilder(CATALOG).append("""
          - name: batch
            team: ops
            tier: 3
            heartbeats:
        """);
    for (int i = 0; i < 120; i++) {
      many.append("      - name: job-").append(i).append("\n        period: 1m\n        grace: 1m\n");
    }
    catalog.apply(TestCatalogs.load(many.toString()), "/etc/vigil.yaml", "y");
    List<String> paths = new ArrayList<>();
    for (JsonNode h : api.get("/api/v1/heartbeats?service=batch", IntegrationTest.ADMIN_TOKEN).json()) {
      if (h.get("name").asString().startsWith("job-")) {
        paths.add(URI.create(h.get("pingUrl").asString()).getPath());
      }
    }
    assertThat(paths).hasSize(120);
    for (String path : paths) {
      assertThat(ping(path).status()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(3));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> checks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        checks.add(heartbeats::checkOverdue);
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(checks)) {
        total += f.get();
      }
      // Nothing else checks in a scenario: together the four checks took every heartbeat down, each once.
      assertThat(jdbc.sql("select count(*) from heartbeat where state = 'down'").query(Long.class).single())
          .isEqualTo(120);
      assertThat(total).isEqualTo(120);
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(120);
    assertThat(jdbc.sql("select count(*) from alert where repeats > 0").query(Long.class).single())
        .as("no heartbeat was taken down twice").isZero();
    assertThat(jdbc.sql("select count(*) from incident_event where kind = 'alert_added'").query(Long.class).single())
        .isEqualTo(120);
  }

  @Test
  void badPingsAre4xxAndSayNothingOfOtherHeartbeats() {
    String path = pingPath("queue-consumer");
    Api.Response unknown = ping("/api/v1/heartbeats/not-a-real-token-0123456789abcdef");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown heartbeat token").doesNotContain("billing");
    assertThat(ping("/api/v1/heartbeats/short").status()).isEqualTo(404);

    Api.Response suffix = ping(path + "/finish");
    assertThat(suffix.status()).isEqualTo(400);
    assertThat(suffix.body()).contains("unknown heartbeat signal 'finish'").contains("/start");
    assertThat(ping(path + "/256").status()).isEqualTo(400);
    assertThat(ping(path + "/-1").status()).isEqualTo(400);
    assertThat(ping(path + "/start/more").status()).as("no deeper paths").isIn(401, 404);

    Api.Response huge = api.post(path, null, "x".repeat(2 * 1024 * 1024));
    assertThat(huge.status()).isEqualTo(413);

    String longBody = "é".repeat(20_000);
    assertThat(api.post(path, null, longBody).status()).isEqualTo(200);
    JsonNode kept = pings("queue-consumer").get(0);
    assertThat(kept.get("messageTruncated").asBoolean()).isTrue();
    assertThat(kept.get("message").asString()).hasSize(5120).matches("é+");

    assertThat(jdbc.sql("select count(*) from heartbeat_ping").query(Long.class).single())
        .as("only the good ping was stored").isOne();
    assertThat(api.get("/api/v1/services/billing/heartbeats/nope/pings", IntegrationTest.ADMIN_TOKEN).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/services/billing/heartbeats/queue-consumer/pings?limit=0",
        IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(400);
  }

  @Test
  void aHeartbeatPingingTooOftenIsRateLimited() {
    String path = pingPath("queue-consumer");
    try {
      // 60 a minute, refilled continuously: a burst of 60 passes, then about one a second.
      int accepted = 0;
      Api.Response refused = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        Api.Response r = ping(path);
        if (r.status() == 200) {
          accepted++;
        } else {
          refused = r;
        }
      }
      assertThat(refused).isNotNull();
      assertThat(refused.status()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.body()).contains("at most 60 pings a minute");
      assertThat(accepted).isBetween(60, 80);
      assertThat(jdbc.sql("select count(*) from heartbeat_ping").query(Long.class).single()).isEqualTo(accepted);
    } finally {
      // Buckets live per heartbeat id, which the next test's catalog reuses.
      clock.advance(Duration.ofMinutes(2));
    }
  }

  @Test
  void heartbeatsOfAServiceWrittenThroughTheApi() {
    Api.Response bad = api.put("/api/v1/services/reports", IntegrationTest.ADMIN_TOKEN, """
        {"team": "ops", "tier": 3, "kind": "worker",
         "heartbeats": [{"name": "weekly", "cron": "0 7 * * 8", "timeZone": "Europe/Paris"}]}""");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.json().get("detail").asString()).contains("heartbeats[0].cron: cron '0 7 * * 8' is not a valid schedule");

    Api.Response created = api.put("/api/v1/services/reports", IntegrationTest.ADMIN_TOKEN, """
        {"team": "ops", "tier": 3, "kind": "worker",
         "heartbeats": [{"name": "weekly", "cron": "0 7 * * 1", "timeZone": "Europe/Paris", "grace": "PT2H"}]}""");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode weekly = api.get("/api/v1/services/reports/heartbeats/weekly", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(weekly.get("state").asString()).isEqualTo("new");
    assertThat(weekly.get("grace").asString()).isEqualTo("PT2H");
    assertThat(ping(URI.create(weekly.get("pingUrl").asString()).getPath()).status()).isEqualTo(200);

    assertThat(api.put("/api/v1/services/reports", IntegrationTest.ADMIN_TOKEN,
        "{\"team\": \"ops\", \"tier\": 3, \"kind\": \"worker\"}").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/heartbeats?service=reports", IntegrationTest.ADMIN_TOKEN).json()).isEmpty();
  }

  @Test
  void declaredTokenChangesAndRemovedHeartbeatsFollowTheCatalog() {
    String generated = pingPath("queue-consumer");
    assertThat(ping(generated + "/fail").status()).isEqualTo(200);
    catalog.apply(TestCatalogs.load(CATALOG.replace("invoice-export-token-0123456789", "invoice-export-token-rotated-1")
        .replace("period: 5m", "period: 10m")), "/etc/vigil.yaml", "z");
    assertThat(pingPath("queue-consumer")).as("a generated token is kept").isEqualTo(generated);
    assertThat(heartbeat("queue-consumer").get("period").asString()).isEqualTo("PT10M");
    assertThat(ping("/api/v1/heartbeats/invoice-export-token-0123456789").status()).isEqualTo(404);
    assertThat(ping("/api/v1/heartbeats/invoice-export-token-rotated-1").status()).isEqualTo(200);

    String without = CATALOG.substring(0, CATALOG.indexOf("    heartbeats:"));
    catalog.apply(TestCatalogs.load(without), "/etc/vigil.yaml", "w");
    assertThat(api.get("/api/v1/heartbeats", IntegrationTest.ADMIN_TOKEN).json()).isEmpty();
    assertThat(ping(generated).status()).isEqualTo(404);
    scenario.expectIncidents("resolved"); // the removed heartbeat's incident resolves
  }
}
