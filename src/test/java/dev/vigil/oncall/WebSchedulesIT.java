package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
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
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /**
   * Europe/Paris. Weekdays 09:00-18:00 rotate daily between alice and bob from Monday 5 January 2026 (so a Monday an
   * even number of days later is alice's); weekends 09:00-18:00 are carol's; the rest is a gap. The file adds carol on
   * the Wednesday of the week the tests look at from 12:00 to 14:00.
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
            - start: "%1$sT12:00"
              end: "%1$sT14:00"
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
  /** The Monday of the week the tests look at: alice's, weeks ahead, so that its shifts are all still to come. */
  LocalDate monday;
  String week;

  @BeforeEach
  void setUp() {
    monday = alicesMondayAhead(clock);
    week = "/schedules/primary?week=" + day(2);
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(YAML.formatted(day(2))), "/etc/vigil-schedules.yaml", "x");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "carol", PASSWORD, "responder", "carol");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
  }

  /** A Monday weeks ahead whose shift is alice's, so that the week's shifts are all still to come. */
  static LocalDate alicesMondayAhead(Clock clock) {
    LocalDate ahead = LocalDate.ofInstant(clock.instant(), PARIS).plusWeeks(3)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    return ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 5), ahead) % 2 == 0 ? ahead : ahead.plusWeeks(1);
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  /** A day of the week the tests look at, {@code n} days after its Monday, as YYYY-MM-DD. */
  String day(int n) {
    return monday.plusDays(n).toString();
  }

  /** An hour of a day of that week in Paris, as the instant the forms carry. */
  String at(int day, int hour) {
    return monday.plusDays(day).atTime(hour, 0).atZone(PARIS).toInstant().toString();
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
    String html = as("vera").get(week).body();
    assertThat(html).contains("Week of <strong>" + day(0) + "</strong>").contains("Europe/Paris")
        .contains("href=\"/schedules/primary?week=" + day(-7) + "\"")
        .contains("href=\"/schedules/primary?week=" + day(7) + "\"");
    String monday = day(html, day(0));
    assertThat(monday).containsPattern("00:00–09:00</span> <strong[^>]*>gap: nobody on call")
        .containsPattern("09:00–18:00</span> <span class=\"people\">alice</span>.*layer &lt;b&gt;days&lt;/b&gt;")
        .containsPattern("18:00–24:00</span> <strong[^>]*>gap");
    assertThat(day(html, day(1))).containsPattern("09:00–18:00</span> <span class=\"people\">bob</span>");
    String wednesday = day(html, day(2));
    assertThat(wednesday).containsPattern("09:00–12:00</span> <span class=\"people\">alice</span>")
        .containsPattern("12:00–14:00</span> <span class=\"people\">alice, carol</span>.*override file-1")
        .containsPattern("14:00–18:00</span> <span class=\"people\">alice</span>");
    assertThat(day(html, day(5))).containsPattern("09:00–18:00</span> <span class=\"people\">carol</span>"
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
    String html = bob.get(week).body();
    String monday = day(html, day(0));
    // alice's shift and the gaps can be taken; bob's own shift on Tuesday cannot.
    assertThat(monday).contains("name=\"start\" value=\"" + at(0, 9) + "\"")
        .contains("name=\"end\" value=\"" + at(0, 18) + "\"");
    assertThat(day(html, day(1))).doesNotContain("name=\"start\" value=\"" + at(1, 9) + "\"");

    WebSession.Page taken = bob.post("/schedules/primary/take",
        Map.of("start", at(0, 9), "end", at(0, 18), "week", day(0)));
    assertThat(taken.status()).as(taken.body()).isEqualTo(302);
    assertThat(taken.location()).isEqualTo("/schedules/primary?week=" + day(0));
    Api.Response overrides = new Api(port).get("/api/v1/schedules/primary/overrides?from=" + day(0) + "T00:00:00Z",
        IntegrationTest.ADMIN_TOKEN);
    var made = overrides.json().get(1);
    assertThat(made.get("add").asString()).isEqualTo("bob");
    assertThat(made.get("remove").asString()).isEqualTo("alice");
    assertThat(made.get("start").asString()).isEqualTo(at(0, 9));
    assertThat(made.get("end").asString()).isEqualTo(at(0, 18));
    assertThat(made.get("createdBy").asString()).isEqualTo("bob");
    String id = made.get("id").asString();

    html = bob.get(taken.location()).body();
    assertThat(html).contains("You are on call from");
    assertThat(day(html, day(0))).containsPattern(
        "09:00–18:00</span> <span class=\"people\">bob</span>.*layer &lt;b&gt;days&lt;/b&gt;.*override " + id);
    assertThat(flat(html)).containsPattern("id=\"override-" + id + "\">.*bob replaces alice.*by bob.*>Remove<");

    // Taking it again: already on call. A shift that is not one (any more): refused, nothing changes.
    WebSession.Page again = bob.post("/schedules/primary/take",
        Map.of("start", at(0, 9), "end", at(0, 18)));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("already on call in this shift");
    WebSession.Page stale = bob.post("/schedules/primary/take",
        Map.of("start", at(2, 9), "end", at(2, 13)));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body()).contains("changed since the page was shown");
    WebSession.Page bad = bob.post("/schedules/primary/take", Map.of("start", "Monday", "end", at(2, 13)));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("start");

    WebSession.Page removed = bob.post("/schedules/primary/overrides/" + id + "/remove", Map.of("week", day(0)));
    assertThat(removed.status()).isEqualTo(302);
    html = bob.get(removed.location()).body();
    assertThat(html).contains("Override " + id + " removed.").doesNotContain("id=\"override-" + id + "\"");
    assertThat(day(html, day(0))).containsPattern("09:00–18:00</span> <span class=\"people\">alice</span>");

    // The file's override cannot be removed here, even by a forged form.
    WebSession.Page forged = bob.post("/schedules/primary/overrides/file-1/remove", Map.of());
    assertThat(forged.status()).isEqualTo(409);
    assertThat(forged.body()).contains("override file-1 is declared in /etc/vigil-schedules.yaml");
  }

  /** The take forms of a page: each one's start and end. */
  static List<Instant[]> takeForms(String html) {
    Matcher m = Pattern.compile(
        "name=\"start\" value=\"([^\"]+)\">\\s*<input type=\"hidden\" name=\"end\" value=\"([^\"]+)\"").matcher(html);
    List<Instant[]> forms = new ArrayList<>();
    while (m.find()) {
      forms.add(new Instant[] {Instant.parse(m.group(1)), Instant.parse(m.group(2))});
    }
    return forms;
  }

  @Test
  void everyDayOfAShiftOffersItButAShiftThatHasEndedIsNotOffered() {
    WebSession bob = as("bob");
    // The gap from Monday 18:00 to Tuesday 09:00 shows on both days, and both offer it.
    assertThat(day(bob.get(week).body(), day(1))).contains("name=\"start\" value=\"" + at(0, 18) + "\"");

    Instant now = clock.instant();
    String thisWeek = bob.get("/schedules/primary").body();
    List<Instant[]> forms = takeForms(thisWeek);
    assertThat(forms).isNotEmpty().allSatisfy(f -> assertThat(f[1]).as("end of an offered shift").isAfter(now));
    LocalDate lastWeek = LocalDate.ofInstant(now, PARIS).minusWeeks(1);
    assertThat(takeForms(bob.get("/schedules/primary?week=" + lastWeek).body())).as("last week").isEmpty();
  }

  @Test
  void aShiftThatHasEndedIsRefusedAndOneUnderWayIsTakenFromNow() {
    // The week before this one: its Monday evening gap has ended.
    LocalDate past = LocalDate.ofInstant(clock.instant(), PARIS).minusWeeks(1).with(DayOfWeek.MONDAY);
    Instant pastStart = past.atTime(18, 0).atZone(PARIS).toInstant();
    Instant pastEnd = past.plusDays(1).atTime(9, 0).atZone(PARIS).toInstant();
    WebSession bob = as("bob");
    WebSession.Page ended = bob.post("/schedules/primary/take",
        Map.of("start", pastStart.toString(), "end", pastEnd.toString()));
    assertThat(ended.status()).as(ended.body()).isEqualTo(409);
    assertThat(ended.body()).contains("has ended; only a shift that has not ended can be taken");
    assertThat(new Api(port).get("/api/v1/schedules/primary/overrides?from=" + pastStart, IntegrationTest.ADMIN_TOKEN)
        .json()).as("only the file's own").hasSize(1);

    // Whoever is not on call now takes what is under way: from now, not from its start.
    Instant before = clock.instant();
    List<String> onCallNow = onCall.onCall("primary", before);
    String taker = onCallNow.contains("bob") ? "carol" : "bob";
    WebSession web = as(taker);
    Instant[] current = takeForms(web.get("/schedules/primary").body()).stream()
        .filter(f -> !f[0].isAfter(before) && f[1].isAfter(before)).findFirst().orElseThrow();
    WebSession.Page taken = web.post("/schedules/primary/take",
        Map.of("start", current[0].toString(), "end", current[1].toString()));
    assertThat(taken.status()).as(taken.body()).isEqualTo(302);
    assertThat(web.get(taken.location()).body()).contains("You are on call from now to");
    var made = new Api(port).get("/api/v1/schedules/primary/overrides?from=" + current[0], IntegrationTest.ADMIN_TOKEN)
        .json();
    Instant start = Instant.parse(made.get(made.size() - 1).get("start").asString());
    assertThat(start).isAfterOrEqualTo(before).isBeforeOrEqualTo(clock.instant());
    assertThat(made.get(made.size() - 1).get("end").asString()).isEqualTo(current[1].toString());
  }

  @Test
  void takingAGapPutsTheTakerOnCallAlone() {
    WebSession bob = as("bob");
    WebSession.Page taken = bob.post("/schedules/primary/take",
        Map.of("start", at(0, 18), "end", at(1, 9)));
    assertThat(taken.status()).as(taken.body()).isEqualTo(302);
    assertThat(day(bob.get(week).body(), day(0))).containsPattern(
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
