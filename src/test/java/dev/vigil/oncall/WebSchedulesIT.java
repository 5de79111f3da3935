package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schedule pages over real HTTP: a layered schedule's week of final shifts, taking a shift and removing the
 * override again, the file's override that stays, and names and notes with HTML shown as text.
 */
@IntegrationTest
class WebSchedulesIT {

  static final String PASSWORD = "correct horse battery";
  static final String WEEK = "/schedules/primary?week=2026-03-04";

  /**
   * Europe/Paris (UTC+1 in early March 2026). Weekdays 09:00-18:00 rotate daily between alice and bob from Monday
   * 5 January (so Monday 2 March, day 56, is alice's); weekends 09:00-18:00 are carol's; the rest is a gap. The file
   * adds carol on Wednesday 4 March from 12:00 to 14:00.
   */
  static final String YAML = """
      version: 1
      teams:
        - name: platform
          members: [alice, bob, carol]
      users:
        - name: alice
          email: alice@example.com
        - name: bob
          email: bob@example.com
        - name: carol
          email: carol@example.com
      schedules:
        - name: primary
          description: "<script>alert('d')</script> first line"
          time_zone: Europe/Paris
          layers:
            - name: "<b>days</b>"
              rotation: daily
              start: "2026-01-05T09:00"
              participants: [alice, bob]
              restrictions:
                - days: [mon, tue, wed, thu, fri]
                  from: "09:00"
                  to: "18:00"
            - name: weekend
              rotation: weekly
              start: "2026-01-03T09:00"
              participants: [carol]
              restrictions:
                - days: [sat, sun]
                  from: "09:00"
                  to: "18:00"
          overrides:
            - start: "2026-03-04T12:00"
              end: "2026-03-04T14:00"
              add: carol
              note: "<i>lunch cover</i>"
      escalation_policies:
        - name: platform
          repeat: 2
          steps:
            - delay: 10m
              targets: [{schedule: primary}]
            - delay: 15m
              targets: [{user: carol}, {team: platform}]
      services:
        - name: api
          team: platform
          tier: 1
          escalation_policy: platform
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired OnCallService onCall;
  @Autowired Clock clock;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(YAML), "/etc/vigil-schedules.yaml", "x");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  /** The HTML of one day of the week page. */
  static String day(String html, String date) {
    Matcher m = Pattern.compile("id=\"day-" + date + "\">(.*?)</ul>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("day %s in the page", date).isTrue();
    return m.group(1).replaceAll("\\s+", " ");
  }

  static String flat(String html) {
    return html.replaceAll("\\s+", " ");
  }

  @Test
  void theWeekShowsEachDaysShiftsWithTheirLayerOverridesAndGaps() {
    String html = as("vera").get(WEEK).body();
    assertThat(html).contains("Week of <strong>2026-03-02</strong>").contains("Europe/Paris")
        .contains("href=\"/schedules/primary?week=2026-02-23\"").contains("href=\"/schedules/primary?week=2026-03-09\"");
    String monday = day(html, "2026-03-02");
    assertThat(monday).containsPattern("00:00–09:00</span> <strong[^>]*>gap: nobody on call")
        .containsPattern("09:00–18:00</span> <span class=\"people\">alice</span>.*layer &lt;b&gt;days&lt;/b&gt;")
        .containsPattern("18:00–24:00</span> <strong[^>]*>gap");
    assertThat(day(html, "2026-03-03")).containsPattern("09:00–18:00</span> <span class=\"people\">bob</span>");
    String wednesday = day(html, "2026-03-04");
    assertThat(wednesday).containsPattern("09:00–12:00</span> <span class=\"people\">alice</span>")
        .containsPattern("12:00–14:00</span> <span class=\"people\">alice, carol</span>.*override file-1")
        .containsPattern("14:00–18:00</span> <span class=\"people\">alice</span>");
    assertThat(day(html, "2026-03-07")).containsPattern("09:00–18:00</span> <span class=\"people\">carol</span>"
        + ".*layer weekend");
    // The file's override is listed without a button; a viewer has no buttons at all.
    assertThat(flat(html)).containsPattern("id=\"override-file-1\">.*carol comes on call.*&lt;i&gt;lunch cover&lt;/i&gt;"
        + ".*in the config file");
    assertThat(html).doesNotContain("Take this shift").doesNotContain(">Remove<");
    assertThat(html).doesNotContain("<b>days").doesNotContain("<i>lunch").doesNotContain("<script>alert")
        .contains("&lt;script&gt;alert(&#39;d&#39;)&lt;/script&gt; first line");
  }

  @Test
  void takingAShiftCreatesAnOverrideThatShowsAndRemovingItRestoresTheShift() {
    WebSession bob = as("bob");
    String html = bob.get(WEEK).body();
    String monday = day(html, "2026-03-02");
    // alice's shift and the gaps can be taken; bob's own shift on Tuesday cannot.
    assertThat(monday).contains("name=\"start\" value=\"2026-03-02T08:00:00Z\"")
        .contains("name=\"end\" value=\"2026-03-02T17:00:00Z\"");
    assertThat(day(html, "2026-03-03")).doesNotContain("value=\"2026-03-03T08:00:00Z\"");

    WebSession.Page taken = bob.post("/schedules/primary/take",
        Map.of("start", "2026-03-02T08:00:00Z", "end", "2026-03-02T17:00:00Z", "week", "2026-03-02"));
    assertThat(taken.status()).as(taken.body()).isEqualTo(302);
    assertThat(taken.location()).isEqualTo("/schedules/primary?week=2026-03-02");
    Api.Response overrides = new Api(port).get("/api/v1/schedules/primary/overrides?from=2026-03-02T00:00:00Z",
        IntegrationTest.ADMIN_TOKEN);
    var made = overrides.json().get(1);
    assertThat(made.get("add").asString()).isEqualTo("bob");
    assertThat(made.get("remove").asString()).isEqualTo("alice");
    assertThat(made.get("start").asString()).isEqualTo("2026-03-02T08:00:00Z");
    assertThat(made.get("end").asString()).isEqualTo("2026-03-02T17:00:00Z");
    assertThat(made.get("createdBy").asString()).isEqualTo("bob");
    String id = made.get("id").asString();

    html = bob.get(taken.location()).body();
    assertThat(html).contains("You are on call from");
    assertThat(day(html, "2026-03-02")).containsPattern(
        "09:00–18:00</span> <span class=\"people\">bob</span>.*layer &lt;b&gt;days&lt;/b&gt;.*override " + id);
    assertThat(flat(html)).containsPattern("id=\"override-" + id + "\">.*bob replaces alice.*by bob.*>Remove<");

    // Taking it again: already on call. A shift that is not one (any more): refused, nothing changes.
    WebSession.Page again = bob.post("/schedules/primary/take",
        Map.of("start", "2026-03-02T08:00:00Z", "end", "2026-03-02T17:00:00Z"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("already on call in this shift");
    WebSession.Page stale = bob.post("/schedules/primary/take",
        Map.of("start", "2026-03-04T08:00:00Z", "end", "2026-03-04T12:00:00Z"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body()).contains("changed since the page was shown");
    WebSession.Page bad = bob.post("/schedules/primary/take", Map.of("start", "Monday", "end", "2026-03-04T12:00Z"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("start");

    WebSession.Page removed = bob.post("/schedules/primary/overrides/" + id + "/remove", Map.of("week", "2026-03-02"));
    assertThat(removed.status()).isEqualTo(302);
    html = bob.get(removed.location()).body();
    assertThat(html).contains("Override " + id + " removed.").doesNotContain("id=\"override-" + id + "\"");
    assertThat(day(html, "2026-03-02")).containsPattern("09:00–18:00</span> <span class=\"people\">alice</span>");

    // The file's override cannot be removed here, even by a forged form.
    WebSession.Page forged = bob.post("/schedules/primary/overrides/file-1/remove", Map.of());
    assertThat(forged.status()).isEqualTo(409);
    assertThat(forged.body()).contains("override file-1 is declared in /etc/vigil-schedules.yaml");
  }

  @Test
  void takingAGapPutsTheTakerOnCallAlone() {
    WebSession bob = as("bob");
    WebSession.Page taken = bob.post("/schedules/primary/take",
        Map.of("start", "2026-03-02T17:00:00Z", "end", "2026-03-03T08:00:00Z"));
    assertThat(taken.status()).as(taken.body()).isEqualTo(302);
    assertThat(day(bob.get(WEEK).body(), "2026-03-02")).containsPattern(
        "18:00–24:00</span> <span class=\"people\">bob</span>");
  }

  @Test
  void theListShowsWhoIsOnCallNowAndNextAndThePoliciesAsSteps() {
    String html = as("vera").get("/schedules").body().replaceAll("\\s+", " ");
    var now = onCall.onCall("primary", clock.instant());
    Matcher row = Pattern.compile("id=\"schedule-primary\">(.*?)</tr>").matcher(html);
    assertThat(row.find()).isTrue();
    if (now.isEmpty()) {
      assertThat(row.group(1)).contains(">nobody<");
    } else {
      assertThat(row.group(1)).contains(">" + String.join(", ", now) + "<");
    }
    assertThat(row.group(1)).contains("from <time");
    assertThat(html).contains("Page <span>schedule primary</span>; wait <span>10m</span>")
        .contains("Page <span>user carol</span>, <span>team platform</span>; wait <span>15m</span>")
        .contains("Repeated 2 times");
    assertThat(html).doesNotContain("<script>alert");
    assertThat(as("vera").get("/schedules/primary?week=2026-02-30").status()).isEqualTo(400);
  }
}
