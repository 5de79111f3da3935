package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Declarations written as JSON through the API: the file's checks, with problems at JSON paths. */
class JsonDeclarationsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A stored catalog with the team a service needs. */
  static final Catalog CATALOG = new Catalog(1, List.of(new Catalog.Team("web", null, List.of(), null)), List.of(),
      List.of(), List.of(), List.of(), List.of(), List.of(), null);

  static JsonDeclarations.Checked<Catalog.Service> service(String name, JsonNode probes, JsonNode windows) {
    return JsonDeclarations.service(CATALOG, new Catalog.Service(name, null, "web", 3, Catalog.ServiceKind.WEB,
        List.of(), null, null, null, null, Map.of(), null), probes, windows);
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void validProbesAndWindowsBindLikeTheFile() {
    var checked = service("shop", json("""
        [{"name": "home", "kind": "http", "interval": "30s", "failures_before_down": 3,
          "http": {"url": "http://127.0.0.1:8080/", "expected_status": [200, 204], "follow_redirects": false}},
         {"name": "db", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 5432}}]
        """), json("""
        [{"time_zone": "UTC", "start": "2026-12-05T22:00", "end": "2026-12-05T23:00", "name": "upgrade"}]
        """));
    assertThat(checked.problems()).isEmpty();
    Catalog.Probe home = checked.value().probes().getFirst();
    assertThat(home.kind()).isEqualTo(Catalog.ProbeKind.HTTP);
    assertThat(home.intervalOrDefault()).hasSeconds(30);
    assertThat(home.failuresBeforeDownOrDefault()).isEqualTo(3);
    assertThat(home.check()).isInstanceOfSatisfying(Catalog.HttpProbe.class, http -> {
      assertThat(http.expectedStatus()).containsExactly(200, 204);
      assertThat(http.followsRedirects()).isFalse();
    });
    assertThat(checked.value().probes().get(1).check())
        .isInstanceOfSatisfying(Catalog.TcpProbe.class, tcp -> assertThat(tcp.port()).isEqualTo(5432));
    assertThat(checked.value().maintenanceWindows().getFirst().end()).isEqualTo("2026-12-05T23:00");
  }

  @Test
  void problemsNameTheJsonPath() {
    var checked = service("shop", json("""
        [{"name": "a", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 1}},
         {"name": "a", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": "many"}},
         {"name": "c", "kind": "http", "http": {"url": "ftp://x", "body_matches": "("}, "colour": "red"},
         {"name": "d", "kind": "gopher"},
         {"name": "e", "kind": "http", "interval": "5s", "timeout": "10s", "http": {"url": "http://x/"}}]
        """), json("""
        [{"time_zone": "Mars/Olympus", "start": "2026-12-05T22:00", "end": "2026-12-05T21:00"}, 7]
        """));
    assertThat(checked.value()).isNull();
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[1].name: duplicate probe name 'a'")
        .contains("first at probes[0].name"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[1].tcp.port: port: expected a"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[2].http.url: invalid url"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[2].http.body_matches:")
        .contains("not a valid regular expression"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[2].colour: unknown key 'colour'"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[3].kind: invalid kind 'gopher'"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("probes[4].timeout: timeout 10s is longer"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith(
        "maintenance_windows[0].time_zone: unknown time zone"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("maintenance_windows[0].end:")
        .contains("not after its start"));
    assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("maintenance_windows[1]: ")
        .contains("expected a mapping"));
  }

  @Test
  void listingsHideSecretsAndRefuseThemBack() {
    var checked = JsonDeclarations.probe("shop", json("""
        {"name": "db", "kind": "postgres", "postgres": {"host": "127.0.0.1", "user": "probe", "password": "hunter2"}}
        """));
    assertThat(checked.problems()).isEmpty();
    JsonNode shown = JsonDeclarations.shown(checked.value());
    assertThat(shown.get("postgres").get("password").asString()).isEqualTo(JsonDeclarations.REDACTED);
    assertThat(shown.get("postgres").get("user").asString()).isEqualTo("probe");
    assertThat(shown.toString()).doesNotContain("hunter2");

    var http = JsonDeclarations.probe("shop", json("""
        {"name": "api", "kind": "http", "http": {"url": "http://127.0.0.1/",
          "headers": {"Authorization": "Bearer abc", "X-Api-Key": "k", "Accept": "application/json"}}}
        """));
    JsonNode headers = JsonDeclarations.shown(http.value()).get("http").get("headers");
    assertThat(headers.get("Authorization").asString()).isEqualTo(JsonDeclarations.REDACTED);
    assertThat(headers.get("X-Api-Key").asString()).isEqualTo(JsonDeclarations.REDACTED);
    assertThat(headers.get("Accept").asString()).isEqualTo("application/json");

    var sentBack = JsonDeclarations.probe("shop", shown);
    assertThat(sentBack.value()).isNull();
    assertThat(sentBack.problems()).singleElement().satisfies(p -> assertThat(p)
        .startsWith("postgres.password: listings hide secrets"));
  }

  @Test
  void notAListAndMissingFieldsAreNamed() {
    var checked = service("shop", json("{\"name\": \"x\"}"), null);
    assertThat(checked.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("probes: ")
        .contains("expected a list"));
    var one = JsonDeclarations.probe("shop", json("{\"name\": \"x\", \"kind\": \"http\", \"http\": {}}"));
    assertThat(one.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("http: missing required field"
        + " 'url'"));
    var ok = JsonDeclarations.probe("shop", json("{\"name\": \"x\", \"kind\": \"dns\", \"dns\": {\"name\": \"a.b\"}}"));
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.value().check())
        .isInstanceOfSatisfying(Catalog.DnsProbe.class, dns -> assertThat(dns.name()).isEqualTo("a.b"));
  }

  /** The worked example as the database keeps it: every object through its stored spec, secrets hashed. */
  static Catalog storedExample() {
    Catalog file = CatalogLoader.withEnvironment(k -> null).load(Path.of("examples/smuvdrive/vigil.yaml")).catalog();
    return new Catalog(1, stored(CatalogKind.TEAM, file.teams(), Catalog.Team.class),
        stored(CatalogKind.USER, file.users(), Catalog.User.class),
        stored(CatalogKind.SERVICE, file.services(), Catalog.Service.class),
        stored(CatalogKind.INTEGRATION, file.integrations(), Catalog.Integration.class),
        stored(CatalogKind.SCHEDULE, file.schedules(), Catalog.Schedule.class),
        stored(CatalogKind.ESCALATION_POLICY, file.escalationPolicies(), Catalog.EscalationPolicy.class),
        stored(CatalogKind.CUSTOMER, file.customers(), Catalog.Customer.class),
        file.incidentPolicy(), stored(CatalogKind.STATUS_PAGE, file.statusPages(), Catalog.StatusPage.class));
  }

  static <T> List<T> stored(CatalogKind kind, List<T> objects, Class<T> type) {
    return objects.stream().map(o -> SpecMapper.fromSpec(CatalogRepository.spec(kind, o), type)).toList();
  }

  static Catalog.Service service(String name, String team, List<String> dependsOn) {
    return new Catalog.Service(name, null, team, 3, Catalog.ServiceKind.WORKER, dependsOn, null, null, null, null,
        Map.of(), null);
  }

  @Test
  void everyObjectOfTheExampleWrittenBackAsItIsStoredPasses() {
    Catalog example = storedExample();
    for (Catalog.Team team : example.teams()) {
      assertThat(JsonDeclarations.team(example, team).problems()).as(team.name()).isEmpty();
    }
    for (Catalog.User user : example.users()) {
      assertThat(JsonDeclarations.user(example, user).problems()).as(user.name()).isEmpty();
    }
    for (Catalog.Service s : example.services()) {
      // The API takes heartbeat tokens in clear; stored ones are hashes, so these are written without (generated).
      Catalog.Service written = CatalogEdits.withProbes(new Catalog.Service(s.name(), s.description(), s.team(),
          s.tier(), s.kind(), s.dependsOn(), s.runbookUrl(), s.rto(), s.rpo(), s.escalationPolicy(), s.tags(),
          s.supportHours(), s.heartbeats().stream().map(h -> new Catalog.Heartbeat(h.name(), h.description(),
              h.period(), h.cron(), h.timeZone(), h.grace(), h.severity(), null)).toList(), null, null, s.impact(),
          s.correlateUpstream(), s.subscribers(), null, s.slos(), s.errorBudgetPolicy()), List.of(), List.of());
      var checked = JsonDeclarations.service(example, written,
          JSON.valueToTree(s.probes().stream().map(SpecMapper::declared).toList()),
          JSON.valueToTree(s.maintenanceWindows().stream().map(SpecMapper::declared).toList()));
      assertThat(checked.problems()).as(s.name()).isEmpty();
      assertThat(checked.value().probes()).isEqualTo(s.probes());
      assertThat(checked.value().rto()).isEqualTo(s.rto());
      assertThat(checked.value().impact()).isEqualTo(s.impact());
      assertThat(checked.value().slos()).isEqualTo(s.slos());
    }
  }

  @Test
  void aDependencyCycleIsFoundWhereverItCloses() {
    Catalog example = storedExample();
    var self = JsonDeclarations.service(example, service("reporting", "sre", List.of("reporting")), null, null);
    assertThat(self.problems()).containsExactly("dependsOn[0]: service 'reporting' depends on itself");

    Catalog.Service postgres = example.service("postgres-primary").orElseThrow();
    String dependent = example.services().stream().filter(s -> s.dependsOn().contains(postgres.name()))
        .map(Catalog.Service::name).findFirst().orElseThrow();
    var cycle = JsonDeclarations.service(example, service(postgres.name(), postgres.team(), List.of(dependent)),
        null, null);
    assertThat(cycle.value()).isNull();
    assertThat(cycle.problems()).singleElement().satisfies(p -> assertThat(p)
        .contains("dependency cycle: ").contains(dependent + " -> " + postgres.name())
        .contains(postgres.name() + " -> " + dependent));
  }

  @Test
  void checksTheFileHadAndTheApiLackedApplyToTeamsUsersAndServices() {
    Catalog example = storedExample();
    String team = example.teams().getFirst().name();
    assertThat(JsonDeclarations.team(example, new Catalog.Team("growth", null, List.of("nobody"), "Growth Team"))
        .problems()).containsExactly(
            "members[0]: undefined user 'nobody'; declare it under users",
            "slackChannel: invalid slack_channel 'Growth Team': expected a Slack channel such as #payments");

    Catalog.User user = new Catalog.User("zed", null, "zed@example.com", "Europe/Berlin", "responder",
        List.of(new Catalog.ContactMethod(Catalog.ContactType.SMS, "0151 1234", null)),
        new Catalog.ShiftNotice(java.time.Duration.ofHours(-1), null));
    assertThat(JsonDeclarations.user(example, user).problems()).containsExactly(
        "contactMethods[0].address: address '0151 1234' is not a phone number in E.164 form, such as +4915112345678"
            + " (contact method type sms)",
        "shiftNotice.before: before: 'PT-1H' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M");

    Catalog.Service hours = new Catalog.Service("batch", null, team, 3, Catalog.ServiceKind.WORKER, List.of(),
        "ftp://runbooks/batch", java.time.Duration.ZERO, null, null, Map.of(),
        new Catalog.SupportHours("UTC", List.of("monday"), "9:00", "17:00"));
    assertThat(JsonDeclarations.service(example, hours, null, null).problems()).containsExactly(
        "runbookUrl: invalid runbook_url 'ftp://runbooks/batch': expected an http:// or https:// URL",
        "rto: rto must be longer than zero, got 'PT0S'",
        "supportHours.days[0]: invalid days 'monday'; expected one of: mon, tue, wed, thu, fri, sat, sun",
        "supportHours.from: from: expected a time of day HH:MM (24-hour clock), got '9:00'");
  }

  @Test
  void aHeartbeatTokenAnotherServiceUsesIsRefusedThoughItIsStoredHashed() {
    Catalog file = CatalogLoader.withEnvironment(k -> null).load("v.yaml", """
        version: 1
        teams: [{name: ops}]
        services:
          - name: billing
            team: ops
            tier: 2
            heartbeats: [{name: nightly, period: 1d, token: nightly-export-token-0001}]
        """).catalog();
    Catalog stored = new Catalog(1, file.teams(), List.of(),
        stored(CatalogKind.SERVICE, file.services(), Catalog.Service.class), List.of(), List.of(), List.of(),
        List.of(), null);
    Catalog.Service reports = new Catalog.Service("reports", null, "ops", 3, Catalog.ServiceKind.WORKER, List.of(),
        null, null, null, null, Map.of(), null, List.of(new Catalog.Heartbeat("weekly", null,
        java.time.Duration.ofDays(7), null, null, null, null, "nightly-export-token-0001")), null, null, null, null,
        null);
    assertThat(JsonDeclarations.service(stored, reports, null, null).problems()).singleElement()
        .satisfies(p -> assertThat(p).startsWith("heartbeats[0].token: heartbeat token already used at service"
            + " 'billing' heartbeats[0].token"));
    Catalog.Service billingAgain = stored.services().getFirst();
    assertThat(JsonDeclarations.service(stored, new Catalog.Service("billing", null, "ops", 2, null, List.of(), null,
        null, null, null, Map.of(), null, List.of(new Catalog.Heartbeat("nightly", null, java.time.Duration.ofDays(1),
        null, null, null, null, "nightly-export-token-0001")), null, null, null, null, null), null, null).problems())
        .as("replacing %s keeps its own token", billingAgain.name()).isEmpty();
  }
}
