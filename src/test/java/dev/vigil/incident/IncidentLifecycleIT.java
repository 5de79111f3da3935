package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Alerts becoming incidents: grouping, repeats, auto-resolve, re-open, acknowledge, the API and its timeline. */
@IntegrationTest
class IncidentLifecycleIT {

  static final String CATALOG = """
      version: 1
      teams:
        - name: platform
      users:
        - name: alice
          email: alice@example.com
      services:
        - name: postgres
          team: platform
          tier: 3
        - name: api
          team: platform
          tier: 3
        - name: catch-all
          team: platform
          tier: 4
      integrations:
        - name: by-fingerprint
          type: events
          service: api
        - name: by-alertname
          type: alertmanager
          group_by: [alertname]
          reopen_window: 30m
          routing:
            - match: {service: postgres}
              service: postgres
          default_service: catch-all
        - name: manual-resolve
          type: events
          service: api
          auto_resolve: false
      incident_policy:
        rules:
          # Whatever its senders say, catch-all's incidents wait for support hours.
          - {name: catch-all-waits, severity: SEV3, services: [catch-all]}
          - {name: paging-alert, severity: SEV2, alert_severities: [critical, error]}
      """;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired AlertIngest ingest;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
  Api api;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
    api = new Api(port);
  }


  long integrationId(String name) {
    return jdbc.sql("select id from integration where name = :n").param("n", name).query(Long.class).single();
  }

  Catalog.Integration integration(String name) {
    return queries.one(dev.vigil.catalog.CatalogKind.INTEGRATION, name, Catalog.Integration.class).orElseThrow()
        .object();
  }

  List<IngestedAlert> send(String integration, AlertEvent... events) {
    return ingest.ingest(integrationId(integration), integration(integration), List.of(events)).accepted()
        .orElseThrow();
  }

  static AlertEvent fire(String fingerprint, String summary, AlertSeverity severity, Map<String, String> labels) {
    return new AlertEvent("test", fingerprint, AlertEvent.Action.TRIGGER, summary, severity, labels, Map.of(),
        List.of(), null, null);
  }

  static AlertEvent resolve(String fingerprint) {
    return new AlertEvent("test", fingerprint, AlertEvent.Action.RESOLVE, "resolved", null, Map.of(), Map.of(),
        List.of(), null, null);
  }

  List<String> timeline(long incident) {
    return jdbc.sql("select kind from incident_event where incident_id = :id order by id").param("id", incident)
        .query(String.class).list();
  }

  @Test
  void aRepeatUpdatesTheAlertAndAResolveResolvesTheIncident() {
    IngestedAlert first = send("by-fingerprint", fire("fp-1", "API 5xx above 5%", AlertSeverity.CRITICAL, Map.of()))
        .get(0);
    assertThat(first.openedIncident()).isTrue();
    IngestedAlert repeat = send("by-fingerprint", fire("fp-1", "API 5xx above 7%", AlertSeverity.CRITICAL, Map.of()))
        .get(0);
    assertThat(repeat.alertId()).isEqualTo(first.alertId());
    assertThat(repeat.incidentId()).isEqualTo(first.incidentId());
    assertThat(repeat.openedIncident()).isFalse();
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select summary from alert").query(String.class).single()).isEqualTo("API 5xx above 7%");

    send("by-fingerprint", resolve("fp-1"));
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("resolved");
    assertThat(timeline(first.incidentId())).containsSubsequence("triggered", "alert_added", "alert_resolved",
        "resolved");
  }

  @Test
  void alertsGroupByTheIntegrationsLabelsAndRouteByRule() {
    var results = send("by-alertname",
        fire("a", "disk full on db-1", AlertSeverity.WARNING, Map.of("alertname", "DiskFull", "service", "postgres")),
        fire("b", "disk full on db-2", AlertSeverity.WARNING, Map.of("alertname", "DiskFull", "service", "postgres")),
        fire("c", "replication lag", AlertSeverity.CRITICAL, Map.of("alertname", "Lag", "service", "postgres")),
        fire("d", "cpu high", AlertSeverity.WARNING, Map.of("alertname", "DiskFull", "service", "unknown")));
    assertThat(results.get(0).incidentId()).isEqualTo(results.get(1).incidentId());
    assertThat(results.get(2).incidentId()).isNotEqualTo(results.get(0).incidentId());
    assertThat(results).extracting(IngestedAlert::openedIncident).containsExactly(true, false, true, true);
    assertThat(jdbc.sql("select s.name from incident i join service s on s.id = i.service_id where i.id = :id")
        .param("id", results.get(3).incidentId()).query(String.class).single()).isEqualTo("catch-all");
    assertThat(jdbc.sql("select urgency from incident where id = :id").param("id", results.get(0).incidentId())
        .query(String.class).single()).isEqualTo("low");
    assertThat(jdbc.sql("select urgency from incident where id = :id").param("id", results.get(2).incidentId())
        .query(String.class).single()).isEqualTo("high");

    long joined = send("by-alertname", fire("e", "disk full on db-3", AlertSeverity.CRITICAL,
        Map.of("alertname", "DiskFull", "service", "postgres"))).get(0).incidentId();
    assertThat(joined).isEqualTo(results.get(0).incidentId());
    assertThat(jdbc.sql("select urgency from incident where id = :id").param("id", joined).query(String.class)
        .single()).as("a critical alert joining raises the incident's urgency").isEqualTo("high");

    send("by-alertname", resolve("a"));
    send("by-alertname", resolve("e"));
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", results.get(0).incidentId())
        .query(String.class).single()).as("one alert still firing").isEqualTo("triggered");
    send("by-alertname", resolve("b"));
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", results.get(0).incidentId())
        .query(String.class).single()).isEqualTo("resolved");
  }

  @Test
  void theSameAlertAgainWithinTheWindowReopensAndAfterItOpensANewIncident() {
    long first = send("by-alertname", fire("x", "lag", AlertSeverity.CRITICAL,
        Map.of("alertname", "Lag", "service", "postgres"))).get(0).incidentId();
    send("by-alertname", resolve("x"));

    clock.advance(Duration.ofMinutes(20));
    IngestedAlert again = send("by-alertname", fire("x", "lag", AlertSeverity.CRITICAL,
        Map.of("alertname", "Lag", "service", "postgres"))).get(0);
    assertThat(again.incidentId()).isEqualTo(first);
    assertThat(again.openedIncident()).isFalse();
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", first).query(String.class)
        .single()).isEqualTo("triggered");
    assertThat(timeline(first)).contains("reopened");

    send("by-alertname", resolve("x"));
    clock.advance(Duration.ofMinutes(31));
    IngestedAlert later = send("by-alertname", fire("x", "lag", AlertSeverity.CRITICAL,
        Map.of("alertname", "Lag", "service", "postgres"))).get(0);
    assertThat(later.incidentId()).isNotEqualTo(first);
    assertThat(later.openedIncident()).isTrue();
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single())
        .as("still one alert: the fingerprint is the alert's identity").isEqualTo(1);
  }

  @Test
  void aReopeningAlertThePolicyRatesWorseRaisesTheSeverityAndTheUrgencyFollows() {
    Map<String, String> lag = Map.of("alertname", "Lag", "service", "postgres");
    // A warning on postgres opens a SEV3 (business hours, low urgency), a critical alert a SEV2.
    long id = send("by-alertname", fire("x", "lag", AlertSeverity.WARNING, lag)).get(0).incidentId();
    assertThat(jdbc.sql("select severity || '/' || urgency from incident").query(String.class).single())
        .isEqualTo("SEV3/low");
    send("by-alertname", resolve("x"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(send("by-alertname", fire("x", "lag", AlertSeverity.WARNING, lag)).get(0).incidentId()).isEqualTo(id);
    assertThat(jdbc.sql("select severity || '/' || urgency from incident").query(String.class).single())
        .as("re-opened by the same warning: as it was").isEqualTo("SEV3/low");
    send("by-alertname", resolve("x"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(send("by-alertname", fire("x", "lag", AlertSeverity.CRITICAL, lag)).get(0).incidentId()).isEqualTo(id);
    assertThat(jdbc.sql("select status || '/' || severity || '/' || urgency from incident").query(String.class)
        .single()).as("re-opened by a critical alert: SEV2, which pages at once").isEqualTo("triggered/SEV2/high");
    assertThat(timeline(id)).containsSubsequence("reopened", "severity_changed");
  }

  @Test
  void aCriticalAlertJoiningAnIncidentThePolicyKeepsLowUrgencyDoesNotRaiseIt() {
    Map<String, String> disk = Map.of("alertname", "DiskFull", "service", "unknown");
    long id = send("by-alertname", fire("a", "disk full on x-1", AlertSeverity.WARNING, disk)).get(0).incidentId();
    assertThat(send("by-alertname", fire("b", "disk full on x-2", AlertSeverity.CRITICAL, disk)).get(0).incidentId())
        .isEqualTo(id);
    assertThat(jdbc.sql("select severity || '/' || urgency from incident").query(String.class).single())
        .as("the policy's rule for catch-all decides, not the sender").isEqualTo("SEV3/low");
  }

  @Test
  void withoutAutoResolveTheIncidentWaitsForAPerson() {
    long id = send("manual-resolve", fire("m", "queue backlog", AlertSeverity.ERROR, Map.of())).get(0).incidentId();
    send("manual-resolve", resolve("m"));
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("triggered");

    Api.Response resolved = api.post("/api/v1/incidents/" + id + "/resolve", IntegrationTest.ADMIN_TOKEN, "");
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");
    assertThat(resolved.json().get("resolvedBy").asString()).contains("VIGIL_ADMIN_TOKEN");
  }

  @Test
  void concurrentAlertsOfOneGroupJoinOneIncident() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<IngestedAlert>>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String fp = "node-" + i;
        futures.add(pool.submit(() -> send("by-alertname", fire(fp, "node down", AlertSeverity.CRITICAL,
            Map.of("alertname", "NodeDown", "service", "postgres")))));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(40);
  }

  @Test
  void oneBatchThatFiresResolvesAndFiresAgainMeansWhatItSaysInOrder() {
    Map<String, String> lag = Map.of("alertname", "Lag", "service", "postgres");
    List<IngestedAlert> results = send("by-alertname",
        fire("x", "lag on db-1", AlertSeverity.WARNING, lag),
        fire("y", "lag on db-2", AlertSeverity.CRITICAL, lag),
        fire("x", "lag on db-1 again", AlertSeverity.WARNING, lag),
        resolve("x"),
        resolve("y"),
        fire("x", "lag on db-1 once more", AlertSeverity.WARNING, lag));
    long incident = results.get(0).incidentId();
    assertThat(results).extracting(IngestedAlert::incidentId).containsOnly(incident);
    assertThat(results).extracting(IngestedAlert::openedIncident)
        .containsExactly(true, false, false, false, false, false);
    // Escalation and the incident policy (severity, postmortem) add their own events in between.
    assertThat(timeline(incident))
        .filteredOn(kind -> !List.of("escalated", "severity_set", "postmortem_required").contains(kind))
        .containsExactly("triggered", "alert_added", "alert_added", "alert_resolved", "alert_resolved", "resolved",
            "reopened", "alert_added");
    assertThat(jdbc.sql("select status || '/' || urgency from incident").query(String.class).single())
        .as("re-opened by the last event; still the SEV2 its critical alert made it, which pages at once").isEqualTo(
            "triggered/high");
    assertThat(jdbc.sql("select fingerprint || ':' || status || ':' || repeats from alert order by fingerprint")
        .query(String.class).list()).containsExactly("x:firing:2", "y:resolved:0");
  }

  @Test
  void anAlertJoiningWhileTheLastOtherAlertResolvesKeepsTheIncidentOpen() throws Exception {
    Map<String, String> labels = Map.of("alertname", "Lag", "service", "postgres");
    long incident = send("by-alertname", fire("x", "lag", AlertSeverity.CRITICAL, labels)).get(0).incidentId();
    var joinedNotCommitted = new java.util.concurrent.CountDownLatch(1);
    var commit = new java.util.concurrent.CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(2);
    try {
      // y joins the incident in a transaction that stays open while x's resolve runs.
      Future<?> join = pool.submit(() -> transactions.executeWithoutResult(tx -> {
        send("by-alertname", fire("y", "lag", AlertSeverity.CRITICAL, labels));
        joinedNotCommitted.countDown();
        await(commit);
      }));
      joinedNotCommitted.await();
      Future<?> resolve = pool.submit(() -> send("by-alertname", resolve("x")));
      // The resolve has gone as far as it can while the join is open: done, or waiting for the join's locks.
      org.awaitility.Awaitility.await("the resolve runs while the join is open").atMost(Duration.ofSeconds(30))
          .until(() -> resolve.isDone()
              || jdbc.sql("select count(*) from pg_locks where not granted").query(Long.class).single() > 0);
      commit.countDown();
      join.get();
      resolve.get();
    } finally {
      pool.shutdown();
    }
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", incident).query(String.class)
        .single()).as("y is still firing in it").isEqualTo("triggered");
  }

  static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void resolvesRacingAlertsOfTheSameIncidentNeverLeaveAFiringAlertInAResolvedIncident() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    Map<String, String> labels = Map.of("alertname", "Flapping", "service", "postgres");
    try {
      List<Future<List<IngestedAlert>>> futures = new java.util.ArrayList<>();
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < 300; i++) {
        String fp = "flap-" + random.nextInt(4);
        AlertEvent event = random.nextBoolean() ? fire(fp, "flapping", AlertSeverity.CRITICAL, labels) : resolve(fp);
        futures.add(pool.submit(() -> send("by-alertname", event)));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(jdbc.sql("""
        select count(*) from alert a join incident i on i.id = a.incident_id
        where a.status = 'firing' and i.status = 'resolved'""").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from incident where status <> 'resolved'").query(Long.class).single())
        .isLessThanOrEqualTo(1);
  }

  @Test
  void anAlertNoRuleRoutesIsRefusedAndNothingOfTheBatchIsStored() {
    jdbc.sql("""
        update integration set spec = jsonb_set(spec, '{default_service}', 'null')
        where name = 'by-alertname'""").update();
    IngestOutcome outcome = ingest.ingest(integrationId("by-alertname"), integration("by-alertname"), List.of(
        fire("ok", "routed", AlertSeverity.CRITICAL, Map.of("alertname", "A", "service", "postgres")),
        fire("lost", "nowhere", AlertSeverity.CRITICAL, Map.of("alertname", "B"))));
    assertThat(outcome).isInstanceOfSatisfying(IngestOutcome.Unroutable.class, unroutable -> assertThat(
        unroutable.reason()).contains("no routing rule", "'by-alertname'", "{alertname=B}", "no default_service"));
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isZero();
  }

  @Test
  void theApiListsFiltersPagesAndActsWithATimeline() {
    for (int i = 0; i < 7; i++) {
      send("by-fingerprint", fire("fp-" + i, "alert " + i, i % 2 == 0 ? AlertSeverity.CRITICAL : AlertSeverity.INFO,
          Map.of()));
      clock.advance(Duration.ofSeconds(1));
    }
    String token = IntegrationTest.ADMIN_TOKEN;
    JsonNode page1 = api.get("/api/v1/incidents?limit=3", token).json();
    assertThat(page1.get("incidents").size()).isEqualTo(3);
    assertThat(page1.get("incidents").get(0).get("title").asString()).isEqualTo("alert 6");
    JsonNode page2 = api.get("/api/v1/incidents?limit=3&cursor=" + page1.get("nextCursor").asString(), token).json();
    assertThat(page2.get("incidents").get(0).get("title").asString()).isEqualTo("alert 3");
    JsonNode page3 = api.get("/api/v1/incidents?limit=3&cursor=" + page2.get("nextCursor").asString(), token).json();
    assertThat(page3.get("incidents").size()).isEqualTo(1);
    assertThat(page3.get("nextCursor").isNull()).isTrue();
    assertThat(api.get("/api/v1/incidents?urgency=low", token).json().get("incidents").size()).isEqualTo(3);
    assertThat(api.get("/api/v1/incidents?status=resolved", token).json().get("incidents").size()).isZero();
    assertThat(api.get("/api/v1/incidents?service=postgres", token).json().get("incidents").size()).isZero();

    long id = page1.get("incidents").get(0).get("id").asLong();
    assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", token, "").json().get("status").asString())
        .isEqualTo("acknowledged");
    assertThat(api.post("/api/v1/incidents/" + id + "/notes", token, "{\"text\": \"<b>failover</b> started\"}")
        .status()).isEqualTo(201);
    JsonNode detail = api.get("/api/v1/incidents/" + id, token).json();
    assertThat(detail.get("alerts").get(0).get("fingerprint").asString()).isEqualTo("fp-6");
    List<String> kinds = new java.util.ArrayList<>();
    detail.get("timeline").forEach(e -> kinds.add(e.get("kind").asString()));
    assertThat(kinds).containsSubsequence("triggered", "alert_added", "acknowledged", "note");
    JsonNode ack = detail.get("timeline").get(kinds.indexOf("acknowledged"));
    assertThat(ack.get("actor").asString()).contains("VIGIL_ADMIN_TOKEN");
    assertThat(ack.get("channel").asString()).isEqualTo("api");
    assertThat(detail.get("timeline").get(kinds.indexOf("note")).get("detail").get("text").asString())
        .isEqualTo("<b>failover</b> started");
  }

  @Test
  void badQueriesAndUnknownIncidentsAre4xx() {
    String token = IntegrationTest.ADMIN_TOKEN;
    assertThat(api.get("/api/v1/incidents?status=open", token).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/incidents?limit=0", token).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/incidents?limit=abc", token).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/incidents?since=yesterday", token).json().get("detail").asString())
        .contains("since", "ISO-8601");
    assertThat(api.get("/api/v1/incidents?cursor=bm90LWEtY3Vyc29y", token).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/incidents/424242", token).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/incidents/abc", token).status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/424242/acknowledge", token, "").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/incidents/424242/notes", token, "{\"text\": \"\"}").status()).isEqualTo(400);
  }
}
