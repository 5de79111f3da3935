package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestCatalogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans from a stored catalog to a declared one: each changed value by its path with before and after, credentials
 * hidden, and objects that only come under another file summed up apart from the changes.
 */
class PlanTest {

  static final String FILE = "/etc/vigil.yaml";
  static final String COPY = "/tmp/copy.yaml";

  /** The catalog of the apply tests, with probes holding a password and an Authorization header, and a key. */
  static final String BASE = edit(edit(edit(CatalogApplyIT.BASE,
      "    kind: postgres\n", """
          kind: postgres
          probes:
            - name: database
              kind: postgres
              postgres:
                host: db.internal
                user: monitor
                password: first-password
      """),
      "    depends_on: [postgres]\n", """
          depends_on: [postgres]
          probes:
            - name: health
              kind: http
              http:
                url: https://api.example.com/health
                headers:
                  Authorization: Bearer first-token
                  Accept: application/json
      """),
      "    service: api\n", "    service: api\n    key: first-key-0123456789abcdef0123456789\n");

  /** The catalog as a node that applied {@code yaml} from {@code managedBy} stores it. */
  static Map<CatalogKind, Map<String, CatalogRepository.Stored>> stored(String yaml, String managedBy) {
    Catalog catalog = TestCatalogs.load(yaml);
    Map<CatalogKind, Map<String, CatalogRepository.Stored>> stored = new LinkedHashMap<>();
    long id = 1;
    for (CatalogKind kind : CatalogKind.values()) {
      Map<String, CatalogRepository.Stored> byName = new LinkedHashMap<>();
      for (Object object : CatalogService.objects(catalog, kind)) {
        String name = CatalogService.name(object);
        byName.put(name, new CatalogRepository.Stored(id++, name, CatalogRepository.spec(kind, object), managedBy));
      }
      stored.put(kind, byName);
    }
    return stored;
  }

  static Plan plan(Map<CatalogKind, Map<String, CatalogRepository.Stored>> stored, String yaml, String source) {
    return CatalogService.plan(TestCatalogs.load(yaml), source, stored::get);
  }

  static String edit(String yaml, String from, String to) {
    assertThat(yaml).contains(from);
    return yaml.replace(from, to);
  }

  @Test
  void changedValuesShowTheirPathWithBeforeAndAfter() {
    String edited = edit(edit(edit(edit(edit(edit(BASE,
        "    tier: 2\n", "    tier: 1\n"),
        "depends_on: [postgres]\n", "depends_on: []\n"),
        "participants: [alice, bob]", "participants: [bob]"),
        "- delay: 10m", "- delay: 15m"),
        "        address: alice@example.com", "        address: alice.martin@example.com"),
        "        period: monthly\n", "        period: monthly\n      - name: acme-2027\n        services: [api]\n"
            + "        availability: 99.95\n        period: quarterly\n");

    Plan plan = plan(stored(BASE, FILE), edited, FILE);

    assertThat(plan.changes()).extracting(c -> c.action() + " " + c.kind().label() + " " + c.name() + " " + c.fields())
        .containsExactly(
            "UPDATE user alice [contact_methods]",
            "UPDATE schedule platform-weekly [layers]",
            "UPDATE escalation policy platform [steps]",
            "UPDATE service api [depends_on]",
            "UPDATE service payment [tier]",
            "UPDATE customer Acme Travel [contracts]");
    assertThat(plan.moves()).isEmpty();
    assertThat(plan.render()).isEqualTo("""
          ~ user alice
              contact_methods[0].address: alice@example.com -> alice.martin@example.com
          ~ schedule platform-weekly
              layers[weekly].participants: [alice, bob] -> [bob]
          ~ escalation policy platform
              steps[0].delay: 10m -> 15m
          ~ service api
              depends_on: [postgres] -> (none)
          ~ service payment
              tier: 2 -> 1
          ~ customer Acme Travel
              contracts[acme-2027]: (none) -> {name: acme-2027, services: [api], availability: 99.95, period: quarterly}
        Plan: 0 to create, 6 to update, 0 to delete.
        """);
  }

