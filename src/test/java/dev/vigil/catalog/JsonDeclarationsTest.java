package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Probes and maintenance windows as JSON: the file's checks, with problems at JSON paths. */
class JsonDeclarationsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void validProbesAndWindowsBindLikeTheFile() {
    var checked = JsonDeclarations.service("shop", json("""
        [{"name": "home", "kind": "http", "interval": "30s", "failures_before_down": 3,
          "http": {"url": "http://127.0.0.1:8080/", "expected_status": [200, 204], "follow_redirects": false}},
         {"name": "db", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 5432}}]
        """), json("""
        [{"time_zone": "UTC", "start": "2026-12-05T22:00", "end": "2026-12-05T23:00", "name": "upgrade"}]
        """));
    assertThat(checked.problems()).isEmpty();
    Catalog.Probe home = checked.value().getKey().getFirst();
    assertThat(home.kind()).isEqualTo(Catalog.ProbeKind.HTTP);
    assertThat(home.intervalOrDefault()).hasSeconds(30);
    assertThat(home.failuresBeforeDownOrDefault()).isEqualTo(3);
    assertThat(home.http().expectedStatus()).containsExactly(200, 204);
    assertThat(home.http().followsRedirects()).isFalse();
    assertThat(checked.value().getKey().get(1).tcp().port()).isEqualTo(5432);
    assertThat(checked.value().getValue().getFirst().end()).isEqualTo("2026-12-05T23:00");
  }

  @Test
  void problemsNameTheJsonPath() {
    var checked = JsonDeclarations.service("shop", json("""
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
    var checked = JsonDeclarations.service("shop", json("{\"name\": \"x\"}"), null);
    assertThat(checked.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("probes: ")
        .contains("expected a list"));
    var one = JsonDeclarations.probe("shop", json("{\"name\": \"x\", \"kind\": \"http\", \"http\": {}}"));
    assertThat(one.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("http: missing required field"
        + " 'url'"));
    var ok = JsonDeclarations.probe("shop", json("{\"name\": \"x\", \"kind\": \"dns\", \"dns\": {\"name\": \"a.b\"}}"));
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.value().dns().name()).isEqualTo("a.b");
  }
}
