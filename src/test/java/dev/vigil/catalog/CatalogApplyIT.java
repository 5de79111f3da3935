package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plan and apply of a catalog against the embedded PostgreSQL: create, no-op, update, delete, adopt, roll back. */
@IntegrationTest
class CatalogApplyIT {

  static final String SOURCE = "/etc/vigil/vigil.yaml";

  static final String BASE = """
      version: 1
      teams:
        - name: platform
          members: [alice]
        - name: payments
          members: [bob]
      users:
        - name: alice
          full_name: Alice Martin
          email: alice@example.com
          time_zone: Europe/Paris
          role: admin
          contact_methods:
            - type: email
              address: alice@example.com
        - name: bob
          full_name: Bob Stone
          email: bob@example.com
          time_zone: America/New_York
          role: responder
      services:
        - name: postgres
          team: platform
          tier: 1
          kind: postgres
          escalation_policy: platform
        - name: api
          team: platform
          tier: 1
          kind: http-service
          depends_on: [postgres]
          escalation_policy: platform
        - name: payment
          team: payments
          tier: 2
          kind: http-service
          depends_on: [postgres, api]
      integrations:
        - name: prometheus
          type: alertmanager
          service: api
      schedules:
        - name: platform-weekly
          time_zone: Europe/Paris
          layers:
            - name: weekly
              rotation: weekly
              start: "2026-01-05T09:00"
              participants: [alice, bob]
      escalation_policies:
        - name: platform
          repeat: 1
          steps:
            - delay: 10m
              targets: [{schedule: platform-weekly}]
      customers:
        - name: Acme Travel
          contacts: [alice]
          contracts:
            - name: acme-2026
              services: [api]
              availability: 99.9
              period: monthly
      """;

  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void emptyCatalog() {
    TestCatalogs.reset(jdbc);
  }

  static Catalog load(String yaml) {
    return TestCatalogs.load(yaml);
  }

  @Test
  void firstApplyCreatesEverythingAndSecondChangesNothing() {
    Catalog declared = load(BASE);

    Plan plan = catalog.plan(declared, SOURCE);
    assertThat(plan.changes()).allMatch(c -> c.action() == Plan.Action.CREATE).hasSize(11);
    assertThat(jdbc.sql("select count(*) from service").query(Long.class).single())
        .as("a plan changes nothing").isZero();

    catalog.apply(declared, SOURCE, "sha-1");
    assertThat(jdbc.sql("select count(*) from service").query(Long.class).single()).isEqualTo(3);
    assertThat(jdbc.sql("""
            select d.name from service_dependency sd join service s on s.id = sd.service_id
            join service d on d.id = sd.depends_on_id where s.name = 'payment' order by d.name""")
        .query(String.class).list()).containsExactly("api", "postgres");
    assertThat(jdbc.sql("""
            select u.name from team_member m join team t on t.id = m.team_id
            join app_user u on u.id = m.user_id where t.name = 'platform'""").query(String.class).list())
        .containsExactly("alice");
    assertThat(queries.catalog()).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(declared);

    Plan again = catalog.apply(load(BASE), SOURCE, "sha-1");
    assertThat(again.empty()).isTrue();
    assertThat(again.render()).contains("No changes");
    assertThat(jdbc.sql("select count(*) from catalog_version").query(Long.class).single())
        .as("a no-op apply records no new version").isEqualTo(1);
  }

