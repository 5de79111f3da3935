package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation pages whoever the schedule's final shifts name: an override made through the API, a temporary schedule,
 * or an override written in the config file takes the place of the rotation's person.
 */
@ScenarioTest
class OverridePagingIT {

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  @Test
  void anOverrideMadeThroughTheApiIsPagedInsteadOfTheRotationsPerson() {
    scenario.given(EscalationScenarioIT.CATALOG);
    Instant now = scenario.now();
    Api.Response override = scenario.api().post("/api/v1/schedules/primary/overrides", IntegrationTest.ADMIN_TOKEN, """
        {"start": "%s", "end": "%s", "add": "bob", "remove": "alice"}"""
        .formatted(now.minusSeconds(60), now.plus(Duration.ofHours(2))));
    assertThat(override.status()).as(override.body()).isEqualTo(201);

    long incident = scenario.alert("api-down", "API down");
    scenario.runDueJobs().expectPage("bob");
    assertThat(jdbc.sql("select detail::text from incident_event where incident_id = :id and kind = 'escalated'")
        .param("id", incident).query(String.class).single()).contains("bob").doesNotContain("alice");
  }

  @Test
  void aTemporaryScheduleIsPagedInsteadOfTheLayers() {
    scenario.given(EscalationScenarioIT.CATALOG);
    Instant now = scenario.now();
    Api.Response temporary = scenario.api().post("/api/v1/schedules/primary/temporary", IntegrationTest.ADMIN_TOKEN,
        """
        {"start": "%1$s", "end": "%2$s", "shifts": [{"start": "%1$s", "end": "%2$s", "users": ["bob", "alice"]}]}"""
        .formatted(now.minusSeconds(60), now.plus(Duration.ofDays(1))));
    assertThat(temporary.status()).as(temporary.body()).isEqualTo(201);

    scenario.alert("api-down", "API down");
    // Two pages of one step go out as separate jobs, in either order.
    scenario.runDueJobs().expectPagesInAnyOrder("bob", "alice");
  }

  @Test
  void anOverrideInTheConfigFileIsPaged() {
    LocalDateTime start = LocalDateTime.ofInstant(scenario.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
        .minusMinutes(1);
    String yaml = EscalationScenarioIT.CATALOG.replace("        participants: [alice]\n", """
                participants: [alice]
            overrides:
              - start: "%s"
                end: "%s"
                add: bob
                remove: alice
        """.formatted(start, start.plusHours(3)));
    assertThat(yaml).contains("overrides:");
    scenario.given(yaml);

    scenario.alert("api-down", "API down");
    scenario.runDueJobs().expectPage("bob");
  }
}
