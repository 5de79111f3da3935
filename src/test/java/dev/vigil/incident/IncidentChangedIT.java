package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentChanged.Change;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * {@link IncidentChanged} carries the incident as the change left it (status, severity, urgency, times, who resolved
 * it), whether an ingest batch opened several incidents at once or a person changed one: what its listeners decide
 * from without reading the incident again.
 */
@ScenarioTest
@RecordApplicationEvents
class IncidentChangedIT {

  static final String CATALOG = """
      version: 1
      teams:
        - {name: payments, members: [ana]}
      users:
        - {name: ana, email: ana@example.com, contact_methods: [{type: email, address: ana@example.com}]}
      escalation_policies:
        - name: payments
          steps: [{delay: 5m, targets: [{user: ana}]}]
      incident_policy:
        severities:
          - {name: SEV1, paging: always}
          - {name: SEV2, paging: business-hours}
        rules:
          - {name: down, severity: SEV1, alert_severities: [critical]}
        default_severity: SEV2
      services:
        - {name: checkout, team: payments, tier: 1, escalation_policy: payments}
      integrations:
        - {name: monitoring, type: events, service: checkout}
      """;

  @Autowired
  Scenario scenario;
  @Autowired
  AlertIngest ingest;
  @Autowired
  IncidentService incidents;
  @Autowired
  CatalogQueries catalog;
  @Autowired
  JdbcClient jdbc;

  @Test
  void anIngestBatchAndAPersonsChangesPublishTheIncidentAsTheChangeLeftIt(ApplicationEvents events) {
    scenario.given(CATALOG);
    long integrationId = jdbc.sql("select id from integration where name = 'monitoring'").query(Long.class).single();
    Catalog.Integration integration = catalog.one(CatalogKind.INTEGRATION, "monitoring", Catalog.Integration.class)
        .orElseThrow().object();

    // One batch opening two incidents of different severities.
    Instant before = scenario.now().truncatedTo(ChronoUnit.MICROS);
    ingest.ingest(integrationId, integration, List.of(
        trigger("db-down", "Database down", AlertSeverity.CRITICAL),
        trigger("slow", "Checkout slow", AlertSeverity.WARNING)));
    List<IncidentChanged> opened = changes(events);
    assertThat(opened).extracting(IncidentChanged::change).containsExactly(Change.OPENED, Change.OPENED);
    IncidentFacts down = opened.get(0).incident();
    assertThat(down.title()).isEqualTo("Database down");
    assertThat(down.service()).isEqualTo("checkout");
    assertThat(down.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(down.severity()).isEqualTo("SEV1");
    assertThat(down.urgency()).isEqualTo("high");
    assertThat(down.createdAt()).isBetween(before, scenario.now());
    assertThat(opened.get(1).incident().severity()).isEqualTo("SEV2");
    assertThat(opened.get(1).incident().urgency()).isEqualTo("low");
    assertThat(opened.get(1).incidentId()).isNotEqualTo(down.id());

    events.clear();
    scenario.advance(Duration.ofMinutes(2));
    before = scenario.now().truncatedTo(ChronoUnit.MICROS);
    incidents.acknowledge(down.id(), "ana", "web");
    IncidentChanged acknowledged = changes(events).get(0);
    assertThat(acknowledged.change()).isEqualTo(Change.ACKNOWLEDGED);
    assertThat(acknowledged.actor()).isEqualTo("ana");
    assertThat(acknowledged.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(acknowledged.incident().acknowledgedAt()).isBetween(before, scenario.now());

    events.clear();
    scenario.advance(Duration.ofMinutes(3));
    before = scenario.now().truncatedTo(ChronoUnit.MICROS);
    incidents.resolve(down.id(), "ana", "web");
    IncidentChanged resolved = changes(events).get(0);
    assertThat(resolved.change()).isEqualTo(Change.RESOLVED);
    assertThat(resolved.incident().resolved()).isTrue();
    assertThat(resolved.incident().resolvedAt()).isBetween(before, scenario.now());
    assertThat(resolved.incident().resolvedBy()).isEqualTo("ana");
    assertThat(resolved.incident().createdAt()).isEqualTo(down.createdAt());

    // A batch of resolves: the incident it resolves is published resolved, by nobody.
    events.clear();
    ingest.ingest(integrationId, integration, List.of(new AlertEvent("events", "slow", AlertEvent.Action.RESOLVE,
        null, null, Map.of(), Map.of(), List.of(), null, null)));
    IncidentChanged autoResolved = changes(events).get(0);
    assertThat(autoResolved.change()).isEqualTo(Change.RESOLVED);
    assertThat(autoResolved.incidentId()).isEqualTo(opened.get(1).incidentId());
    assertThat(autoResolved.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(autoResolved.incident().resolvedBy()).isNull();
  }

  static AlertEvent trigger(String fingerprint, String summary, AlertSeverity severity) {
    return new AlertEvent("events", fingerprint, AlertEvent.Action.TRIGGER, summary, severity, Map.of(), Map.of(),
        List.of(), null, null);
  }

  static List<IncidentChanged> changes(ApplicationEvents events) {
    return events.stream(IncidentChanged.class).toList();
  }
}
