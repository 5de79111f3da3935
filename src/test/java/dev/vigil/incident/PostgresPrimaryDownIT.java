package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The worked example's big one, on examples/smuvdrive/vigil.yaml as shipped: the PostgreSQL primary goes down, so one
 * SEV1 incident opens on the database and the API, search, payment and the workers join it as downstream impact; the
 * database team is paged and nobody else; the enterprise customers' account managers get status updates; a
 * postmortem is required and its owner is reminded once it is overdue. Alerts arrive as Alertmanager sends them;
 * mail goes to GreenMail when the scenario runs its due jobs.
 */
@ScenarioTest
class PostgresPrimaryDownIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  static final Set<String> DATABASE_TEAM = Set.of("hugo@smuvdrive.example", "mei@smuvdrive.example");
  static final Set<String> ACCOUNT_MANAGERS = Set.of("grace@smuvdrive.example", "bruno@smuvdrive.example");

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  static String webhook(String... alerts) {
    return "{\"version\": \"4\", \"groupKey\": \"{}:{}\", \"status\": \"firing\", \"receiver\": \"vigil\","
        + " \"groupLabels\": {}, \"commonLabels\": {}, \"commonAnnotations\": {},"
        + " \"externalURL\": \"http://alertmanager:9093\", \"truncatedAlerts\": 0, \"alerts\": ["
        + String.join(",", alerts) + "]}";
  }

  static String alert(String service, String alertname, String summary) {
    return "{\"status\": \"firing\", \"labels\": {\"alertname\": \"" + alertname + "\", \"service\": \"" + service
        + "\", \"severity\": \"critical\"}, \"annotations\": {\"summary\": \"" + summary + "\"},"
        + " \"startsAt\": \"2026-03-01T10:00:00Z\", \"endsAt\": \"0001-01-01T00:00:00Z\","
        + " \"generatorURL\": \"http://prometheus:9090/graph\"}";
  }

  record Mail(String to, String subject) {
    boolean isPage() {
      return !subject.contains(" update: ") && !subject.contains("overdue");
    }
  }

  List<Mail> mails() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        mails.add(new Mail(m.getAllRecipients()[0].toString(), m.getSubject()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return mails;
  }

  List<String> updatesTo(String address) {
    return mails().stream().filter(m -> m.to().equals(address) && m.subject().contains(" update: "))
        .map(Mail::subject).toList();
  }

  /**
   * The story is the outage alone: the recurring jobs (shift notices to the example's rotations, heartbeat checks)
   * wait until it ends instead of running on the days the clock skips, and are due again for the next test.
   */
  void recurringJobsDueAt(Instant when) {
    jdbc.sql("update scheduled_tasks set execution_time = :when where task_instance = 'recurring'")
        .param("when", Timestamp.from(when)).update();
  }

  @AfterEach
  void recurringJobsDueAgain() {
    recurringJobsDueAt(scenario.now());
  }

  @Test
  void thePrimaryGoesDownAndOnlyTheDatabaseTeamIsPaged() throws Exception {
    // A Tuesday 09:30 UTC, after the weekly database rotation's Monday handoff.
    scenario.at(LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.TUESDAY)).atTime(9, 30).toInstant(ZoneOffset.UTC));
    scenario.given(Path.of("examples/smuvdrive/vigil.yaml"));
    recurringJobsDueAt(scenario.now().plus(Duration.ofDays(3650)));
    Api api = new Api(port);
    String key = null;
    for (JsonNode i : api.get("/api/v1/integrations", ADMIN).json()) {
      if (i.get("name").asString().equals("prometheus")) {
        key = i.get("key").asString();
      }
    }
    String alertmanager = "/api/v1/integrations/" + key + "/alertmanager";

    // 1. The primary goes down.
    Api.Response down = api.post(alertmanager, null,
        webhook(alert("postgres-primary", "PostgresDown", "PostgreSQL primary is not accepting connections")));
    assertThat(down.status()).as(down.body()).isEqualTo(202);
    long incident = down.json().get("incidents").get(0).asLong();

    // 2. Everything that needs it fails a moment later; their alerts join the database's incident.
    Api.Response dependents = api.post(alertmanager, null, webhook(
        alert("api", "ApiErrors", "API 5xx above 20%"),
        alert("search", "SearchErrors", "Search queries failing"),
        alert("payment", "PaymentErrors", "Payments failing"),
        alert("job-workers", "JobsFailing", "Invoice jobs failing")));
    assertThat(dependents.status()).as(dependents.body()).isEqualTo(202);
    assertThat(dependents.json().get("incidents")).hasSize(1);
    assertThat(dependents.json().get("incidents").get(0).asLong()).isEqualTo(incident);
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).as("one incident").isEqualTo(1);

    JsonNode detail = api.get("/api/v1/incidents/" + incident, ADMIN).json();
    assertThat(detail.get("incident").get("service").asString()).isEqualTo("postgres-primary");
    assertThat(detail.get("alerts")).hasSize(5);
    JsonNode ops = detail.get("operations");
    assertThat(ops.get("severity").asString()).isEqualTo("SEV1");
    assertThat(ops.get("severityRule").asString()).isEqualTo("payment-path-down");
    List<String> downstream = new ArrayList<>();
    ops.get("downstreamImpact").forEach(i -> downstream.add(i.get("service").asString()));
    assertThat(downstream).containsExactlyInAnyOrder("api", "search", "payment", "job-workers");
    assertThat(ops.get("blastRadius").get("customers").propertyNames())
        .containsExactlyInAnyOrder("Fleetline Corporate Travel", "Atlas Mobility Partners");

    // 3. The database on-call person is paged; the account managers get the SEV1 announcement.
    scenario.runDueJobs();
    assertThat(mails()).filteredOn(Mail::isPage).isNotEmpty();
    ACCOUNT_MANAGERS.forEach(a -> assertThat(updatesTo(a)).hasSize(1));
    String onCall = mails().stream().filter(Mail::isPage).findFirst().orElseThrow().to();
    assertThat(DATABASE_TEAM).contains(onCall);
    String onCallUser = onCall.substring(0, onCall.indexOf('@'));

    // 4. The on-call person takes command, acknowledges, tells the customers, fails over, and resolves.
    assertThat(api.post("/api/v1/incidents/" + incident + "/roles", ADMIN,
        "{\"role\": \"commander\", \"user\": \"" + onCallUser + "\"}").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/incidents/" + incident + "/acknowledge", ADMIN, "").status()).isEqualTo(200);
    scenario.advance(Duration.ofMinutes(2)).runDueJobs();
    Api.Response update = api.post("/api/v1/incidents/" + incident + "/status-updates", ADMIN,
        "{\"message\": \"We are failing over to the standby database; bookings and payments fail meanwhile.\"}");
    assertThat(update.status()).as(update.body()).isEqualTo(201);
    assertThat(update.json().get("recipients").toString()).contains("grace", "bruno");
    assertThat(update.json().get("body").asString()).contains("[SEV1] PostgreSQL primary is not accepting connections")
        .contains("Fleetline Corporate Travel").contains("payment");
    scenario.runDueJobs();
    ACCOUNT_MANAGERS.forEach(a -> assertThat(updatesTo(a)).hasSize(2));
    scenario.advance(Duration.ofMinutes(8)).runDueJobs();
    assertThat(api.post("/api/v1/incidents/" + incident + "/mitigate", ADMIN, "").status()).isEqualTo(200);
    scenario.advance(Duration.ofMinutes(10)).runDueJobs();
    assertThat(api.post("/api/v1/incidents/" + incident + "/resolve", ADMIN, "").status()).isEqualTo(200);
    scenario.runDueJobs();
    ACCOUNT_MANAGERS.forEach(a -> assertThat(updatesTo(a)).hasSize(3));

    // 5. A postmortem is required, owned by the commander, due three business days later (Paris), and reminded.
    JsonNode postmortem = api.get("/api/v1/incidents/" + incident + "/postmortem", ADMIN).json();
    assertThat(postmortem.get("required").asBoolean()).isTrue();
    assertThat(postmortem.get("owner").asString()).isEqualTo(onCallUser);
    assertThat(postmortem.get("impact").get("downstreamImpact")).hasSize(4);
    assertThat(postmortem.get("impact").get("slaExposure")).hasSize(2);
    Instant due = Instant.parse(postmortem.get("dueAt").asString());
    assertThat(due).isAfter(scenario.now().plus(Duration.ofDays(3)));
    scenario.at(due.minus(Duration.ofMinutes(5))).runDueJobs();
    assertThat(mails()).noneMatch(m -> m.subject().contains("Postmortem overdue"));
    scenario.at(due.plus(Duration.ofMinutes(1))).runDueJobs();
    assertThat(mails()).filteredOn(m -> m.subject().contains("Postmortem overdue")).extracting(Mail::to)
        .containsExactly(onCall);

    // Nobody outside the database team was paged, and nobody but the database team and the account managers got
    // any mail at all: not the API, search, payments, workers, web or SRE people.
    List<Mail> all = mails();
    assertThat(all).filteredOn(Mail::isPage).extracting(Mail::to).allMatch(DATABASE_TEAM::contains);
    assertThat(all).extracting(Mail::to).allMatch(to -> DATABASE_TEAM.contains(to) || ACCOUNT_MANAGERS.contains(to));
    assertThat(all).filteredOn(m -> ACCOUNT_MANAGERS.contains(m.to())).allMatch(m -> !m.isPage());
    assertThat(Arrays.stream(smtp.getReceivedMessages()).count()).isEqualTo(all.size());
  }
}
