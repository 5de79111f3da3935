package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springdoc.core.service.OpenAPIService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} against the running API: every route is in it and described,
 * the routes that need a token say so with their role, and every status code a route answers, on success or on a
 * refusal, is one the document lists for that route.
 */
@IntegrationTest
class ApiDocumentIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  static final String DOCUMENT = "/api/v1/openapi.json";

  static final String CATALOG = """
      version: 1
      teams:
        - {name: ops, members: [olga, omar]}
      users:
        - {name: olga, email: olga@example.com}
        - {name: omar, email: omar@example.com}
      schedules:
        - name: ops-primary
          time_zone: UTC
          layers:
            - {name: weekly, rotation: weekly, start: "2026-01-05T09:00", participants: [olga, omar]}
      escalation_policies:
        - name: ops
          steps:
            - {delay: 10m, targets: [{schedule: ops-primary}]}
      services:
        - name: billing
          team: ops
          tier: 2
          escalation_policy: ops
          heartbeats:
            - {name: nightly-export, period: 1d, grace: 1h}
          # Measured from SEV4 incidents, which this scenario never opens, and raising nothing.
          slos:
            - {name: billing-uptime, objective: 99.9, window: 30d, alerting: none,
               sli: {incidents: {severities: [SEV4]}}}
      integrations:
        - {name: monitoring, type: events, service: billing}
      """;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired OpenAPIService openApi;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers;
  @Autowired Optional<BuildProperties> build;

  Api api;
  JsonNode document;
  /** Each request that got a status its route does not document, or that hit no documented route. */
  final Set<String> undocumented = new TreeSet<>();
  /** The statuses each documented operation answered. */
  final Map<String, Set<Integer>> answered = new TreeMap<>();

  @BeforeEach
  void setUp() {
    dev.vigil.TestJobs.quiesce(jdbc, "jobs-it");
    TestCatalogs.reset(jdbc);
    clock.set(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 0).toInstant(ZoneOffset.UTC));
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
    api = new Api(port);
    Api.Response doc = api.get(DOCUMENT, null);
    assertThat(doc.status()).isEqualTo(200);
    document = doc.json();
  }

  @Test
  void theDocumentIsVigilsApiAtItsVersion() {
    assertThat(document.at("/info/title").asString()).isEqualTo("Vigil API");
    assertThat(build).as("the build's version, from META-INF/build-info.properties").isPresent();
    assertThat(document.at("/info/version").asString()).isEqualTo(build.orElseThrow().getVersion());
    assertThat(document.at("/info/description").asString()).contains("Bearer", "problem+json");
  }

  @Test
  void everyRouteIsInTheDocumentWithASummary() {
    Set<String> routes = new TreeSet<>();
    handlers.getHandlerMethods().forEach((mapping, method) -> {
      if (method.getBeanType().getPackageName().startsWith("org.springdoc")) {
        return;
      }
      // A hidden handler may only be another spelling of a documented route (a ping URL's trailing slash): its
      // route is checked as the documented spelling, so hiding a route of its own fails here.
      boolean alias = method.hasMethodAnnotation(Hidden.class);
      for (String path : mapping.getPatternValues()) {
        if (path.startsWith("/api/") || path.startsWith("/v2/")) {
          for (RequestMethod verb : mapping.getMethodsCondition().getMethods()) {
            routes.add(verb + " " + (alias ? path.replaceAll("/+$", "") : path));
          }
        }
      }
    });
    assertThat(routes).hasSizeGreaterThan(80);
    List<String> missing = new ArrayList<>();
    List<String> undescribed = new ArrayList<>();
    for (String route : routes) {
      String[] parts = route.split(" ");
      JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
      if (operation.isMissingNode()) {
        missing.add(route);
      } else if (operation.path("summary").asString("").isBlank()) {
        undescribed.add(route);
      }
    }
    assertThat(missing).as("routes missing from the document").isEmpty();
    assertThat(undescribed).as("operations without a summary").isEmpty();
    assertThat(operations()).as("nothing in the document that is not a route").hasSameSizeAs(routes);
  }

  @Test
  void everyBodyIsJsonWithASchemaUnlessItIsText() {
    List<String> vague = new ArrayList<>();
    for (Operation op : operations()) {
      List<JsonNode> contents = new ArrayList<>();
      contents.add(op.node().path("requestBody").path("content"));
      op.node().path("responses").forEach(r -> contents.add(r.path("content")));
      for (JsonNode content : contents) {
        for (String type : content.propertyNames()) {
          if (type.equals("*/*")) {
            vague.add(op + ": " + type);
          } else if (type.contains("json") && content.path(type).path("schema").isMissingNode()) {
            vague.add(op + ": " + type + " without a schema");
          }
        }
      }
    }
    assertThat(vague).isEmpty();
    JsonNode node = document.at("/components/schemas/JsonNode");
    assertThat(node.path("properties").has("valueNode")).as("a JSON value, not the Java class's getters").isFalse();
  }

  @Test
  void generatingTheDocumentLogsNoWarning() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      openApi.setCachedOpenAPI(null, Locale.getDefault());
      assertThat(api.get(DOCUMENT, null).status()).isEqualTo(200);
    } finally {
      root.detachAppender(logged);
    }
    assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())))
        .isEmpty();
  }

  /**
   * Anonymous, with a token of each role, and with an unknown id or a malformed body: every route refuses or
   * answers with a status it documents, and a route that refuses anonymous callers declares the bearer scheme with
   * the role it needs.
   */
  @Test
  void everyRouteAnswersOnlyWhatItDocumentsWhenRefusing() {
    JsonNode scheme = document.at("/components/securitySchemes/bearer");
    assertThat(scheme.path("type").asString()).isEqualTo("http");
    assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
    String viewer = token("viewer", null);
    String responder = token("responder", null);
    String agent = token("agent", "eu-west");
    List<String> wrongSecurity = new ArrayList<>();
    for (Operation op : operations()) {
      String path = op.sample();
      boolean hasBody = op.node().has("requestBody");
      int anonymous = call(op.method(), path, null, hasBody ? "{}" : null).status();
      int asViewer = call(op.method(), path, viewer, hasBody ? "{}" : null).status();
      int asResponder = call(op.method(), path, responder, hasBody ? "{}" : null).status();
      int asAgent = call(op.method(), path, agent, hasBody ? "{}" : null).status();
      call(op.method(), path, ADMIN, hasBody ? "{" : null);
      List<String> roles = op.roles();
      if ((anonymous == 401) != (roles != null)) {
        wrongSecurity.add(op + ": anonymous got " + anonymous + ", documented security " + op.node().path("security"));
      } else if (roles != null) {
        String role = roles.getFirst();
        boolean viewerMay = role.equals("viewer");
        boolean responderMay = viewerMay || role.equals("responder");
        boolean agentMay = role.equals("agent");
        if ((asViewer == 403) == viewerMay || (asResponder == 403) == responderMay || (asAgent == 403) == agentMay) {
          wrongSecurity.add(op + ": documented role " + role + " but viewer got " + asViewer + ", responder "
              + asResponder + ", agent " + asAgent);
        }
      }
    }
    assertThat(wrongSecurity).isEmpty();
    assertThat(undocumented).isEmpty();
  }

  /** The API used as its users use it: each answer, 2xx or not, is one its route documents. */
  @Test
  void everyRouteAnswersOnlyWhatItDocumentsWhenUsed() {
    // The catalog: created (201), replaced (200), read, refused when a file manages it (409), deleted (204).
    call("PUT", "/api/v1/users/openapi-user", ADMIN, "{\"email\": \"openapi@example.com\", \"timeZone\": \"UTC\"}");
    call("PUT", "/api/v1/users/openapi-user", ADMIN,
        "{\"email\": \"openapi@example.com\", \"timeZone\": \"UTC\", \"fullName\": \"O\"}");
    call("PUT", "/api/v1/teams/openapi-team", ADMIN, "{\"members\": [\"openapi-user\"]}");
    call("PUT", "/api/v1/teams/openapi-team", ADMIN, "{\"members\": [], \"description\": \"docs\"}");
    call("PUT", "/api/v1/services/openapi-service", ADMIN,
        "{\"team\": \"openapi-team\", \"tier\": 3, \"kind\": \"worker\"}");
    call("PUT", "/api/v1/services/openapi-service", ADMIN,
        "{\"team\": \"openapi-team\", \"tier\": 2, \"kind\": \"worker\"}");
    call("PUT", "/api/v1/services/openapi-service/probes/site", ADMIN,
        "{\"kind\": \"tcp\", \"interval\": \"1h\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}");
    call("PUT", "/api/v1/services/openapi-service/probes/site", ADMIN,
        "{\"kind\": \"tcp\", \"interval\": \"2h\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}");
    call("GET", "/api/v1/services/openapi-service/probes/site", ADMIN, null);
    call("DELETE", "/api/v1/services/openapi-service/probes/site", ADMIN, null);
    for (String path : List.of("/api/v1/teams", "/api/v1/teams/ops", "/api/v1/users", "/api/v1/users/olga",
        "/api/v1/services", "/api/v1/services/billing", "/api/v1/integrations", "/api/v1/catalog/version",
        "/api/v1/probes", "/api/v1/probes/locations")) {
      call("GET", path, ADMIN, null);
    }
    call("DELETE", "/api/v1/teams/ops", ADMIN, null);
    call("PUT", "/api/v1/services/billing", ADMIN, "{\"team\": \"ops\", \"tier\": 1, \"kind\": \"worker\"}");
    call("DELETE", "/api/v1/services/openapi-service", ADMIN, null);
    call("DELETE", "/api/v1/teams/openapi-team", ADMIN, null);
    call("DELETE", "/api/v1/users/openapi-user", ADMIN, null);

    // Tokens.
    Api.Response created = call("POST", "/api/v1/tokens", ADMIN, "{\"name\": \"openapi\", \"role\": \"viewer\"}");
    call("GET", "/api/v1/tokens", ADMIN, null);
    call("DELETE", "/api/v1/tokens/" + created.json().get("id").asLong(), ADMIN, null);

    // An incident from an alert, run through the API.
    String key = call("GET", "/api/v1/integrations", ADMIN, null).json().get(0).get("key").asString();
    Api.Response fired = call("POST", "/api/v1/integrations/" + key + "/events", null,
        "{\"fingerprint\": \"openapi-1\", \"summary\": \"Exports fail\", \"severity\": \"critical\"}");
    long incident = fired.json().get("incidents").get(0).asLong();
    call("POST", "/api/v1/integrations/" + key + "/events", null,
        "{\"fingerprint\": \"openapi-2\", \"summary\": \"Exports slow\", \"severity\": \"warning\"}");
    call("POST", "/api/v1/integrations/" + key + "/alertmanager", null, "{\"version\": \"4\", \"status\": \"firing\","
        + " \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"ExportsFail\"},"
        + " \"startsAt\": \"2026-03-01T10:00:00Z\"}]}");
    call("POST", "/api/v1/integrations/" + key + "/grafana", null, "{\"status\": \"firing\", \"alerts\": ["
        + "{\"status\": \"firing\", \"labels\": {\"alertname\": \"ExportsFail\"}, \"fingerprint\": \"f1\","
        + " \"startsAt\": \"2026-03-01T10:00:00Z\"}]}");
    call("POST", "/v2/enqueue", null, "{\"routing_key\": \"" + key + "\", \"event_action\": \"trigger\","
        + " \"dedup_key\": \"openapi-pd\", \"payload\": {\"summary\": \"Disk full\", \"source\": \"db-1\","
        + " \"severity\": \"error\"}}");
    call("POST", "/v2/enqueue", null, "{\"routing_key\": \"nope\", \"event_action\": \"trigger\"}");
    String incidentPath = "/api/v1/incidents/" + incident;
    for (String path : List.of("/api/v1/incidents", "/api/v1/incidents?status=triggered&limit=1",
        "/api/v1/incidents?limit=0", incidentPath, incidentPath + "/status-updates")) {
      call("GET", path, ADMIN, null);
    }
    call("POST", incidentPath + "/escalate", ADMIN, null);
    call("POST", incidentPath + "/acknowledge", ADMIN, null);
    call("POST", incidentPath + "/notes", ADMIN, "{\"text\": \"looking\"}");
    call("POST", incidentPath + "/severity", ADMIN, "{\"severity\": \"SEV2\", \"reason\": \"exports matter\"}");
    call("POST", incidentPath + "/severity", ADMIN, "{\"severity\": \"SEV9\", \"reason\": \"no such\"}");
    call("POST", incidentPath + "/roles", ADMIN, "{\"role\": \"commander\", \"user\": \"olga\"}");
    call("DELETE", incidentPath + "/roles/commander", ADMIN, null);
    call("DELETE", incidentPath + "/roles/commander", ADMIN, null);
    call("POST", incidentPath + "/responders", ADMIN, "{\"targets\": [{\"user\": \"omar\"}], \"message\": \"help\"}");
    call("POST", incidentPath + "/status-updates", ADMIN, "{\"message\": \"We are on it\"}");
    call("PUT", incidentPath + "/postmortem", ADMIN, "{\"summary\": \"Exports failed\"}");
    call("GET", incidentPath + "/postmortem", ADMIN, null);
    call("GET", incidentPath + "/postmortem.md", ADMIN, null);
    Api.Response item = call("POST", incidentPath + "/postmortem/action-items", ADMIN,
        "{\"title\": \"Alert on export age\", \"owner\": \"olga\"}");
    String itemPath = incidentPath + "/postmortem/action-items/" + item.json().get("id").asLong();
    call("PATCH", itemPath, ADMIN, "{\"status\": \"done\"}");
    call("DELETE", itemPath, ADMIN, null);
    long second = call("GET", "/api/v1/incidents?limit=10", ADMIN, null).json().get("incidents").valueStream()
        .mapToLong(i -> i.get("id").asLong()).filter(id -> id != incident).findFirst().orElseThrow();
    call("POST", incidentPath + "/merge", ADMIN, "{\"incidents\": [" + second + "]}");
    long alert = call("GET", incidentPath, ADMIN, null).json().get("alerts").get(0).get("id").asLong();
    call("POST", incidentPath + "/split", ADMIN, "{\"alerts\": [" + alert + "], \"title\": \"Split off\"}");
    call("POST", incidentPath + "/mitigate", ADMIN, null);
    call("POST", incidentPath + "/resolve", ADMIN, null);
    call("POST", incidentPath + "/escalate", ADMIN, null);
    call("POST", incidentPath + "/mitigate", ADMIN, null);
    call("GET", "/api/v1/postmortems", ADMIN, null);
    call("GET", "/api/v1/postmortems?overdue=true", ADMIN, null);
    for (String report : List.of("reliability", "incidents")) {
      call("GET", "/api/v1/reports/" + report, ADMIN, null);
      call("GET", "/api/v1/reports/" + report + "?format=csv", ADMIN, null);
      call("GET", "/api/v1/reports/" + report + "?from=yesterday", ADMIN, null);
    }

    // SLOs and the error budget decision.
    for (String path : List.of("/api/v1/slos", "/api/v1/slos?format=csv", "/api/v1/slos?team=nope",
        "/api/v1/slos/billing-uptime", "/api/v1/slos/nope", "/api/v1/slos/billing-uptime?from=yesterday",
        "/api/v1/services/billing/error-budget", "/api/v1/services/nope/error-budget")) {
      call("GET", path, ADMIN, null);
    }
    call("GET", "/api/v1/services/billing/deploy-gate", ADMIN, null);
    call("GET", "/api/v1/services/nope/deploy-gate", ADMIN, null);
    call("POST", "/api/v1/services/billing/deploy-gate/override", ADMIN, "{\"reason\": \"hotfix\"}");
    call("POST", "/api/v1/services/billing/deploy-gate/override", ADMIN, "{}");
    call("POST", "/api/v1/services/nope/deploy-gate/override", ADMIN, "{\"reason\": \"hotfix\"}");

    // The coverage scorecard.
    for (String path : List.of("/api/v1/coverage", "/api/v1/coverage?format=csv", "/api/v1/coverage?tier=9")) {
      call("GET", path, ADMIN, null);
    }

    // On call: schedules, overrides, temporary schedules, calendar tokens and feeds.
    Instant monday = clock.instant().truncatedTo(ChronoUnit.DAYS);
    String range = "?from=" + monday + "&to=" + monday.plus(7, ChronoUnit.DAYS);
    for (String path : List.of("/api/v1/schedules", "/api/v1/schedules/ops-primary",
        "/api/v1/schedules/ops-primary/shifts" + range, "/api/v1/schedules/ops-primary/gaps" + range,
        "/api/v1/schedules/ops-primary/overrides", "/api/v1/schedules/ops-primary/temporary", "/api/v1/oncall",
        "/api/v1/oncall?at=" + monday, "/api/v1/oncall?at=soon", "/api/v1/users/olga/shifts" + range)) {
      call("GET", path, ADMIN, null);
    }
    Api.Response override = call("POST", "/api/v1/schedules/ops-primary/overrides", ADMIN, "{\"start\": \""
        + monday.plus(1, ChronoUnit.DAYS) + "\", \"end\": \"" + monday.plus(2, ChronoUnit.DAYS)
        + "\", \"add\": \"omar\", \"remove\": \"olga\"}");
    call("DELETE", "/api/v1/schedules/ops-primary/overrides/" + override.json().get("id").asString(), ADMIN, null);
    Api.Response temporary = call("POST", "/api/v1/schedules/ops-primary/temporary", ADMIN, "{\"start\": \""
        + monday.plus(3, ChronoUnit.DAYS) + "\", \"end\": \"" + monday.plus(4, ChronoUnit.DAYS)
        + "\", \"shifts\": [{\"start\": \"" + monday.plus(3, ChronoUnit.DAYS) + "\", \"end\": \""
        + monday.plus(4, ChronoUnit.DAYS) + "\", \"users\": [\"omar\"]}]}");
    call("DELETE", "/api/v1/schedules/ops-primary/temporary/" + temporary.json().get("id").asString(), ADMIN, null);
    Api.Response calendar = call("POST", "/api/v1/schedules/ops-primary/calendar-tokens", ADMIN,
        "{\"label\": \"phone\"}");
    call("GET", URI.create(calendar.json().get("url").asString()).getRawPath() + "?token="
        + URLEncoder.encode(calendar.json().get("token").asString(), StandardCharsets.UTF_8), null, null);
    call("GET", "/api/v1/schedules/ops-primary/calendar-tokens", ADMIN, null);
    Api.Response userCalendar = call("POST", "/api/v1/users/olga/calendar-tokens", ADMIN, "{}");
    call("GET", "/api/v1/users/olga/calendar.ics?token="
        + URLEncoder.encode(userCalendar.json().get("token").asString(), StandardCharsets.UTF_8), null, null);
    call("GET", "/api/v1/users/olga/calendar-tokens", ADMIN, null);
    call("DELETE", "/api/v1/calendar-tokens/" + userCalendar.json().get("id").asLong(), ADMIN, null);

    // Heartbeats and their pings.
    call("GET", "/api/v1/heartbeats", ADMIN, null);
    call("GET", "/api/v1/services/billing/heartbeats/nightly-export", ADMIN, null);
    call("GET", "/api/v1/services/billing/heartbeats/nightly-export/pings?limit=5", ADMIN, null);
    String ping = URI.create(call("GET", "/api/v1/heartbeats", ADMIN, null).json().get(0).get("pingUrl").asString())
        .getRawPath();
    call("GET", ping, null, null);
    call("POST", ping + "/start", null, "");
    call("POST", ping + "/fail", null, "disk full");
    call("GET", ping + "/0", null, null);
    call("GET", ping + "/sometimes", null, null);

    // Maintenance windows.
    Api.Response window = call("POST", "/api/v1/maintenance-windows", responderToken(),
        "{\"service\": \"billing\", \"duration\": \"PT1H\", \"reason\": \"upgrade\"}");
    call("GET", "/api/v1/maintenance-windows", ADMIN, null);
    call("GET", "/api/v1/maintenance-windows/" + window.json().get("id").asString(), ADMIN, null);
    call("DELETE", "/api/v1/maintenance-windows/" + window.json().get("id").asString(), ADMIN, null);

    // A remote agent.
    String agent = token("agent", "eu-west");
    call("GET", "/api/v1/agent/probes", agent, null);
    call("POST", "/api/v1/agent/results", agent, "{\"results\": [{\"probeId\": 987654321, \"at\": \"" + monday
        + "\", \"success\": true, \"durationMs\": 12}]}");

    // Links and webhooks that carry their own signatures, unsigned or invalid.
    call("GET", "/api/v1/actions/not-a-token", null, null);
    call("POST", "/api/v1/actions/not-a-token", null, null);
    for (String hook : List.of("/api/v1/slack/actions", "/api/v1/twilio/sms", "/api/v1/twilio/status",
        "/api/v1/twilio/voice")) {
      form(hook, "payload=%7B%7D");
    }
    assertThat(undocumented).isEmpty();
    // The scenario did what it meant to: each route it used succeeded at least once (the signed ones are only
    // refused here), and the create-or-replace routes both created and replaced.
    Set<String> signed = Set.of("GET /api/v1/actions/{token}", "POST /api/v1/actions/{token}",
        "POST /api/v1/agent/results", "POST /api/v1/slack/actions", "POST /api/v1/twilio/sms",
        "POST /api/v1/twilio/status", "POST /api/v1/twilio/voice");
    assertThat(answered.entrySet().stream().filter(e -> !signed.contains(e.getKey()))
        .filter(e -> e.getValue().stream().noneMatch(s -> s / 100 == 2)).map(Map.Entry::getKey))
        .as("routes that never succeeded: %s", answered).isEmpty();
    for (String put : List.of("PUT /api/v1/teams/{name}", "PUT /api/v1/users/{name}", "PUT /api/v1/services/{name}",
        "PUT /api/v1/services/{service}/probes/{probe}")) {
      assertThat(answered.get(put)).as(put).contains(200, 201);
    }
  }

  /** A documented operation: its method, path template and node in the document. */
  record Operation(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    /** The path with made-up values for its parameters: numbers where the parameter is one. */
    String sample() {
      String sample = path;
      for (JsonNode parameter : node.path("parameters")) {
        if (parameter.path("in").asString().equals("path")) {
          String type = parameter.path("schema").path("type").asString("");
          String value = type.equals("integer") ? "987654321"
              : parameter.path("name").asString().equals("signal") ? "start" : "openapi-none";
          sample = sample.replace("{" + parameter.path("name").asString() + "}", value);
        }
      }
      return sample;
    }

    /** The roles the operation's bearer requirement names, or null when it needs no token. */
    List<String> roles() {
      JsonNode security = node.path("security");
      if (security.isMissingNode() || security.isEmpty()) {
        return null;
      }
      List<String> roles = new ArrayList<>();
      security.get(0).path("bearer").forEach(r -> roles.add(r.asString()));
      return roles.isEmpty() ? List.of("any") : roles;
    }

    Pattern pattern() {
      return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }
  }

  List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        all.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
      }
    }
    return all;
  }

  /** Sends a request and notes it when its status is not one its operation documents. */
  Api.Response call(String method, String path, String token, String body) {
    Api.Response response = api.send(method, path, token,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    check(method, path, response);
    return response;
  }

  /** Posts a form, as Slack and Twilio do, without their signatures. */
  void form(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      check("POST", path, new Api.Response(response.statusCode(), response.body(), response.headers()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void check(String method, String path, Api.Response response) {
    String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Optional<Operation> operation = operations().stream()
        .filter(op -> op.method().equals(method) && op.pattern().matcher(route).matches())
        .min(Comparator.comparingLong(op -> op.path().chars().filter(c -> c == '{').count()));
    if (operation.isEmpty()) {
      undocumented.add(method + " " + path + ": no such operation in the document");
      return;
    }
    answered.computeIfAbsent(operation.get().toString(), k -> new TreeSet<>()).add(response.status());
    JsonNode responses = operation.get().node().path("responses");
    if (!responses.has(Integer.toString(response.status())) && !responses.has("default")) {
      undocumented.add(operation.get() + " answered " + response.status() + " (to " + method + " " + path
          + "), documented " + new LinkedHashSet<>(responses.propertyNames()) + ": " + abbreviated(response.body()));
    }
  }

  static String abbreviated(String body) {
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  String token(String role, String location) {
    Api.Response created = api.post("/api/v1/tokens", ADMIN, "{\"name\": \"openapi " + role + "\", \"role\": \""
        + role + "\"" + (location == null ? "" : ", \"location\": \"" + location + "\"") + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("token").asString();
  }

  String responderToken() {
    return token("responder", null);
  }
}