  @Test
  void credentialsAreSaidToChangeWithoutBeingShown() {
    String edited = edit(edit(edit(BASE,
        "password: first-password", "password: second-password"),
        "Authorization: Bearer first-token", "Authorization: Bearer second-token"),
        "key: first-key-0123456789abcdef0123456789", "key: second-key-0123456789abcdef012345678");
    edited = edit(edited, "Accept: application/json", "Accept: text/plain");

    Plan plan = plan(stored(BASE, FILE), edited, FILE);

    assertThat(plan.changes()).flatExtracting(Plan.Change::differences).extracting(Plan.FieldChange::render)
        .containsExactly(
            "probes[database].postgres.password: changed",
            "probes[health].http.headers.Accept: application/json -> text/plain",
            "probes[health].http.headers.Authorization: changed",
            "key: changed");
    assertThat(plan.render()).doesNotContain("first-", "second-", "sha256");
  }

  @Test
  void credentialsInsideAWholeValueAreMasked() {
    String edited = edit(BASE, "          password: first-password\n",
        "          password: first-password\n      - name: replica\n        kind: postgres\n"
            + "        postgres:\n          url: jdbc:postgresql://db-2.internal/app?user=monitor&password=replica-pw\n"
            + "      - name: search\n        kind: elasticsearch\n"
            + "        elasticsearch:\n          url: https://monitor:search-pw@es.internal:9200\n");

    Plan plan = plan(stored(BASE, FILE), edited, FILE);

    assertThat(plan.changes()).flatExtracting(Plan.Change::differences).extracting(Plan.FieldChange::render)
        .containsExactly(
            "probes[replica]: (none) -> {name: replica, kind: postgres, postgres: {url: (secret)}}",
            "probes[search]: (none) -> {name: search, kind: elasticsearch, elasticsearch: {url: (secret)}}");
    assertThat(plan.render()).doesNotContain("replica-pw", "search-pw");
  }

  @Test
  void objectsThatOnlyMoveToAnotherFileAreOneLineAndNoUpdate() {
    Plan plan = plan(stored(BASE, FILE), BASE, COPY);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.count(Plan.Action.UPDATE)).isZero();
    assertThat(plan.moves()).hasSize(11).allMatch(m -> m.from().equals(FILE) && m.to().equals(COPY));
    assertThat(plan.empty()).as("the objects' owner is still written").isFalse();
    assertThat(plan.render()).isEqualTo("""
        No object's content changes.
          11 objects move from /etc/vigil.yaml to /tmp/copy.yaml
        Plan: 0 to create, 0 to update, 0 to delete.
        """);
  }

  @Test
  void aMoveWithEditsListsOnlyTheEdits() {
    String edited = edit(edit(BASE, "    tier: 2\n", "    tier: 3\n"),
        "users:\n", "users:\n  - name: zoe\n    full_name: Zoe Laurent\n    email: zoe@example.com\n"
            + "    time_zone: Europe/Paris\n    role: viewer\n");

    Plan plan = plan(stored(BASE, FILE), edited, COPY);

    assertThat(plan.render()).isEqualTo("""
          + user zoe
          ~ service payment
              tier: 2 -> 3
          11 objects move from /etc/vigil.yaml to /tmp/copy.yaml
        Plan: 1 to create, 1 to update, 0 to delete.
        """);
  }

  @Test
  void objectsMadeThroughTheApiComeUnderTheFileByName() {
    Map<CatalogKind, Map<String, CatalogRepository.Stored>> stored = stored(BASE, FILE);
    stored.get(CatalogKind.TEAM).put("adhoc", new CatalogRepository.Stored(99, "adhoc",
        SpecMapper.toSpec(new Catalog.Team("adhoc", null, List.of(), null)), null));

    Plan plan = plan(stored, edit(BASE, "teams:\n", "teams:\n  - name: adhoc\n"), FILE);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.moves()).containsExactly(new Plan.Move(CatalogKind.TEAM, "adhoc", null, FILE));
    assertThat(plan.render()).contains("  1 object made through the API comes under /etc/vigil.yaml: team adhoc\n");
  }
}
