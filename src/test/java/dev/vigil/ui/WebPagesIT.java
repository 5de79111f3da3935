package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pages people use: what they show, their filters and pages, the actions, and that text stays text. */
@IntegrationTest
class WebPagesIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  Api api;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "alice", PASSWORD, "responder", "alice");
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    api = new Api(port);
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  @Test
  void htmlAndScriptInAlertsLabelsAndNotesShowAsText() {
    String key = WebTestCatalog.key(api, "events-api");
    Api.Response sent = api.post("/api/v1/integrations/" + key + "/events", null, """
        {"fingerprint": "xss", "summary": "<script>alert(1)</script>", "severity": "critical",
         "labels": {"<b>label</b>": "<img src=x onerror=alert(2)>"},
         "annotations": {"description": "</td><script>alert(3)</script>"},
         "links": [{"href": "https://example.com/?q=<script>", "text": "<i>log</i>"}]}""");
    assertThat(sent.status()).isEqualTo(202);
    long id = sent.json().get("incidents").get(0).asLong();
    WebSession bob = as("bob");
    bob.get("/incidents/" + id);
    bob.post("/incidents/" + id + "/notes", Map.of("text", "<script>alert(4)</script> & \"quoted\""));

    for (String path : new String[] {"/", "/incidents", "/incidents/rows", "/incidents/" + id,
        "/incidents/" + id + "/live", "/services/api"}) {
      String html = bob.get(path).body();
      assertThat(html).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>label")
          .doesNotContain("<i>log");
    }
    String detail = bob.get("/incidents/" + id).body();
    assertThat(detail).contains("&lt;img src=x onerror=alert(2)&gt;").contains("&lt;b&gt;label&lt;/b&gt;")
        .contains("&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;").contains("&lt;i&gt;log&lt;/i&gt;")
        .contains("&lt;script&gt;alert(4)&lt;/script&gt; &amp; &quot;quoted&quot;")
        .contains("href=\"https://example.com/?q=&lt;script&gt;\"");
    // The only scripts are Vigil's own, from its own origin.
    assertThat(Pattern.compile("<script[^>]*>").matcher(detail).results().map(r -> r.group()).toList())
        .singleElement().asString().matches("<script src=\"/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\" defer>");
  }

  @Test
  void theListFiltersAndPagesWithACursor() {
    String key = WebTestCatalog.key(api, "events-api");
    String events = IntStream.range(0, 60)
        .mapToObj(i -> "{\"fingerprint\": \"f" + i + "\", \"summary\": \"api problem " + i + "\"}")
        .collect(Collectors.joining(",", "{\"events\": [", "]}"));
    assertThat(api.post("/api/v1/integrations/" + key + "/events", null, events).status()).isEqualTo(202);
    long payment = WebTestCatalog.trigger(api, "events-payment", "pay", "payment problem");
    WebSession vera = as("vera");

    WebSession.Page first = vera.get("/incidents");
    assertThat(rows(first.body())).isEqualTo(50);
    assertThat(first.body()).contains("payment problem").contains("api problem 59").doesNotContain("api problem 9<");
    Matcher older = Pattern.compile("href=\"(/incidents\\?[^\"]*cursor=[^\"]+)\" rel=\"next\"").matcher(first.body());
    assertThat(older.find()).isTrue();
    WebSession.Page second = vera.get(older.group(1).replace("&amp;", "&"));
    assertThat(rows(second.body())).isEqualTo(11);
    assertThat(second.body()).contains("api problem 0<").doesNotContain("rel=\"next\"").contains(">Newest<");

    assertThat(vera.get("/incidents?service=payment").body()).contains("payment problem")
        .doesNotContain("api problem").containsPattern("<span class=\"badge severity severity-sev[0-9]\">SEV[0-9]</span>");
    assertThat(rows(vera.get("/incidents?team=payments").body())).isEqualTo(1);
    assertThat(rows(vera.get("/incidents?team=payments&service=api").body())).isZero();
    assertThat(rows(vera.get("/incidents?status=resolved").body())).isZero();
    assertThat(rows(vera.get("/incidents?urgency=low").body())).isZero();
    assertThat(rows(vera.get("/incidents?urgency=high&range=24h&status=triggered&service=payment").body()))
        .isEqualTo(1);
    assertThat(vera.get("/incidents/rows?service=payment").body()).startsWith("<div id=\"incident-rows\"")
        .contains("payment problem").doesNotContain("<html");

    for (String bad : new String[] {"status=sleeping", "urgency=urgent", "range=1y", "team=nope",
        "cursor=not-a-cursor"}) {
      WebSession.Page page = vera.get("/incidents?" + bad);
      assertThat(page.status()).as(bad).isEqualTo(400);
      assertThat(page.body()).as(bad).contains(bad.substring(0, bad.indexOf('=')) + ":");
    }
    assertThat(vera.get("/incidents/" + (payment + 1000)).status()).isEqualTo(404);
    assertThat(vera.get("/incidents/abc").status()).isEqualTo(400);
    assertThat(vera.get("/services/nope").status()).isEqualTo(404);
  }

  static int rows(String html) {
    return (int) Pattern.compile("<tr id=\"incident-\\d+\"").matcher(html).results().count();
  }

  @Test
  void respondersActFromTheDetailPageAndViewersSeeNoActions() {
    long id = WebTestCatalog.trigger(api, "events-api", "cpu", "CPU saturated");
    WebSession vera = as("vera");
    String seen = vera.get("/incidents/" + id).body();
    assertThat(seen).contains("CPU saturated").doesNotContain("action-acknowledge").doesNotContain("Add note");
    assertThat(seen).as("the navigation offers accounts to admins only").contains("href=\"/integrations\"")
        .doesNotContain("href=\"/admin/accounts\"");

    WebSession bob = as("bob");
    String page = bob.get("/incidents/" + id).body();
    assertThat(page).contains("id=\"action-acknowledge\"").contains("id=\"action-resolve\"")
        .contains("id=\"action-escalate\"").contains("Add note");
    WebSession.Page acked = bob.post("/incidents/" + id + "/acknowledge", Map.of());
    assertThat(acked.location()).isEqualTo("/incidents/" + id);
    String after = bob.get("/incidents/" + id).body();
    assertThat(after).contains("Acknowledged.").contains("by bob").doesNotContain("action-acknowledge");
    assertThat(bob.post("/incidents/" + id + "/escalate", Map.of()).location()).isEqualTo("/incidents/" + id);
    WebSession.Page blank = bob.post("/incidents/" + id + "/notes", Map.of("text", "  "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).contains("a note needs some text");
    bob.get("/incidents/" + id);
    bob.post("/incidents/" + id + "/resolve", Map.of());
    assertThat(jdbc.sql("""
            select kind || ':' || actor || ':' || channel from incident_event where incident_id = :id
            and actor is not null order by id""").param("id", id).query(String.class).list())
        .containsExactly("acknowledged:bob:web", "escalated:bob:web", "resolved:bob:web");
    assertThat(bob.get("/incidents/" + id).body()).doesNotContain("action-resolve");
    assertThat(bob.post("/incidents/" + id + "/escalate", Map.of()).status()).as("resolved").isEqualTo(409);
  }

  @Test
  void homeShowsMyIncidentsWhoIsOnCallAndEverythingOpen() {
    long api1 = WebTestCatalog.trigger(api, "events-api", "latency", "API latency high");
    long pay = WebTestCatalog.trigger(api, "events-payment", "pay", "Payments failing");
    // The api's policy pages whoever platform-primary has on call: alice.
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
            select count(*) from incident_event where
            incident_id = :id and kind = 'escalated'""").param("id", api1).query(Integer.class).single() > 0);

    String alice = as("alice").get("/").body();
    String mine = alice.substring(alice.indexOf("id=\"mine\""), alice.indexOf("id=\"down\""));
    assertThat(mine).contains("API latency high").doesNotContain("Payments failing");
    String oncall = alice.substring(alice.indexOf("id=\"oncall\""), alice.indexOf("id=\"mine\""));
    assertThat(oncall).contains("platform").contains("alice").contains("schedule platform-primary")
        .contains("payments").contains("no escalation policy");
    assertThat(alice.indexOf("id=\"open\"")).as("open incidents lead the page, then who is on call")
        .isLessThan(alice.indexOf("id=\"oncall\""));
    String open = alice.substring(alice.indexOf("id=\"open\""), alice.indexOf("id=\"oncall\""));
    assertThat(open).contains("API latency high").contains("Payments failing").contains("Open incidents")
        .containsPattern("badge severity severity-sev[0-9]\">SEV[0-9]<");
    assertThat(alice).contains("Times in <span>Europe/Paris</span>");

    String vera = as("vera").get("/").body();
    assertThat(vera).contains("not linked to a catalog user").contains("Times in <span>UTC</span>");
    assertThat(as("bob").get("/").body()).contains("Nothing open is yours right now.");
    assertThat(pay).isPositive();
  }

  @Test
  void homeShowsWhoIsOnCallNextFromTheFinalShifts() {
    String before = as("vera").get("/").body();
    String oncall = before.substring(before.indexOf("id=\"oncall\""), before.indexOf("id=\"mine\""));
    // platform-primary has only alice: no handoff ahead.
    assertThat(oncall).contains("no handoff in the next 14 days");

    // An override puts bob on call for a day, starting in two days: that is the next handoff.
    // The application's clock, which other tests may have moved ahead of real time.
    Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    Api.Response made = api.post("/api/v1/schedules/platform-primary/overrides", IntegrationTest.ADMIN_TOKEN,
        "{\"start\": \"" + start + "\", \"end\": \"" + start.plus(Duration.ofDays(1))
            + "\", \"add\": \"bob\", \"remove\": \"alice\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String after = as("alice").get("/").body();
    String board = after.substring(after.indexOf("id=\"oncall\""), after.indexOf("id=\"mine\""));
    // One row per team's policy: on call now until the handoff, and who is next from then, in the reader's zone.
    Matcher row = Pattern.compile("<td data-label=\"Team\">platform</td>\\s*<td data-label=\"Policy\"><span>"
        + "platform</span>\\s*<span class=\"hint\">\\(schedule platform-primary\\)</span></td>.*?"
        + "<td data-label=\"Until\">\\s*<time datetime=\"([^\"]+)\">([^<]*)</time>.*?"
        + "<td data-label=\"Next\" class=\"next\">\\s*<span class=\"next-person\"><span>([a-z]+)</span>",
        Pattern.DOTALL).matcher(board);
    assertThat(row.find()).as(board).isTrue();
    assertThat(row.group(1)).isEqualTo(start.toString());
    assertThat(row.group(2)).as("Alice reads Europe/Paris, to the minute")
        .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(start.atZone(ZoneId.of("Europe/Paris"))));
    assertThat(row.group(3)).isEqualTo("bob");
    assertThat(board).containsPattern("times in\\s+<span>Europe/Paris</span>").doesNotContain("no handoff in the next 14 days");
    assertThat(board.substring(0, board.indexOf("class=\"next\""))).contains("<span>alice</span>");
  }

  @Test
  void servicesShowTierTeamDependenciesBothWaysRunbookAndOpenIncidents() {
    WebTestCatalog.trigger(api, "events-api", "err", "API errors");
    WebSession vera = as("vera");
    String list = vera.get("/services").body();
    assertThat(list).contains("href=\"/services/api\"").contains("href=\"/services/payment\"")
        .contains("https://runbooks.example.com/api");
    String api = vera.get("/services/api").body();
    assertThat(api).contains("<svg").contains("href=\"/services/db\"").contains("href=\"/services/payment\"")
        .contains("API errors").contains("https://runbooks.example.com/api").contains("platform");
    String depends = api.substring(api.indexOf("<h3>Depends on</h3>"), api.indexOf("<h3>Depended on by</h3>"));
    assertThat(depends).contains(">db<").doesNotContain(">payment<");
    String dependents = api.substring(api.indexOf("<h3>Depended on by</h3>"));
    assertThat(dependents).contains(">payment<");
  }
}