  @Test
  void changedFieldsAreUpdatesAndRemovedObjectsAreDeleted() {
    catalog.apply(load(BASE), SOURCE, "sha-1");
    String changed = BASE
        .replace("    tier: 2\n    kind: http-service\n    depends_on: [postgres, api]",
            "    tier: 1\n    kind: http-service\n    depends_on: [postgres]")
        .replace("services: [api]", "services: [api, payment]")
        .replace("integrations:\n  - name: prometheus\n    type: alertmanager\n    service: api\n", "");
    Plan plan = catalog.apply(load(changed), SOURCE, "sha-2");

    assertThat(plan.changes()).extracting(c -> c.action() + " " + c.kind() + " " + c.name() + " " + c.fields())
        .containsExactly(
            "UPDATE SERVICE payment [depends_on, tier]",
            "UPDATE CUSTOMER Acme Travel [contracts]",
            "DELETE INTEGRATION prometheus []");
    assertThat(plan.render()).contains(
        "~ service payment\n      depends_on: [postgres, api] -> [postgres]\n      tier: 2 -> 1\n",
        "~ customer Acme Travel\n      contracts[acme-2026].services: [api] -> [api, payment]\n",
        "- integration prometheus", "Plan: 0 to create, 2 to update, 1 to delete.");
    assertThat(jdbc.sql("select tier from service where name = 'payment'").query(Integer.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from integration").query(Long.class).single()).isZero();
  }

  @Test
  void generatedIntegrationKeysSurviveReapplyAndDeclaredKeysReplaceThem() {
    catalog.apply(load(BASE), SOURCE, "sha-1");
    String generated = queries.integrationKeys().get("prometheus");
    assertThat(generated).hasSizeGreaterThanOrEqualTo(40);

    catalog.apply(load(BASE), SOURCE, "sha-1");
    assertThat(queries.integrationKeys().get("prometheus")).isEqualTo(generated);

    String declared = "declared-key-for-gitops-0123456789";
    Plan plan = catalog.apply(load(BASE.replace("    service: api\nschedules:",
        "    service: api\n    key: " + declared + "\nschedules:")), SOURCE, "sha-3");
    assertThat(plan.changes()).extracting(Plan.Change::name, Plan.Change::fields)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("prometheus", List.of("key")));
    assertThat(plan.render()).contains("~ integration prometheus\n      key: changed\n").doesNotContain(declared);
    assertThat(queries.integrationKeys().get("prometheus")).isEqualTo(declared);
    assertThat(jdbc.sql("select spec::text from integration").query(String.class).single())
        .as("the declared key is not kept in plain text").doesNotContain(declared);
  }

  @Test
  void objectsCreatedThroughTheApiAreAdoptedNotDeleted() {
    catalog.apply(load(BASE), SOURCE, "sha-1");
    jdbc.sql("""
            insert into team (name, spec, managed_by, created_at, updated_at)
            values ('adhoc', '{"name":"adhoc"}', null, now(), now())""").update();

    Plan plan = catalog.plan(load(BASE), SOURCE);
    assertThat(plan.empty()).as("an unmanaged team is not the file's to delete").isTrue();

    Plan adopt = catalog.apply(load(BASE.replace("teams:\n", "teams:\n  - name: adhoc\n")), SOURCE, "sha-2");
    assertThat(adopt.changes()).as("its content does not change").isEmpty();
    assertThat(adopt.moves()).containsExactly(new Plan.Move(CatalogKind.TEAM, "adhoc", null, SOURCE));
    assertThat(adopt.render()).contains("1 object made through the API comes under " + SOURCE + ": team adhoc");
    assertThat(jdbc.sql("select managed_by from team where name = 'adhoc'").query(String.class).single())
        .isEqualTo(SOURCE);
  }

  @Test
  void aFailingApplyChangesNothing() {
    catalog.apply(load(BASE), SOURCE, "sha-1");
    // A service created through the API depends on 'payment'; a file that drops 'payment' cannot be applied
    // without breaking it, so the whole apply must roll back, including its earlier creates and updates.
    jdbc.sql("""
            insert into service (name, team_id, tier, kind, spec, created_at, updated_at)
            select 'reporting', id, 3, 'worker', '{"name":"reporting"}', now(), now() from team where name = 'payments'""")
        .update();
    jdbc.sql("""
            insert into service_dependency (service_id, depends_on_id) select r.id, p.id from service r, service p
            where r.name = 'reporting' and p.name = 'payment'""").update();
    String withoutPayment = BASE
        .replace("  - name: payment\n    team: payments\n    tier: 2\n    kind: http-service\n"
            + "    depends_on: [postgres, api]\n", "")
        .replace("teams:\n", "teams:\n  - name: newcomers\n");
    assertThat(withoutPayment).doesNotContain("name: payment\n").contains("newcomers");
    Catalog declared = load(withoutPayment);

    assertThatThrownBy(() -> catalog.apply(declared, SOURCE, "sha-2"))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

    assertThat(jdbc.sql("select count(*) from team where name = 'newcomers'").query(Long.class).single())
        .as("the create before the failure was rolled back").isZero();
    assertThat(jdbc.sql("select count(*) from service where name = 'payment'").query(Long.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from catalog_version").query(Long.class).single()).isEqualTo(1);
  }
}
