package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an attacker or a broken client sends gets a 4xx that says what was wrong, at every door: JSON bodies of the
 * API, query parameters, the UI's forms, and requests Tomcat itself refuses. Text PostgreSQL cannot store (NUL),
 * that it would store as something else (a lone surrogate as {@code ?}) or that says one thing and means another
 * (an overlong UTF-8 {@code /}) is refused, naming the field, and nothing of it is stored.
 */
@IntegrationTest
class HostileInputIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  static final String PASSWORD = "correct horse battery";
  /** Every hostile value starts with this, so that a search of the database tells whether any was stored. */
  static final String MARK = "hostile-6c1e";

  /**
   * A hostile value as JSON text (the quotes included), as raw bytes where JSON escapes cannot say it, what the
   * answer says about it, and where: the field, for text JSON reads; the line and column, for bytes that are not
   * UTF-8 at all (and for a lone surrogate in a field's name, which the JSON parser itself refuses).
   */
  record Hostile(String what, byte[] json, String says, boolean byPosition) {
    static Hostile escaped(String what, String escapes, String says, boolean byPosition) {
      return new Hostile(what, ("\"" + MARK + escapes + " text\"").getBytes(StandardCharsets.UTF_8), says,
          byPosition);
    }
  }

  static final List<Hostile> JSON_TEXT = List.of(
      Hostile.escaped("a NUL character", "\\u0000", "contains a NUL character", false),
      Hostile.escaped("a lone surrogate", "\\ud800", "surrogate", true),
      new Hostile("an overlong UTF-8 '/'", concat(("\"" + MARK).getBytes(StandardCharsets.UTF_8),
          new byte[] {(byte) 0xC0, (byte) 0xAF}, " text\"".getBytes(StandardCharsets.UTF_8)), "not valid UTF-8",
          true));

  /** The same three as a form or query parameter, percent-encoded. */
  static final List<String> PARAMETER_TEXT = List.of(MARK + "%00", MARK + "%ED%A0%80", MARK + "%C0%AF");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  Api api;
  long incident;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    jdbc.sql("delete from api_token where name like :m").param("m", MARK + "%").update();
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "rita", PASSWORD, "responder", "bob");
    api = new Api(port);
    incident = WebTestCatalog.trigger(api, "events-api", "latency", "API latency high");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A JSON body from a template whose {@code $} is replaced by the hostile value. */
  static byte[] body(String template, Hostile value) {
    int at = template.indexOf('$');
    return concat(template.substring(0, at).getBytes(StandardCharsets.UTF_8), value.json(),
        template.substring(at + 1).getBytes(StandardCharsets.UTF_8));
  }

  static void problem(Api.Response r, int status, String... details) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).as(r.body()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).as(r.body()).contains(details);
  }

  /** No row of any table holds a hostile value, whatever became of it. */
  void nothingHostileStored() {
    List<String> tables = jdbc.sql("""
            select table_name from information_schema.tables where table_schema = 'public'
            and table_type = 'BASE TABLE'""").query(String.class).list();
    for (String table : tables) {
      // A table name is no value a statement can bind: it goes in as a quoted identifier.
      Long rows = jdbc.sql("""
              select count(*) from "%s" t where t::text like :m""".formatted(table.replace("\"", "\"\"")))
          .param("m", "%" + MARK + "%").query(Long.class).single();
      assertThat(rows).as("rows of %s holding a hostile value", table).isZero();
    }
  }

  @Test
  void textPostgresCannotStoreIsRefusedInEveryJsonBodyNamingTheField() {
    String incidentPath = "/api/v1/incidents/" + incident;
    Map<String, String[]> doors = new java.util.LinkedHashMap<>();
    doors.put("note", new String[] {"POST", incidentPath + "/notes", "{\"text\": $}", "text"});
    doors.put("severity reason", new String[] {"POST", incidentPath + "/severity",
        "{\"severity\": \"SEV1\", \"reason\": $}", "reason"});
    doors.put("responder message", new String[] {"POST", incidentPath + "/responders",
        "{\"targets\": [{\"user\": \"bob\"}], \"message\": $}", "message"});
    doors.put("status update", new String[] {"POST", incidentPath + "/status-updates", "{\"message\": $}",
        "message"});
    doors.put("postmortem field", new String[] {"PUT", incidentPath + "/postmortem",
        "{\"summary\": \"s\", \"fiveWhys\": [\"why\", $]}", "fiveWhys[1]"});
    doors.put("action item", new String[] {"POST", incidentPath + "/postmortem/action-items", "{\"title\": $}",
        "title"});
    doors.put("override note", new String[] {"POST", "/api/v1/schedules/platform-primary/overrides",
        "{\"start\": \"2030-01-01T00:00:00Z\", \"end\": \"2030-01-02T00:00:00Z\", \"add\": \"bob\", \"note\": $}",
        "note"});
    doors.put("token name", new String[] {"POST", "/api/v1/tokens", "{\"name\": $, \"role\": \"viewer\"}",
        "name"});
    doors.put("calendar-token name", new String[] {"POST", "/api/v1/schedules/platform-primary/calendar-tokens",
        "{\"label\": $}", "label"});
    doors.put("team description", new String[] {"PUT", "/api/v1/teams/hostile",
        "{\"description\": $, \"members\": [\"alice\"]}", "description"});
    doors.put("service description, read as a tree", new String[] {"PUT", "/api/v1/services/hostile",
        "{\"team\": \"platform\", \"tier\": 2, \"kind\": \"web\", \"description\": $}", "description"});
    doors.put("a tag's name, a map key", new String[] {"PUT", "/api/v1/services/hostile",
        "{\"team\": \"platform\", \"tier\": 2, \"kind\": \"web\", \"tags\": {$: \"v\"}}", "tags"});
    for (Map.Entry<String, String[]> door : doors.entrySet()) {
      String[] d = door.getValue();
      for (Hostile value : JSON_TEXT) {
        Api.Response r = api.send(d[0], d[1], ADMIN, "application/json", body(d[2], value));
        assertThat(r.status()).as("%s with %s: %s", door.getKey(), value.what(), r.body()).isEqualTo(400);
        problem(r, 400, value.says());
        String detail = r.json().get("detail").asString();
        if (value.byPosition()) {
          assertThat(detail).as(door.getKey()).containsAnyOf("'" + d[3] + "'", "at line 1, column ");
        } else {
          assertThat(detail).as(door.getKey()).contains("'" + d[3] + "'");
        }
      }
    }
    nothingHostileStored();
  }

  @Test
  void textPostgresCannotStoreIsRefusedInQueryParameters() {
    for (String value : PARAMETER_TEXT) {
      problem(api.get("/api/v1/incidents?service=" + value, ADMIN), 400, "service");
      problem(api.get("/api/v1/incidents?status=open&service=api," + value, ADMIN), 400, "service");
    }
  }

  @Test
  void textPostgresCannotStoreIsRefusedInTheUisFormsAsAPage() {
    WebSession rita = new WebSession(port);
    assertThat(rita.signIn("rita", PASSWORD).location()).isEqualTo("/");
    String page = "/incidents/" + incident;
    assertThat(rita.post(page + "/postmortem", Map.of()).status()).isEqualTo(302);
    Map<String, String> forms = new java.util.LinkedHashMap<>();
    forms.put(page + "/notes", "text=");
    forms.put(page + "/severity", "severity=SEV1&reason=");
    forms.put(page + "/responders", "target=user%3Abob&message=");
    forms.put(page + "/status-updates", "message=");
    forms.put(page + "/postmortem/document", "summary=s&owner=");
    forms.put(page + "/postmortem/action-items", "title=");
    for (Map.Entry<String, String> form : forms.entrySet()) {
      for (String value : PARAMETER_TEXT) {
        rita.get(page);
        WebSession.Page refused = rita.postEncoded(form.getKey(), form.getValue() + value);
        assertThat(refused.status()).as("%s with %s: %s", form.getKey(), value, refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).as(form.getKey()).contains("<h1>That did not work</h1>")
            .containsAnyOf("NUL character", "not valid UTF-8");
      }
    }
    for (String value : PARAMETER_TEXT) {
      WebSession.Page list = rita.get("/incidents?service=" + value);
      assertThat(list.status()).as(list.body()).isEqualTo(400);
      assertThat(list.body()).contains("service");
    }
    // Signing in, where Spring Security reads the form before any controller.
    WebSession stranger = new WebSession(port);
    stranger.get("/login");
    WebSession.Page signIn = stranger.postEncoded("/login", "username=rita%00&password=x");
    assertThat(signIn.status()).isEqualTo(400);
    assertThat(signIn.body()).contains("username: contains a NUL character");
    nothingHostileStored();
  }

  @Test
  void timesOutsideTheCalendarAndForgedCursorsAre400() {
    String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "-999999999-01-01T00:00:00Z/1".getBytes(StandardCharsets.UTF_8));
    for (String query : List.of("/api/v1/incidents?since=-999999999-01-01T00:00:00Z",
        "/api/v1/incidents?until=%2B999999999-12-31T23:59:59Z",
        "/api/v1/reports/incidents?from=-999999999-01-01T00:00:00Z",
        "/api/v1/reports/reliability?from=-999999999-01-01T00:00:00Z",
        "/api/v1/reports/incidents?to=%2B99999-01-01T00:00:00Z",
        "/api/v1/oncall?at=-999999999-01-01T00:00:00Z")) {
      problem(api.get(query, ADMIN), 400, "between the years 1 and 9999");
    }
    problem(api.post("/api/v1/schedules/platform-primary/overrides", ADMIN,
        "{\"start\": \"-999999999-01-01T00:00:00Z\", \"end\": \"-999999999-01-02T00:00:00Z\", \"add\": \"bob\"}"),
        400, "start: must be between the years 1");
    problem(api.get("/api/v1/incidents?cursor=" + cursor, ADMIN), 400, "cursor: not a cursor this API returned");
    problem(api.get("/api/v1/incidents?cursor=%00%ff", ADMIN), 400, "cursor");
    problem(api.get("/api/v1/incidents?cursor=%00", ADMIN), 400, "cursor");

    WebSession rita = new WebSession(port);
    rita.signIn("rita", PASSWORD);
    for (String cursorValue : List.of("%00%ff", "%00", cursor)) {
      WebSession.Page page = rita.get("/incidents?cursor=" + cursorValue);
      assertThat(page.status()).as(page.body()).isEqualTo(400);
      assertThat(page.body()).contains("cursor");
    }
  }

  @Test
  void aWildcardContentTypeIsReadAsJsonAndOtherTypesAreToldWhatToSend() {
    for (String type : List.of("*/*", "application/*", "text/*")) {
      Api.Response note = api.send("POST", "/api/v1/incidents/" + incident + "/notes", ADMIN, type,
          "{\"text\": \"sent as anything\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(note.status()).as("%s: %s", type, note.body()).isEqualTo(201);
    }
    Api.Response form = api.send("POST", "/api/v1/tokens", ADMIN, "application/x-www-form-urlencoded",
        "{\"name\": \"x\", \"role\": \"viewer\"}".getBytes(StandardCharsets.UTF_8));
    problem(form, 415, "application/x-www-form-urlencoded", "Content-Type: application/json");
  }

  @Test
  void jsonNestedTooDeepIsRefusedWithoutNamingJacksonsInternals() {
    String deep = "{\"team\": \"platform\", \"tier\": 2, \"kind\": \"web\", \"tags\": " + "[".repeat(1500)
        + "]".repeat(1500) + "}";
    Api.Response r = api.put("/api/v1/services/deep", ADMIN, deep);
    problem(r, 400, "nesting depth", "500");
    assertThat(r.body()).doesNotContain("StreamReadConstraints").doesNotContain("getMax").doesNotContain("`");
  }

  /** A raw request, as a client that does not follow HTTP would send it. */
  record Raw(int status, String headers, String body) {}

  Raw raw(String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = end < 0 ? response : response.substring(0, end);
      String body = end < 0 ? "" : response.substring(end + 4);
      return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void requestsTomcatRefusesAreProblemsNotHtmlPages() {
    String json = "{\"name\": \"x\", \"role\": \"viewer\"}";
    List<String> requests = List.of(
        "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n"
            + json,
        "POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 99999999999999999999999\r\n\r\n" + json,
        "GET /api/v1/incidents%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /api/v1/..%2fincidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /api/v1/%2e%2e/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /incidents/%2e%2e/admin/accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    for (String request : requests) {
      Raw r = raw(request);
      if (request.startsWith("GET /incidents/")) {
        // A page's path: refused by Spring Security's firewall, answered with Vigil's own page for people.
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("<h1>That did not work</h1>").doesNotContain("Exception");
        continue;
      }
      String what = request.lines().findFirst().orElseThrow() + " -> " + r.headers() + "\n" + r.body();
      assertThat(r.status()).as(what).isEqualTo(400);
      assertThat(r.headers().toLowerCase(java.util.Locale.ROOT)).as(what)
          .contains("content-type: application/problem+json");
      assertThat(r.body()).as(what).contains("\"status\":400").doesNotContain("<html").doesNotContain("Exception")
          .doesNotContain("at org.");
    }
  }
}
