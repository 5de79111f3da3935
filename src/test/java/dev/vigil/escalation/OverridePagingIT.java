package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.IncidentService;
import dev.vigil.notify.Message;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation pages whoever the schedule's final shifts name: an override made through the API, a temporary schedule,
 * or an override written in the config file takes the place of the rotation's person.
 */
@IntegrationTest
@Import(EscalationScenarioIT.Sink.class)
class OverridePagingIT {

  @LocalServerPort int port;
  @Autowired EscalationScenarioIT.Recorder recorder;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired IncidentService incidents;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks").update();
    recorder.sent.clear();
    api = new Api(port);
  }

  long fire() {
    long integration = jdbc.sql("select id from integration").query(Long.class).single();
    Catalog.Integration spec = queries.one(CatalogKind.INTEGRATION, "events", Catalog.Integration.class)
        .orElseThrow().object();
    return incidents.ingest(integration, spec, List.of(new AlertEvent("test", "api-down", AlertEvent.Action.TRIGGER,
        "API down", AlertSeverity.CRITICAL, Map.of(), Map.of(), List.of(), null, null))).get(0).incidentId();
  }

  void awaitPaged(String... users) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.sent.stream().map(Message::user)
        .toList()).containsExactly(users));
  }

  @Test
  void anOverrideMadeThroughTheApiIsPagedInsteadOfTheRotationsPerson() {
    catalog.apply(TestCatalogs.load(EscalationScenarioIT.CATALOG), "/etc/vigil.yaml", "x");
    Instant now = clock.instant();
    Api.Response override = api.post("/api/v1/schedules/primary/overrides", IntegrationTest.ADMIN_TOKEN,
        "{\"start\": \"" + now.minusSeconds(60) + "\", \"end\": \"" + now.plus(Duration.ofHours(2))
            + "\", \"add\": \"bob\", \"remove\": \"alice\"}");
    assertThat(override.status()).as(override.body()).isEqualTo(201);

    long incident = fire();
    awaitPaged("bob");
    assertThat(jdbc.sql("select detail::text from incident_event where incident_id = :id and kind = 'escalated'")
        .param("id", incident).query(String.class).single()).contains("bob").doesNotContain("alice");
  }

  @Test
  void aTemporaryScheduleIsPagedInsteadOfTheLayers() {
    catalog.apply(TestCatalogs.load(EscalationScenarioIT.CATALOG), "/etc/vigil.yaml", "x");
    Instant now = clock.instant();
    Api.Response temporary = api.post("/api/v1/schedules/primary/temporary", IntegrationTest.ADMIN_TOKEN,
        "{\"start\": \"" + now.minusSeconds(60) + "\", \"end\": \"" + now.plus(Duration.ofDays(1))
            + "\", \"shifts\": [{\"start\": \"" + now.minusSeconds(60) + "\", \"end\": \"" + now.plus(Duration.ofDays(1))
            + "\", \"users\": [\"bob\", \"alice\"]}]}");
    assertThat(temporary.status()).as(temporary.body()).isEqualTo(201);

    fire();
    // Two pages of one step go out as separate jobs, in either order.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.sent.stream().map(Message::user)
        .toList()).containsExactlyInAnyOrder("bob", "alice"));
  }

  @Test
  void anOverrideInTheConfigFileIsPaged() {
    LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
        .minusMinutes(1);
    String yaml = EscalationScenarioIT.CATALOG.replace("        participants: [alice]\n",
        "        participants: [alice]\n    overrides:\n      - start: \"" + start + "\"\n        end: \""
            + start.plusHours(3) + "\"\n        add: bob\n        remove: alice\n");
    assertThat(yaml).contains("overrides:");
    catalog.apply(TestCatalogs.load(yaml), "/etc/vigil.yaml", "x");

    fire();
    awaitPaged("bob");
  }
}
