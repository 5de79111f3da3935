package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.system.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Running incidents as scenarios on a fast-forwarded clock, through the API, with mail caught by GreenMail: severity
 * rules and paging per severity, downstream impact, mitigation, roles, responders, merge and split, status updates,
 * postmortems with reminders, RTO breaches and reports. Mail is sent by the due jobs the scenario runs, so what has
 * not arrived when they return was not sent.
 */
@ScenarioTest
class IncidentOperationsIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  static final String CATALOG = """
      version: 1
      teams:
        - {name: database, members: [hugo, mei]}
        - {name: api, members: [lucas]}
        - {name: search, members: [sofia]}
        - {name: leads, members: [boss]}
        - {name: accounts, members: [grace, dana]}
      users:
        - {name: hugo, email: hugo@example.com, contact_methods: [{type: email, address: hugo@example.com}]}
        - {name: mei, email: mei@example.com, contact_methods: [{type: email, address: mei@example.com}]}
        - {name: lucas, email: lucas@example.com, contact_methods: [{type: email, address: lucas@example.com}]}
        - {name: sofia, email: sofia@example.com, contact_methods: [{type: email, address: sofia@example.com}]}
        - {name: boss, email: boss@example.com, contact_methods: [{type: email, address: boss@example.com}]}
        - name: grace
          email: grace@example.com
          role: viewer
          contact_methods: [{type: sms, address: "+33600000009"}]
        - {name: dana, email: dana@example.com, role: viewer, time_zone: Europe/Paris,
           contact_methods: [{type: email, address: dana@example.com}]}
      escalation_policies:
        - name: database
          steps:
            - {delay: 5m, targets: [{user: hugo}]}
            - {delay: 10m, targets: [{user: mei}]}
          management_step:
            targets: [{user: boss}]
        - name: api
          steps: [{delay: 5m, targets: [{user: lucas}]}]
        - name: search
          steps: [{delay: 5m, targets: [{user: sofia}]}]
      services:
        - name: db
          team: database
          tier: 1
          rto: 30m
          escalation_policy: database
          impact: {data_integrity: true}
          subscribers: [dana]
        - name: api
          team: api
          tier: 1
          depends_on: [db]
          escalation_policy: api
          impact: {user_share: 100}
        - name: search
          team: search
          tier: 2
          depends_on: [db]
          correlate_upstream: false
          escalation_policy: search
        - name: batch
          team: api
          tier: 3
          escalation_policy: api
          heartbeats:
            - {name: export, period: 1d, grace: 1h, token: batch-export-heartbeat-0123456789}
      integrations:
        - name: events
          type: events
          routing:
            - {match: {service: db}, service: db}
            - {match: {service: api}, service: api}
            - {match: {service: search}, service: search}
          default_service: batch
      customers:
        - name: Acme
          contacts: [grace]
          contracts:
            - {name: acme-sla, services: [api], availability: 99.9, period: monthly}
      incident_policy:
        severities:
          - name: SEV1
            paging: always
            notify_stakeholders: true
            postmortem: true
            status_update_template: "{{severity}} {{title}} is {{status}}: {{message}} | affected {{impact}} | {{customers}}"
          - {name: SEV2, paging: always, postmortem: true}
          - {name: SEV3, paging: business-hours}
          - {name: SEV4, paging: never}
        rules:
          - {name: core-down, severity: SEV1, tiers: [1], min_customers: 1, alert_severities: [critical]}
          - {name: tier-one, severity: SEV2, tiers: [1]}
          - {name: informational, severity: SEV4, alert_severities: [info]}
        default_severity: SEV3
        postmortem_due_days: 2
        reminder_interval: 1d
      """;

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  String events;

  @BeforeEach
  void setUp() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    // A Monday 10:00 UTC ahead of the clock: support hours and business days read weekdays.
    scenario.at(LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 0).toInstant(ZoneOffset.UTC));
    scenario.given(CATALOG);
    api = scenario.api();
    events = scenario.eventsPath();
  }

  long fire(String fingerprint, String service, String severity, String summary) {
    Api.Response r = api.post(events, null, "{\"fingerprint\": \"" + fingerprint + "\", \"summary\": \"" + summary
        + "\", \"severity\": \"" + severity + "\", \"labels\": {\"service\": \"" + service + "\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("incidents").get(0).asLong();
  }

  JsonNode detail(long id) {
    Api.Response r = api.get("/api/v1/incidents/" + id, ADMIN);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  List<String> kinds(long id) {
    List<String> kinds = new ArrayList<>();
    detail(id).get("timeline").forEach(e -> kinds.add(e.get("kind").asString()));
    return kinds;
  }

  JsonNode event(long id, String kind) {
    JsonNode found = null;
    for (JsonNode e : detail(id).get("timeline")) {
      if (e.get("kind").asString().equals(kind)) {
        found = e;
      }
    }
    assertThat(found).as("a %s event on incident %s", kind, id).isNotNull();
    return found;
  }

  List<String> recipients() {
    return Arrays.stream(smtp.getReceivedMessages()).map(IncidentOperationsIT::recipient).toList();
  }

  List<String> subjectsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address))
        .map(IncidentOperationsIT::subject).toList();
  }

  /** The plain text of the mails to an address whose subject contains the given words, soft line breaks joined. */
  List<String> bodiesTo(String address, String inSubject) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipient(m).equals(address) && subject(m).contains(inSubject))
        .map(m -> GreenMailUtil.getBody(m).replace("=\r\n", "")).toList();
  }

  static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the jobs due by now, then expects exactly these mails since the test began, in any order. */
  void expectMails(String... to) {
    scenario.runDueJobs();
    assertThat(recipients()).containsExactlyInAnyOrder(to);
  }

  @Test
  void severityRulesDecideAtCreationAndDecidePaging() throws Exception {
    // batch is tier 3: an info alert is a SEV4 ticket that pages nobody.
    long ticket = fire("batch-info", "batch", "info", "Nightly export slow");
    JsonNode ops = detail(ticket).get("operations");
    assertThat(ops.get("severity").asString()).isEqualTo("SEV4");
    assertThat(ops.get("severityRule").asString()).isEqualTo("informational");
    assertThat(event(ticket, "escalated").get("detail").get("reason").asString()).contains("pages nobody");

    // api is tier 1 and covered by Acme's contract, but the alert is an error, not critical: tier-one, SEV2.
    long api2 = fire("api-5xx", "api", "error", "API 5xx");
    assertThat(detail(api2).get("operations").get("severityRule").asString()).isEqualTo("tier-one");
    assertThat(detail(api2).get("operations").get("severity").asString()).isEqualTo("SEV2");
    expectMails("lucas@example.com");
    scenario.runDueJobs();
    assertThat(recipients()).as("the SEV4 ticket paged nobody").containsExactly("lucas@example.com");

    // The list shows each incident's severity and filters by it; an unknown severity is a 400 naming the known ones.
    JsonNode sev4 = api.get("/api/v1/incidents?severity=SEV4", ADMIN).json().get("incidents");
    assertThat(sev4).hasSize(1);
    assertThat(sev4.get(0).get("id").asLong()).isEqualTo(ticket);
    assertThat(sev4.get(0).get("severity").asString()).isEqualTo("SEV4");
    assertThat(api.get("/api/v1/incidents?severity=SEV2,SEV4", ADMIN).json().get("incidents")).hasSize(2);
    Api.Response unknownSeverity = api.get("/api/v1/incidents?severity=P1", ADMIN);
    assertThat(unknownSeverity.status()).isEqualTo(400);
    assertThat(unknownSeverity.body()).contains("severity: 'P1' is not one of SEV1, SEV2, SEV3, SEV4");

    // Raising the ticket needs a reason, then pages at once (a minute later, lucas's mail may take another page).
    clock.advance(Duration.ofMinutes(1));
    Api.Response noReason = api.post("/api/v1/incidents/" + ticket + "/severity", ADMIN, "{\"severity\": \"SEV2\"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("detail").asString()).contains("reason");
    Api.Response unknown = api.post("/api/v1/incidents/" + ticket + "/severity", ADMIN,
        "{\"severity\": \"SEV9\", \"reason\": \"x\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asString()).contains("SEV1, SEV2, SEV3, SEV4");
    Api.Response raised = api.post("/api/v1/incidents/" + ticket + "/severity", ADMIN,
        "{\"severity\": \"SEV2\", \"reason\": \"customers report failed invoices\"}");
    assertThat(raised.status()).as(raised.body()).isEqualTo(200);
    assertThat(raised.json().get("operations").get("severity").asString()).isEqualTo("SEV2");
    JsonNode change = event(ticket, "severity_changed");
    assertThat(change.get("detail").get("from").asString()).isEqualTo("SEV4");
    assertThat(change.get("detail").get("reason").asString()).isEqualTo("customers report failed invoices");
    assertThat(change.get("actor").asString()).isNotBlank();
    assertThat(change.get("channel").asString()).isEqualTo("api");
    expectMails("lucas@example.com", "lucas@example.com");
  }

  @Test
  void aBusinessHoursSeverityWaitsForSupportHours() throws Exception {
    clock.advance(Duration.ofDays(5)); // Saturday 10:00 UTC: outside the default Monday-Friday 09:00-17:00
    long id = fire("batch-err", "batch", "error", "Export failed");
    assertThat(detail(id).get("operations").get("severity").asString()).isEqualTo("SEV3");
    assertThat(detail(id).get("incident").get("urgency").asString()).isEqualTo("low");
    scenario.runDueJobs();
    assertThat(recipients()).isEmpty();
    assertThat(event(id, "escalated").get("detail").get("reason").asString()).contains("support hours");
  }

  @Test
  void aReopenedIncidentKeepsThePolicysUrgencyAndWaitsForSupportHoursAgain() throws Exception {
    clock.advance(Duration.ofDays(5)); // Saturday 10:00 UTC: outside the default Monday-Friday 09:00-17:00
    // An error on tier-3 batch matches no rule: SEV3, which pages in business hours (low urgency).
    long id = fire("batch-err", "batch", "error", "Export failed");
    assertThat(event(id, "triggered").get("detail").get("urgency").asString())
        .as("the timeline says the urgency the incident pages with").isEqualTo("low");
    assertThat(api.post(events, null, "{\"fingerprint\": \"batch-err\", \"action\": \"resolve\"}").status())
        .isEqualTo(202);
    clock.advance(Duration.ofMinutes(10));
    assertThat(fire("batch-err", "batch", "error", "Export failed again")).isEqualTo(id);
    assertThat(kinds(id)).contains("reopened");
    JsonNode reopened = detail(id);
    assertThat(reopened.get("operations").get("severity").asString()).isEqualTo("SEV3");
    assertThat(reopened.get("incident").get("urgency").asString()).isEqualTo("low");
    assertThat(event(id, "escalated").get("detail").get("reason").asString()).contains("support hours");

    // A heartbeat's failure, recovery and failure again: the same.
    String heartbeat = "/api/v1/heartbeats/batch-export-heartbeat-0123456789";
    assertThat(api.get(heartbeat + "/fail", null).status()).isEqualTo(200);
    long failed = jdbc.sql("select incident_id from alert where source = 'heartbeat'").query(Long.class).single();
    assertThat(detail(failed).get("incident").get("urgency").asString()).isEqualTo("low");
    assertThat(api.get(heartbeat, null).status()).isEqualTo(200);
    assertThat(detail(failed).get("incident").get("status").asString()).isEqualTo("resolved");
    clock.advance(Duration.ofMinutes(10));
    assertThat(api.get(heartbeat + "/fail", null).status()).isEqualTo(200);
    JsonNode failedAgain = detail(failed);
    assertThat(failedAgain.get("incident").get("status").asString()).isEqualTo("triggered");
    assertThat(failedAgain.get("incident").get("urgency").asString()).isEqualTo("low");
    assertThat(event(failed, "escalated").get("detail").get("reason").asString()).contains("support hours");
    scenario.runDueJobs();
    assertThat(recipients()).as("nothing pages before support hours").isEmpty();
  }

  @Test
  void aFailedDatabasePagesItsTeamAndItsDependentsJoinAsDownstreamImpact() throws Exception {
    long db = fire("db-down", "db", "critical", "Primary down");
    JsonNode ops = detail(db).get("operations");
    // db is tier 1, and its dependent api is covered by Acme's contract: SEV1.
    assertThat(ops.get("severity").asString()).isEqualTo("SEV1");
    assertThat(ops.get("severityRule").asString()).isEqualTo("core-down");
    assertThat(ops.get("blastRadius").get("dependents").toString()).contains("api", "search");
    assertThat(ops.get("blastRadius").get("customers").has("Acme")).isTrue();

    long api2 = fire("api-errors", "api", "critical", "API errors");
    assertThat(api2).as("the API's alert joins the database's incident").isEqualTo(db);
    assertThat(detail(db).get("operations").get("downstreamImpact").get(0).get("service").asString())
        .isEqualTo("api");
    assertThat(kinds(db)).contains("downstream_impact");

    // search turned correlation off: its own incident, its own page.
    long search = fire("search-errors", "search", "critical", "Search errors");
    assertThat(search).isNotEqualTo(db);

    // hugo is paged for the database; dana (subscriber) gets the SEV1 announcement by email; grace's only contact
    // method is SMS, so hers goes to her account's email address; sofia for search. Nobody pages lucas.
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com", "sofia@example.com");
    assertThat(subjectsTo("dana@example.com")).singleElement().asString().contains("SEV1 update");
    String body = GreenMailUtil.getBody(Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipient(m).equals("grace@example.com")).findFirst().orElseThrow()).replace("=\r\n", "");
    assertThat(body).contains("SEV1 Primary down is triggered").contains("affected db, api, search").contains("Acme");
    scenario.runDueJobs();
    assertThat(recipients()).doesNotContain("lucas@example.com");
  }

  @Test
  void mitigationStopsTheEscalationAndRolesAndRespondersAreOnTheTimeline() throws Exception {
    // An error, not a critical alert: SEV2, which pages but does not tell the stakeholders.
    long db = fire("db-down", "db", "error", "Primary down");
    assertThat(detail(db).get("operations").get("severity").asString()).isEqualTo("SEV2");
    expectMails("hugo@example.com");

    Api.Response role = api.post("/api/v1/incidents/" + db + "/roles", ADMIN,
        "{\"role\": \"incident-commander\", \"user\": \"mei\"}");
    assertThat(role.status()).as(role.body()).isEqualTo(200);
    assertThat(role.json().get("operations").get("roles").get(0).get("role").asString()).isEqualTo("commander");
    assertThat(api.post("/api/v1/incidents/" + db + "/roles", ADMIN, "{\"role\": \"janitor\", \"user\": \"mei\"}")
        .status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/roles", ADMIN, "{\"role\": \"scribe\", \"user\": \"nobody\"}")
        .status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/roles", ADMIN, "{\"role\": \"scribe\", \"user\": \"hugo\"}")
        .status()).isEqualTo(200);
    assertThat(api.delete("/api/v1/incidents/" + db + "/roles/scribe", ADMIN).status()).isEqualTo(200);
    assertThat(api.delete("/api/v1/incidents/" + db + "/roles/scribe", ADMIN).status()).isEqualTo(404);

    Api.Response responders = api.post("/api/v1/incidents/" + db + "/responders", ADMIN,
        "{\"targets\": [{\"team\": \"api\"}], \"message\": \"check the connection pools\"}");
    assertThat(responders.status()).as(responders.body()).isEqualTo(200);
    expectMails("hugo@example.com", "lucas@example.com");
    assertThat(api.post("/api/v1/incidents/" + db + "/responders", ADMIN, "{\"targets\": [{\"team\": \"nope\"}]}")
        .status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/responders", ADMIN,
        "{\"targets\": [{\"team\": \"api\", \"user\": \"mei\"}]}").status()).isEqualTo(400);

    clock.advance(Duration.ofMinutes(2));
    Api.Response mitigated = api.post("/api/v1/incidents/" + db + "/mitigate", ADMIN, "");
    assertThat(mitigated.status()).as(mitigated.body()).isEqualTo(200);
    assertThat(mitigated.json().get("incident").get("status").asString()).isEqualTo("mitigated");
    clock.advance(Duration.ofMinutes(20));
    scenario.runDueJobs();
    assertThat(recipients()).as("mitigated: mei is not paged by step 2").doesNotContain("mei@example.com");
    assertThat(kinds(db)).containsSubsequence("triggered", "severity_set", "role_assigned", "role_assigned",
        "role_removed", "responders_requested", "escalated", "mitigated");
    JsonNode mitigation = event(db, "mitigated");
    assertThat(mitigation.get("channel").asString()).isEqualTo("api");
    assertThat(api.post("/api/v1/incidents/" + db + "/acknowledge", ADMIN, "").json().get("status").asString())
        .as("a mitigated incident is not acknowledged backwards").isEqualTo("mitigated");

    assertThat(api.post("/api/v1/incidents/" + db + "/resolve", ADMIN, "").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/incidents/" + db + "/mitigate", ADMIN, "").status()).isEqualTo(409);
    assertThat(api.post("/api/v1/incidents/" + db + "/responders", ADMIN, "{\"targets\": [{\"user\": \"mei\"}]}")
        .status()).isEqualTo(409);
    assertThat(api.post("/api/v1/incidents/999999/mitigate", ADMIN, "").status()).isEqualTo(404);

    // Its alert, still firing, fires again: the incident re-opens, no longer mitigated; reports keep the first time.
    assertThat(fire("db-down", "db", "error", "Primary down again")).isEqualTo(db);
    assertThat(detail(db).get("incident").get("status").asString()).isEqualTo("triggered");
    assertThat(jdbc.sql("select mitigated_at is null and first_mitigated_at is not null from incident where id = :id")
        .param("id", db).query(Boolean.class).single()).isTrue();
  }

  @Test
  void mergeMovesAlertsAndStopsTheMergedIncidentsAndSplitMovesThemBack() throws Exception {
    long first = fire("batch-1", "batch", "info", "Queue growing");
    long second = fire("search-1", "search", "error", "Search slow");
    long third = fire("batch-2", "batch", "info", "Queue stuck");
    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();

    assertThat(api.post("/api/v1/incidents/" + first + "/merge", ADMIN, "{\"incidents\": [" + first + "]}").status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + first + "/merge", ADMIN, "{\"incidents\": []}").status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + first + "/merge", ADMIN, "{\"incidents\": [999999]}").status())
        .isEqualTo(404);
    Api.Response merged = api.post("/api/v1/incidents/" + first + "/merge", ADMIN,
        "{\"incidents\": [" + second + ", " + third + "]}");
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().get("alerts")).hasSize(3);
    // search's SEV3 (tier 2, no rule) is more severe than the SEV4 ticket it joined.
    assertThat(merged.json().get("operations").get("severity").asString()).isEqualTo("SEV3");
    JsonNode gone = detail(second);
    assertThat(gone.get("incident").get("status").asString()).isEqualTo("resolved");
    assertThat(gone.get("operations").get("mergedInto").asLong()).isEqualTo(first);
    assertThat(jdbc.sql("select state from escalation where incident_id = :id").param("id", second)
        .query(String.class).single()).isEqualTo("done");
    assertThat(api.post("/api/v1/incidents/" + first + "/merge", ADMIN, "{\"incidents\": [" + second + "]}").status())
        .as("already resolved").isEqualTo(409);

    // A repeat of a moved alert stays with the incident it was merged into.
    assertThat(fire("search-1", "search", "error", "Search slow")).isEqualTo(first);

    long alert = merged.json().get("alerts").get(2).get("id").asLong();
    Api.Response split = api.post("/api/v1/incidents/" + first + "/split", ADMIN,
        "{\"alerts\": [" + alert + "], \"title\": \"Queue stuck again\"}");
    assertThat(split.status()).as(split.body()).isEqualTo(201);
    long created = split.json().get("incident").asLong();
    JsonNode fresh = detail(created);
    assertThat(fresh.get("alerts")).hasSize(1);
    assertThat(fresh.get("incident").get("title").asString()).isEqualTo("Queue stuck again");
    assertThat(fresh.get("operations").get("severity").asString()).isEqualTo("SEV3");
    assertThat(detail(first).get("alerts")).hasSize(2);
    assertThat(kinds(first)).contains("merged", "split");
    assertThat(api.post("/api/v1/incidents/" + first + "/split", ADMIN, "{\"alerts\": [" + alert + "]}").status())
        .as("no longer its alert").isEqualTo(400);
    List<Long> remaining = new ArrayList<>();
    detail(first).get("alerts").forEach(a -> remaining.add(a.get("id").asLong()));
    assertThat(api.post("/api/v1/incidents/" + first + "/split", ADMIN, "{\"alerts\": " + remaining + "}").status())
        .as("an incident keeps at least one alert").isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + first + "/split", ADMIN,
        "{\"alerts\": [" + remaining.get(0) + "], \"service\": \"nope\"}").status()).isEqualTo(400);
  }

  @Test
  void statusUpdatesGoToSubscribersAndAccountManagersInTheSeveritysTemplate() throws Exception {
    long db = fire("db-down", "db", "critical", "Primary down");
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com");

    clock.advance(Duration.ofMinutes(2)); // past the one-message-a-minute limit of each contact method
    assertThat(api.post("/api/v1/incidents/" + db + "/status-updates", ADMIN, "{\"message\": \"  \"}").status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/status-updates", ADMIN, "{}").status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/status-updates", ADMIN, "{\"mesage\": \"typo\"}").status())
        .isEqualTo(400);
    Api.Response posted = api.post("/api/v1/incidents/" + db + "/status-updates", ADMIN,
        "{\"message\": \"Failover to the standby is under way.\"}");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    assertThat(posted.json().get("recipients").toString()).contains("dana", "grace");
    assertThat(posted.json().get("body").asString())
        .isEqualTo("SEV1 Primary down is triggered: Failover to the standby is under way. | affected db, api, search"
            + " | Acme");
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com", "dana@example.com",
        "grace@example.com");
    assertThat(api.get("/api/v1/incidents/" + db + "/status-updates", ADMIN).json()).hasSize(2);
    assertThat(api.post("/api/v1/incidents/999999/status-updates", ADMIN, "{\"message\": \"x\"}").status())
        .isEqualTo(404);
    assertThat(event(db, "status_update").get("detail").get("message").asString())
        .isEqualTo("Failover to the standby is under way.");
    assertThat(bodiesTo("dana@example.com", "update")).as("the incident's page, not its API resource").isNotEmpty()
        .allSatisfy(body -> assertThat(body).contains("Incident: http://localhost:8080/incidents/" + db + "\r\n")
            .doesNotContain("/api/v1/incidents"));
  }

  @Test
  void eachStakeholderReadsWhenTheIncidentStartedInTheirOwnZone() throws Exception {
    // A SEV2 sends no update by itself; a responder's update goes out in the default template, which says when.
    long db = fire("db-slow", "db", "warning", "Primary slow");
    expectMails("hugo@example.com");
    Instant opened = Instant.parse(detail(db).get("incident").get("createdAt").asString());
    clock.advance(Duration.ofMinutes(2));
    Api.Response posted = api.post("/api/v1/incidents/" + db + "/status-updates", ADMIN,
        "{\"message\": \"Queries are slow; we are on it.\"}");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    String utc = minute.format(opened.atZone(ZoneOffset.UTC)) + " UTC";
    String paris = minute.format(opened.atZone(ZoneId.of("Europe/Paris"))) + " Europe/Paris";
    assertThat(posted.json().get("body").asString()).as("the stored update").contains("Started: " + utc + "\n");
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com");
    assertThat(bodiesTo("dana@example.com", "update")).singleElement().asString()
        .contains("Started: " + paris + "\r\n").doesNotContain("UTC");
    assertThat(bodiesTo("grace@example.com", "update")).singleElement().asString()
        .contains("Started: " + utc + "\r\n");
  }

  @Test
  void aResolvedSev1NeedsAPostmortemThatIsRemindedOfUntilPublished() throws Exception {
    long db = fire("db-down", "db", "critical", "Primary down");
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com");
    api.post("/api/v1/incidents/" + db + "/roles", ADMIN, "{\"role\": \"commander\", \"user\": \"mei\"}");
    assertThat(api.get("/api/v1/incidents/" + db + "/postmortem", ADMIN).status()).as("not before resolution")
        .isEqualTo(404);
    clock.advance(Duration.ofMinutes(12));
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com", "mei@example.com");
    api.post("/api/v1/incidents/" + db + "/acknowledge", ADMIN, "");
    assertThat(api.post("/api/v1/incidents/" + db + "/resolve", ADMIN, "").status()).isEqualTo(200);
    // The resolution is told to the stakeholders too.
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com", "mei@example.com", "dana@example.com",
        "grace@example.com");

    JsonNode pm = api.get("/api/v1/incidents/" + db + "/postmortem", ADMIN).json();
    assertThat(pm.get("required").asBoolean()).isTrue();
    assertThat(pm.get("owner").asString()).isEqualTo("mei");
    assertThat(pm.get("status").asString()).isEqualTo("draft");
    // Resolved on a Monday: two business days end with Wednesday.
    String due = pm.get("dueAt").asString();
    assertThat(java.time.Instant.parse(due).atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(pm.get("document").get("timeline").toString()).contains("Opened: Primary down")
        .contains("Severity SEV1 (rule core-down)").contains("Resolved by");
    assertThat(pm.get("impact").get("affectedServices").toString()).contains("db", "api", "search");
    assertThat(pm.get("impact").get("slaExposure").get(0).get("contract").asString()).isEqualTo("acme-sla");

    assertThat(api.put("/api/v1/incidents/" + db + "/postmortem", ADMIN, "{\"status\": \"done\"}").status())
        .isEqualTo(400);
    assertThat(api.put("/api/v1/incidents/" + db + "/postmortem", ADMIN, "{\"owner\": \"nobody\"}").status())
        .isEqualTo(400);
    Api.Response edited = api.put("/api/v1/incidents/" + db + "/postmortem", ADMIN, """
        {"rootCause": "The disk filled up with WAL.", "fiveWhys": ["Why down? Disk full.", "Why full? Archiving stuck."],
         "contributingFactors": ["No disk alert"], "wentWell": ["Failover in 9 minutes"],
         "wentBadly": ["Paging took 5 minutes"], "status": "in_review"}""");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    String item = api.post("/api/v1/incidents/" + db + "/postmortem/action-items", ADMIN,
        "{\"title\": \"Alert on WAL disk usage\", \"owner\": \"hugo\", \"dueDate\": \""
            + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
            + "\", \"trackerUrl\": \"https://tracker.example.com/DB-12\"}").body();
    long itemId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(item).get("id").asLong();
    assertThat(api.post("/api/v1/incidents/" + db + "/postmortem/action-items", ADMIN,
        "{\"title\": \"x\", \"dueDate\": \"tomorrow\"}").status()).isEqualTo(400);
    assertThat(api.post("/api/v1/incidents/" + db + "/postmortem/action-items", ADMIN,
        "{\"title\": \"x\", \"trackerUrl\": \"javascript:alert(1)\"}").status()).isEqualTo(400);
    assertThat(api.send("PATCH", "/api/v1/incidents/" + db + "/postmortem/action-items/" + itemId, ADMIN,
        java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\": \"finished\"}")).status()).isEqualTo(400);

    String markdown = api.get("/api/v1/incidents/" + db + "/postmortem.md", ADMIN).body();
    assertThat(markdown).startsWith("# Postmortem: #" + db + " Primary down").contains("## Impact")
        .contains("| Acme | acme-sla |").contains("## Timeline").contains("The disk filled up with WAL.")
        .contains("1. Why down? Disk full.").contains("| Alert on WAL disk usage | hugo |")
        .contains("<https://tracker.example.com/DB-12>");

    int before = recipients().size();
    // The day after the item's due date: hugo is reminded of it, once.
    clock.advance(Duration.ofDays(2));
    scenario.runDueJobs();
    assertThat(subjectsTo("hugo@example.com")).anyMatch(s -> s.contains("Action item overdue"));
    // Past the postmortem's due date: mei, its owner, is reminded, once; a day later again.
    clock.set(java.time.Instant.parse(due).plusSeconds(60));
    scenario.runDueJobs();
    assertThat(subjectsTo("mei@example.com")).filteredOn(s -> s.contains("Postmortem overdue")).hasSize(1);
    clock.advance(Duration.ofDays(1));
    scenario.runDueJobs();
    assertThat(subjectsTo("mei@example.com")).filteredOn(s -> s.contains("Postmortem overdue")).hasSize(2);
    for (String reminder : new String[] {"Action item overdue", "Postmortem overdue"}) {
      assertThat(bodiesTo(reminder.startsWith("Action") ? "hugo@example.com" : "mei@example.com", reminder))
          .as(reminder).isNotEmpty().allSatisfy(body -> assertThat(body)
              .contains("Postmortem: http://localhost:8080/incidents/" + db + "/postmortem\r\n")
              .contains("Incident: http://localhost:8080/incidents/" + db + "\r\n").doesNotContain("/api/v1/"));
    }
    assertThat(api.get("/api/v1/postmortems?overdue=true", ADMIN).json().get("postmortems")).hasSize(1);

    assertThat(api.put("/api/v1/incidents/" + db + "/postmortem", ADMIN, "{\"status\": \"published\"}").status())
        .isEqualTo(200);
    assertThat(api.send("PATCH", "/api/v1/incidents/" + db + "/postmortem/action-items/" + itemId, ADMIN,
        java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\": \"done\"}")).status()).isEqualTo(200);
    int reminded = recipients().size();
    clock.advance(Duration.ofDays(3));
    scenario.runDueJobs();
    assertThat(recipients()).as("published and done: no more reminders").hasSize(reminded);
    assertThat(reminded).isGreaterThan(before);
    assertThat(api.get("/api/v1/postmortems?overdue=true", ADMIN).json().get("postmortems")).isEmpty();

    String itemPath = "/api/v1/incidents/" + db + "/postmortem/action-items/" + itemId;
    assertThat(api.delete("/api/v1/incidents/" + (db + 1000) + "/postmortem/action-items/" + itemId, ADMIN)
        .status()).as("an item of another incident").isEqualTo(404);
    assertThat(api.delete(itemPath, ADMIN).status()).isEqualTo(204);
    assertThat(api.delete(itemPath, ADMIN).status()).isEqualTo(404);
    assertThat(kinds(db)).contains("action_item_deleted");
    assertThat(api.get("/api/v1/incidents/" + db + "/postmortem.md", ADMIN).body())
        .doesNotContain("| Alert on WAL disk usage | hugo |");
  }

  @Test
  void aReopenedIncidentCountsOnlyTheTimeItWasOpen() throws Exception {
    // api is tier 1 (SEV2, which needs a postmortem) and covered by Acme's contract: 99.9 % a month.
    java.time.Instant start = clock.instant();
    long id = fire("api-5xx", "api", "error", "API 5xx");
    clock.advance(Duration.ofMinutes(1));
    assertThat(api.post("/api/v1/incidents/" + id + "/mitigate", ADMIN, "").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    String resolve = "{\"fingerprint\": \"api-5xx\", \"action\": \"resolve\"}";
    assertThat(api.post(events, null, resolve).status()).isEqualTo(202);
    // Nine quiet minutes, then the same fault for two more; acknowledged a minute into it.
    clock.advance(Duration.ofMinutes(9));
    assertThat(fire("api-5xx", "api", "error", "API 5xx again")).isEqualTo(id);
    clock.advance(Duration.ofMinutes(1));
    assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", ADMIN, "").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(api.post(events, null, resolve).status()).isEqualTo(202);
    assertThat(detail(id).get("incident").get("status").asString()).isEqualTo("resolved");

    // Open 2 + 2 minutes; down (until mitigated) 1 + 2 minutes; acknowledged after 2 + 1 minutes of being open. The
    // test clock runs on with real time too: the test's own seconds are allowed for.
    Duration slack = Duration.ofSeconds(30);
    JsonNode impact = api.get("/api/v1/incidents/" + id + "/postmortem", ADMIN).json().get("impact");
    assertThat(Duration.parse(impact.get("duration").asString()))
        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(4).plus(slack));
    Duration downtime = Duration.parse(impact.get("downtime").asString());
    assertThat(downtime).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(3).plus(slack));
    JsonNode exposure = impact.get("slaExposure").get(0);
    long allowed = Duration.parse(exposure.get("allowedDowntime").asString()).toSeconds();
    assertThat(exposure.get("budgetUsedPercent").asDouble())
        .isEqualTo(Math.round(100_000.0 * downtime.toSeconds() / allowed) / 1000.0);
    assertThat(api.get("/api/v1/incidents/" + id + "/postmortem.md", ADMIN).body())
        .containsPattern("- Duration: 4m[ 0-9s]* \\(downtime until mitigation: 3m[ 0-9s]*\\)")
        .containsPattern("- Open: [^;]+ UTC to [^;]+ UTC; [^;]+ UTC to [^;]+ UTC\n");

    String range = "from=" + start.minusSeconds(1) + "&to=" + clock.instant().plusSeconds(1);
    JsonNode row = api.get("/api/v1/reports/incidents?" + range, ADMIN).json().get("incidents").get(0);
    assertThat(row.get("ttaSeconds").asDouble()).isBetween(180.0, 210.0);
    assertThat(row.get("ttmSeconds").asDouble()).isBetween(180.0, 210.0);
    assertThat(row.get("ttrSeconds").asDouble()).isBetween(240.0, 270.0);
    JsonNode service = api.get("/api/v1/reports/reliability?groupBy=service&" + range, ADMIN).json().get("rows")
        .get(0);
    assertThat(service.get("mttrSeconds").asDouble()).isEqualTo(row.get("ttrSeconds").asDouble());
    assertThat(service.get("mttmSeconds").asDouble()).isEqualTo(row.get("ttmSeconds").asDouble());
  }

  @Test
  void anIncidentOpenPastItsRtoPagesTheManagementStepAndIsFlaggedInReports() throws Exception {
    long db = fire("db-down", "db", "critical", "Primary down");
    expectMails("hugo@example.com", "dana@example.com", "grace@example.com");
    api.post("/api/v1/incidents/" + db + "/acknowledge", ADMIN, "");
    clock.advance(Duration.ofMinutes(29));
    scenario.runDueJobs();
    assertThat(recipients()).doesNotContain("boss@example.com");
    clock.advance(Duration.ofMinutes(2));
    scenario.runDueJobs();
    assertThat(recipients()).contains("boss@example.com");
    assertThat(detail(db).get("operations").get("rtoBreachedAt").isNull()).isFalse();
    assertThat(kinds(db)).contains("rto_breached");
    api.post("/api/v1/incidents/" + db + "/resolve", ADMIN, "");

    String from = clock.instant().minus(Duration.ofHours(2)).toString();
    String to = clock.instant().plus(Duration.ofMinutes(1)).toString();
    Api.Response report = api.get("/api/v1/reports/reliability?groupBy=service&from=" + from + "&to=" + to, ADMIN);
    assertThat(report.status()).as(report.body()).isEqualTo(200);
    JsonNode row = report.json().get("rows").get(0);
    assertThat(row.get("group").asString()).isEqualTo("db");
    assertThat(row.get("count").asInt()).isEqualTo(1);
    assertThat(row.get("rtoBreaches").asInt()).isEqualTo(1);
    assertThat(row.get("mttrSeconds").asDouble()).isGreaterThan(31 * 60);
    assertThat(row.get("mttaSeconds").asDouble()).isLessThan(31 * 60);

    Api.Response csv = api.get("/api/v1/reports/reliability?groupBy=severity&format=csv&from=" + from + "&to=" + to,
        ADMIN);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("severity,count,acknowledged,mitigated,resolved,open,mtta_seconds")
        .contains("\r\nSEV1,1,1,1,1,0,");
    Api.Response incidentsCsv = api.send("GET", "/api/v1/reports/incidents?from=" + from + "&to=" + to, ADMIN,
        java.net.http.HttpRequest.BodyPublishers.noBody());
    assertThat(incidentsCsv.json().get("incidents").get(0).get("rtoBreached").asBoolean()).isTrue();

    assertThat(api.get("/api/v1/reports/reliability?groupBy=colour", ADMIN).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/reports/reliability?from=yesterday", ADMIN).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/reports/reliability?from=" + to + "&to=" + from, ADMIN).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/reports/incidents?format=xml", ADMIN).status()).isEqualTo(400);
  }
}
