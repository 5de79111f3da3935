package dev.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every route with no token, a wrong token, a revoked token and each role: deny by default. */
@IntegrationTest
class ApiAuthorizationIT {

  @LocalServerPort int port;
  @Autowired TokenService tokens;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  String token(Role role) {
    return role == Role.AGENT ? tokens.issue("test agent", role, "test-location", "test").token()
        : role == Role.DEPLOYER ? tokens.issue("test deployer", role, null,
            new ApiPrincipal.DeployScope(List.of(), List.of("nope")), "test").token()
        : tokens.issue("test " + role, role, "test").token();
  }

  @Test
  void goodWrongAndRevokedTokens() {
    assertThat(api.get("/api/v1/teams", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(200);

    Api.Response wrong = api.get("/api/v1/teams", "vgl_not-a-real-token");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    assertThat(wrong.json().get("detail").asString()).contains("unknown or has been revoked");

    Api.Response none = api.get("/api/v1/teams", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

    Api.Response created = api.post("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN,
        "{\"name\": \"ci pipeline\", \"role\": \"viewer\"}");
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asString();
    long id = created.json().get("id").asLong();
    assertThat(api.get("/api/v1/services", token).status()).isEqualTo(200);

    Api.Response listed = api.get("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN);
    assertThat(listed.body()).contains("ci pipeline").doesNotContain(token);

    assertThat(api.delete("/api/v1/tokens/" + id, IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/services", token).status()).as("revoked").isEqualTo(401);
    assertThat(api.delete("/api/v1/tokens/999999", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(404);
  }

  @Test
  void malformedAuthorizationHeaderIs401() {
    var response = api.send("GET", "/api/v1/teams", null, java.net.http.HttpRequest.BodyPublishers.noBody());
    assertThat(response.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/teams", "").status()).isEqualTo(401);
  }

  /**
   * Route, method, and the lowest role allowed: "none" for public routes, "key" for alert intake, which needs no
   * token because the integration key in the path or body is the credential (an unknown key is a 404 or 400),
   * "signed" for routes whose own signature is the credential, "calendar" for feeds that only a calendar token in the
   * URL opens (a bearer token does not).
   */
  @ParameterizedTest(name = "{1} {0} needs {2}")
  @CsvSource({
      "/api/v1/teams, GET, viewer",
      "/api/v1/teams/nope, GET, viewer",
      "/api/v1/users, GET, viewer",
      "/api/v1/users/nope, GET, viewer",
      "/api/v1/services, GET, viewer",
      "/api/v1/services/nope, GET, viewer",
      "/api/v1/catalog/version, GET, viewer",
      "/api/v1/integrations, GET, admin",
      "/api/v1/tokens, GET, admin",
      "/api/v1/tokens, POST, admin",
      // An id no token has: revoking token 1 would revoke the admin token other tests share.
      "/api/v1/tokens/987654321, DELETE, admin",
      "/api/v1/teams/x, PUT, admin",
      "/api/v1/teams/x, DELETE, admin",
      "/api/v1/users/x, PUT, admin",
      "/api/v1/users/x, DELETE, admin",
      "/api/v1/services/x, PUT, admin",
      "/api/v1/services/x, DELETE, admin",
      "/api/v1/incidents, GET, viewer",
      "/api/v1/incidents/1, GET, viewer",
      "/api/v1/incidents/1/acknowledge, POST, responder",
      "/api/v1/incidents/1/resolve, POST, responder",
      "/api/v1/incidents/1/escalate, POST, responder",
      "/api/v1/incidents/1/notes, POST, responder",
      // Remote agents: only a token of role agent, which no other role includes.
      "/api/v1/agent/probes, GET, agent",
      "/api/v1/agent/results, POST, agent",
      "/api/v1/probes, GET, viewer",
      "/api/v1/probes/1, GET, viewer",
      "/api/v1/probes/1/results, GET, viewer",
      "/api/v1/probes/1/uptime, GET, viewer",
      "/api/v1/probes/1/rollups, GET, viewer",
      "/api/v1/probes/locations, GET, viewer",
      "/api/v1/services/x/probes/y, GET, viewer",
      "/api/v1/services/x/probes/y, PUT, admin",
      "/api/v1/services/x/probes/y, DELETE, admin",
      "/api/v1/maintenance-windows, GET, viewer",
      "/api/v1/maintenance-windows/987654321, GET, viewer",
      "/api/v1/maintenance-windows, POST, responder",
      "/api/v1/maintenance-windows/987654321, DELETE, responder",
      "/api/v1/incidents/1/mitigate, POST, responder",
      "/api/v1/incidents/1/severity, POST, responder",
      "/api/v1/incidents/1/roles, POST, responder",
      "/api/v1/incidents/1/roles/commander, DELETE, responder",
      "/api/v1/incidents/1/responders, POST, responder",
      "/api/v1/incidents/1/merge, POST, responder",
      "/api/v1/incidents/1/split, POST, responder",
      "/api/v1/incidents/1/status-updates, POST, responder",
      "/api/v1/incidents/1/status-updates, GET, viewer",
      "/api/v1/incidents/1/postmortem, GET, viewer",
      "/api/v1/incidents/1/postmortem.md, GET, viewer",
      "/api/v1/incidents/1/postmortem, PUT, responder",
      "/api/v1/incidents/1/postmortem/action-items, POST, responder",
      "/api/v1/incidents/1/postmortem/action-items/1, PATCH, responder",
      "/api/v1/incidents/1/postmortem/action-items/1, DELETE, responder",
      "/api/v1/postmortems, GET, viewer",
      "/api/v1/reports/reliability, GET, viewer",
      "/api/v1/reports/incidents, GET, viewer",
      "/api/v1/customers/nope/sla, GET, viewer",
      "/api/v1/customers/nope/sla/statement?period=2026-11, GET, viewer",
      "/api/v1/monitoring/prometheus, GET, viewer",
      "/api/v1/slos, GET, viewer",
      "/api/v1/slos/nope, GET, viewer",
      "/api/v1/services/nope/error-budget, GET, viewer",
      "/api/v1/coverage, GET, viewer",
      "/api/v1/integrations/nope/alertmanager, POST, key",
      "/api/v1/integrations/nope/grafana, POST, key",
      "/api/v1/integrations/nope/events, POST, key",
      "/v2/enqueue, POST, key",
      "/v2/change/enqueue, POST, key",
      // Deploy pipelines: a deployer token, scoped to services or teams, or an admin's.
      "/api/v1/deploys, POST, deployer",
      "/api/v1/deploys/nope/phases, POST, deployer",
      "/api/v1/changes, POST, deployer",
      "/api/v1/services/nope/deploy-gate/override, POST, deployer",
      "/api/v1/services/nope/deploy-gate, GET, viewer",
      "/api/v1/deploys/nope, GET, viewer",
      "/api/v1/changes, GET, viewer",
      "/api/v1/incidents/1/changes, GET, viewer",
      "/api/v1/incidents/1/changes/nope/verdict, POST, responder",
      "/api/v1/heartbeats, GET, viewer",
      "/api/v1/services/x/heartbeats/y, GET, viewer",
      "/api/v1/services/x/heartbeats/y/pings, GET, viewer",
      // Heartbeat pings: the token in the path is the credential, like an integration key.
      "/api/v1/heartbeats/not-a-token, GET, key",
      "/api/v1/heartbeats/not-a-token, POST, key",
      "/api/v1/heartbeats/not-a-token/start, GET, key",
      "/api/v1/heartbeats/not-a-token/fail, POST, key",
      "/api/v1/heartbeats/not-a-token/0, POST, key",
      "/api/v1/heartbeats/not-a-token, HEAD, key",
      "/api/v1/heartbeats/not-a-token/fail, HEAD, key",
      "/api/v1/heartbeats/not-a-token/, GET, key",
      "/api/v1/heartbeats/not-a-token/fail/, POST, key",
      "/api/v1/openapi.json, GET, none",
      "/actuator/health/readiness, GET, none",
      "/actuator/health/liveness, GET, none",
      "/actuator/prometheus, GET, none",
      "/api/v1/actions/not-a-token, GET, signed",
      "/api/v1/actions/not-a-token, POST, signed",
      "/api/v1/slack/actions, POST, signed",
      "/api/v1/twilio/sms, POST, signed",
      "/api/v1/twilio/status, POST, signed",
      "/api/v1/twilio/voice?incident=1&user=alice, POST, signed",
      "/api/v1/schedules, GET, viewer",
      "/api/v1/schedules/nope, GET, viewer",
      "/api/v1/schedules/nope/shifts, GET, viewer",
      "/api/v1/schedules/nope/gaps, GET, viewer",
      "/api/v1/schedules/nope/overrides, GET, viewer",
      "/api/v1/schedules/nope/overrides, POST, responder",
      "/api/v1/schedules/nope/overrides/1, DELETE, responder",
      "/api/v1/schedules/nope/temporary, GET, viewer",
      "/api/v1/schedules/nope/temporary, POST, responder",
      "/api/v1/schedules/nope/temporary/1, DELETE, responder",
      "/api/v1/schedules/nope/calendar-tokens, GET, responder",
      "/api/v1/schedules/nope/calendar-tokens, POST, responder",
      "/api/v1/users/nope/calendar-tokens, GET, responder",
      "/api/v1/users/nope/calendar-tokens, POST, responder",
      "/api/v1/calendar-tokens/987654321, DELETE, responder",
      "/api/v1/users/nope/shifts, GET, viewer",
      "/api/v1/oncall, GET, viewer",
      "/api/v1/schedules/nope/calendar.ics, GET, calendar",
      "/api/v1/users/nope/calendar.ics, GET, calendar",
  })
  void routeNeedsRole(String path, String method, String lowest) {
    List<Role> order = List.of(Role.VIEWER, Role.RESPONDER, Role.ADMIN);
    if (lowest.equals("signed")) {
      // No bearer token needed or used: the route's own check refuses an unsigned request, token or not.
      List<String> tokens = new java.util.ArrayList<>(java.util.Arrays.asList((String) null));
      order.forEach(role -> tokens.add(token(role)));
      for (String token : tokens) {
        var response = signedRoute(method, path, token);
        assertThat(response.statusCode()).as("%s %s with token %s", method, path, token).isIn(403, 404);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as("answered by the route, not by the bearer-token check")
            .doesNotStartWith("application/problem+json");
      }
      return;
    }
    var body = java.net.http.HttpRequest.BodyPublishers.ofString("{}");
    int anonymous = api.send(method, path, null, body).status();
    if (lowest.equals("calendar")) {
      assertThat(anonymous).as("anonymous %s %s without a calendar token", method, path).isEqualTo(404);
      for (Role role : order) {
        assertThat(api.send(method, path, token(role), body).status()).as("%s %s as %s", method, path, role)
            .isEqualTo(404);
      }
      return;
    }
    if (lowest.equals("key")) {
      assertThat(anonymous).as("anonymous %s %s", method, path).isBetween(400, 499).isNotIn(401, 403);
      for (Role role : order) {
        assertThat(api.send(method, path, token(role), body).status()).as("%s %s as %s", method, path, role)
            .isNotIn(401, 403);
      }
      return;
    }
    if (lowest.equals("deployer")) {
      assertThat(anonymous).as("anonymous %s %s", method, path).isEqualTo(401);
      for (Role role : List.of(Role.VIEWER, Role.RESPONDER, Role.AGENT)) {
        assertThat(api.send(method, path, token(role), body).status()).as("%s %s as %s", method, path, role)
            .isEqualTo(403);
      }
      for (Role role : List.of(Role.DEPLOYER, Role.ADMIN)) {
        assertThat(api.send(method, path, token(role), body).status()).as("%s %s as %s", method, path, role)
            .isNotIn(401, 403);
      }
      return;
    }
    if (lowest.equals("agent")) {
      assertThat(anonymous).as("anonymous %s %s", method, path).isEqualTo(401);
      for (Role role : order) {
        assertThat(api.send(method, path, token(role), body).status()).as("%s %s as %s", method, path, role)
            .isEqualTo(403);
      }
      assertThat(api.send(method, path, token(Role.AGENT), body).status()).as("%s %s as agent", method, path)
          .isNotIn(401, 403);
      return;
    }
    int needed = lowest.equals("none") ? -1 : order.indexOf(Role.valueOf(lowest.toUpperCase()));
    if (needed >= 0) {
      assertThat(api.send(method, path, token(Role.AGENT), body).status()).as("%s %s as agent", method, path)
          .isEqualTo(403);
    }
    if (needed < 0) {
      assertThat(anonymous).as("anonymous %s %s", method, path).isBetween(200, 299);
      return;
    }
    assertThat(anonymous).as("anonymous %s %s", method, path).isEqualTo(401);
    for (int i = 0; i < order.size(); i++) {
      int status = api.send(method, path, token(order.get(i)), body).status();
      if (i < needed) {
        assertThat(status).as("%s %s as %s", method, path, order.get(i)).isEqualTo(403);
      } else {
        assertThat(status).as("%s %s as %s", method, path, order.get(i)).isNotIn(401, 403);
      }
    }
  }

  /** A request as a browser or a provider's webhook sends it, without the route's signature. */
  java.net.http.HttpResponse<String> signedRoute(String method, String path, String token) {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("From=%2B15005550006&Body=4"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return java.net.http.HttpClient.newHttpClient().send(request.build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theDemoMailPageExistsOnlyInTheDemo() {
    assertThat(api.get("/demo/mail", null).status()).as("no mail catcher outside `vigil demo`").isEqualTo(404);
  }

  /**
   * A path no route serves answers 404, and a route's path with a method it does not take 405, to every caller with
   * or without a token: nothing is behind them to protect, and the routes are public in the OpenAPI document. Only
   * routes that exist answer 401 and 403.
   */
  @Test
  void unknownRoutesAreNotFoundForEveryone() {
    List<String> callers = java.util.Arrays.asList(null, token(Role.VIEWER), token(Role.AGENT),
        IntegrationTest.ADMIN_TOKEN);
    for (String token : callers) {
      String who = token == null ? "anonymous" : token.substring(0, 10);
      Api.Response unknown = api.get("/api/v1/nothing-here", token);
      assertThat(unknown.status()).as("%s GET unknown", who).isEqualTo(404);
      assertThat(unknown.contentType()).startsWith("application/problem+json");
      assertThat(api.post("/api/v1/nothing-here", token, "{}").status()).as("%s POST unknown", who).isEqualTo(404);
      assertThat(api.delete("/api/v1/incidents/1/nothing", token).status()).as(who).isEqualTo(404);
      assertThat(api.get("/admin", token).status()).as(who).isEqualTo(404);
      assertThat(api.get("/actuator/env", token).status()).as("%s: not exposed", who).isEqualTo(404);
      // PagerDuty change events are served now: a path beside them is not.
      Api.Response change = api.post("/v2/change/enqueue/more", token, "{}");
      assertThat(change.status()).as("%s POST /v2/change/enqueue/more: %s", who, change.body()).isEqualTo(404);
      assertThat(change.contentType()).startsWith("application/problem+json");
      assertThat(api.post("/api/v1/integrations/nope/other", token, "{}").status()).as(who).isEqualTo(404);
      assertThat(api.post("/api/v1/integrations/nope/alertmanager/more", token, "{}").status()).as(who)
          .isEqualTo(404);
      assertThat(api.get("/api/v1/heartbeats/not-a-token/start/more", token).status()).as(who).isEqualTo(404);
      // Known paths, other methods.
      Api.Response method = api.get("/v2/enqueue", token);
      assertThat(method.status()).as("%s GET /v2/enqueue", who).isEqualTo(405);
      assertThat(method.headers().firstValue("Allow")).as(who).hasValue("POST");
      assertThat(api.delete("/api/v1/heartbeats/not-a-token", token).status()).as(who).isEqualTo(405);
      assertThat(api.put("/api/v1/heartbeats/not-a-token", token, "{}").status()).as(who).isEqualTo(405);
      assertThat(api.post("/api/v1/heartbeats", token, "{}").status()).as(who).isEqualTo(405);
    }
    // A token that is not one is refused wherever it is sent; routes that exist keep their 401 and 403.
    assertThat(api.get("/api/v1/nothing-here", "vgl_not-a-real-token").status()).isEqualTo(401);
    assertThat(api.get("/api/v1/teams", null).status()).isEqualTo(401);
    assertThat(api.delete("/api/v1/teams/x", token(Role.VIEWER)).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/teams", token(Role.AGENT)).status()).isEqualTo(403);
  }
}
