package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The schedule page's timeline and "cover for" over real HTTP, on the schedule of {@link WebSchedulesIT} (Paris,
 * alice and bob on alternate weekdays 09:00-18:00, carol at weekends, the file's override adding carol on the
 * Wednesday 12:00-14:00): the layers, overrides and final shifts drawn for a known week in the reader's zone, the
 * week switcher, and an override made by covering, refused in the past and for each bad input.
 */
@IntegrationTest
class WebScheduleTimelineIT {

  static final ZoneId PARIS = WebSchedulesIT.PARIS;
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
  static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired Clock clock;
  /** The Monday of the week looked at: alice's, weeks ahead, so that its shifts are all still to come. */
  LocalDate monday;

  @BeforeEach
  void setUp() {
    monday = WebSchedulesIT.alicesMondayAhead(clock);
    TestCatalogs.reset(jdbc);
    // carol reads times in New York; the other accounts are not linked to a user with a zone, so read them in UTC.
    String yaml = WebSchedulesIT.YAML.formatted(monday.plusDays(2)).replace("email: carol@example.com",
        "email: carol@example.com\n    time_zone: America/New_York");
    catalog.apply(TestCatalogs.load(yaml), "/etc/vigil-schedules.yaml", "x");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", WebSchedulesIT.PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "carol", WebSchedulesIT.PASSWORD, "responder", "carol");
    WebSession.account(jdbc, "vera", WebSchedulesIT.PASSWORD, "viewer", null);
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, WebSchedulesIT.PASSWORD).location()).isEqualTo("/");
    return web;
  }

  /** An hour of a day of the week looked at, in Paris. */
  Instant at(int day, int hour) {
    return monday.plusDays(day).atTime(hour, 0).atZone(PARIS).toInstant();
  }

  /** A stretch as the timeline says it to vera, who declares no zone: in the schedule's, Paris. */
  String span(int day, int fromHour, int toDay, int toHour) {
    return MOMENT.format(at(day, fromHour).atZone(PARIS)) + " to " + MOMENT.format(at(toDay, toHour).atZone(PARIS));
  }

  /** Where an instant is drawn on the week from Monday midnight in Paris, as the rectangles' x attribute says it. */
  String x(Instant t, int weeks) {
    Instant from = monday.atStartOfDay(PARIS).toInstant();
    double share = 100.0 * Duration.between(from, t).toMillis() / Duration.ofDays(7L * weeks).toMillis();
    return String.format(Locale.ROOT, "%.3f", share).replaceAll("\\.?0+$", "") + "%";
  }

  /** The timeline of a page, spaces folded. */
  static String timeline(String html) {
    Matcher m = Pattern.compile("<svg [^>]*class=\"timeline\".*?</svg>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("a timeline in the page").isTrue();
    return m.group().replaceAll("\\s+", " ");
  }

  /** The bar whose text is {@code text}: its title and rectangles. */
  static String bar(String timeline, String text) {
    Matcher m = Pattern.compile("<title>" + Pattern.quote(text) + "</title>(.*?)</g>").matcher(timeline);
    assertThat(m.find()).as("a bar '%s' in %s", text, timeline).isTrue();
    return m.group(1);
  }

  String weekPath(int days) {
    return "/schedules/primary?week=" + monday.plusDays(days);
  }

  @Test
  void theTimelineDrawsEachLayerTheOverridesAndTheFinalShiftsOfAKnownWeek() {
    Api.Response made = new Api(port).post("/api/v1/schedules/primary/overrides", IntegrationTest.ADMIN_TOKEN,
        "{\"start\": \"" + at(3, 10) + "\", \"end\": \"" + at(3, 12) + "\", \"add\": \"carol\", \"remove\": \"bob\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String id = made.json().get("id").asString();

    String svg = timeline(as("vera").get(weekPath(2)).body());
    assertThat(svg).contains(">Layer &lt;b&gt;days&lt;/b&gt;</text>").contains(">Layer weekend</text>")
        .contains(">Overrides</text>").contains(">On call</text>").doesNotContain("<b>days")
        .contains(">Mon " + monday.getDayOfMonth() + "</text>").contains(">Sun " + monday.plusDays(6).getDayOfMonth());
    // Each layer's own shifts, the file's override and the API's, and the final shifts with their gaps.
    assertThat(bar(svg, "layer &lt;b&gt;days&lt;/b&gt;: alice, " + span(0, 9, 0, 18)))
        .contains("x=\"" + x(at(0, 9), 1) + "\"").contains("class=\"tl-person-0\"");
    assertThat(bar(svg, "layer &lt;b&gt;days&lt;/b&gt;: bob, " + span(3, 9, 3, 18))).contains("tl-person-1");
    bar(svg, "layer weekend: carol, " + span(5, 9, 5, 18));
    bar(svg, "override file-1: carol comes on call, " + span(2, 12, 2, 14));
    assertThat(bar(svg, "override " + id + ": carol replaces bob, " + span(3, 10, 3, 12)))
        .contains("x=\"" + x(at(3, 10), 1) + "\"").contains("tl-person-2");
    assertThat(bar(svg, "on call: alice, carol, " + span(2, 12, 2, 14))).contains("tl-person-0")
        .contains("tl-person-2");
    bar(svg, "on call: alice, " + span(2, 9, 2, 12));
    bar(svg, "on call: bob, " + span(3, 9, 3, 10));
    bar(svg, "on call: carol, " + span(3, 10, 3, 12));
    assertThat(bar(svg, "gap: nobody on call, " + span(0, 18, 1, 9))).contains("class=\"tl-gap\"");
    assertThat(svg).as("now is weeks away").doesNotContain("tl-now");

    // This week marks now; a reader with a zone reads the axis in it.
    assertThat(timeline(as("vera").get("/schedules/primary?week=" + LocalDate.ofInstant(clock.instant(),
        ZoneOffset.UTC)).body())).contains("class=\"tl-now\"");
    String carols = as("carol").get(weekPath(0)).body();
    assertThat(WebSchedulesIT.flat(carols)).contains("midnight to midnight in <span>America/New_York</span>.")
        .contains("times in <span>America/New_York</span><span>; the schedule&#39;s rotations turn in Europe/Paris"
            + "</span>");
    bar(timeline(carols), "layer &lt;b&gt;days&lt;/b&gt;: alice, " + MOMENT.format(at(0, 9).atZone(NEW_YORK))
        + " to " + MOMENT.format(at(0, 18).atZone(NEW_YORK)));
  }

  @Test
  void theWeekSwitcherMovesTheTimelineAndShowsTwoWeeks() {
    WebSession vera = as("vera");
    String next = vera.get(weekPath(7)).body();
    bar(timeline(next), "layer &lt;b&gt;days&lt;/b&gt;: bob, " + span(7, 9, 7, 18));
    assertThat(vera.get(weekPath(0)).body())
        .contains("href=\"/schedules/primary?week=" + monday + "&amp;weeks=2\"");

    String two = vera.get(weekPath(0) + "&weeks=2").body();
    String svg = timeline(two);
    assertThat(bar(svg, "layer &lt;b&gt;days&lt;/b&gt;: bob, " + span(7, 9, 7, 18)))
        .contains("x=\"" + x(at(7, 9), 2) + "\"");
    bar(svg, "layer &lt;b&gt;days&lt;/b&gt;: alice, " + span(0, 9, 0, 18));
    assertThat(two).contains("id=\"day-" + monday.plusDays(13) + "\"")
        .contains("href=\"/schedules/primary?week=" + monday.plusDays(7) + "&amp;weeks=2\"")
        .contains("href=\"/schedules/primary?week=" + monday + "&amp;weeks=1\" class=\"weeks\"");
    WebSession.Page three = vera.get(weekPath(0) + "&weeks=3");
    assertThat(three.status()).isEqualTo(400);
    assertThat(three.body()).contains("weeks: 1 or 2");
  }

  /** The address of a "Cover for" link of the page, for the shift starting at {@code start}. */
  static String coverLink(String html, String person, Instant start) {
    Matcher m = Pattern.compile("href=\"(/schedules/primary/cover\\?start=" + Pattern.quote(start.toString())
        + "[^\"]*person=" + person + "[^\"]*)\"").matcher(html);
    assertThat(m.find()).as("a cover link for %s from %s", person, start).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  /** The fields of the cover form as the page fills them in. */
  static Map<String, String> fields(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher inputs = Pattern.compile("<input (?:type=\"hidden\" )?(?:id=\"[a-z]+\" )?name=\"([a-z]+)\""
        + "(?: type=\"[a-z-]+\" required)? value=\"([^\"]*)\"").matcher(html);
    while (inputs.find()) {
      fields.put(inputs.group(1), inputs.group(2));
    }
    Matcher who = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(html);
    fields.put("who", who.find() ? who.group(1) : "");
    return fields;
  }

  /** The final shifts of the day looked at as "people start-end" in UTC, from the schedule API. */
  List<String> finalShifts(int day) {
    JsonNode shifts = new Api(port).get("/api/v1/schedules/primary/shifts?from=" + at(day, 0) + "&to="
        + at(day + 1, 0), IntegrationTest.ADMIN_TOKEN).json().get("shifts");
    List<String> result = new ArrayList<>();
    shifts.forEach(s -> {
      List<String> users = new ArrayList<>();
      s.get("users").forEach(u -> users.add(u.asString()));
      result.add(String.join(",", users) + " " + s.get("start").asString() + "-" + s.get("end").asString());
    });
    return result;
  }

  @Test
  void coverForMakesTheOverrideAskedInTwoClicks() {
    WebSession bob = as("bob");
    // The whole of alice's Monday, as the form comes: bob by default, the shift's times in the schedule's zone
    // (Paris), as bob declares none.
    WebSession.Page form = bob.get(coverLink(bob.get(weekPath(0)).body(), "alice", at(0, 9)));
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    Map<String, String> fields = fields(form.body());
    assertThat(fields).containsEntry("who", "bob")
        .containsEntry("from", FIELD.format(at(0, 9).atZone(PARIS)))
        .containsEntry("to", FIELD.format(at(0, 18).atZone(PARIS)));
    WebSession.Page covered = bob.post("/schedules/primary/cover", fields);
    assertThat(covered.status()).as(covered.body()).isEqualTo(302);
    assertThat(covered.location()).isEqualTo(weekPath(0));
    assertThat(bob.get(covered.location()).body()).contains("bob covers for alice from");
    assertThat(finalShifts(0)).containsExactly("bob " + at(0, 9) + "-" + at(0, 18));

    // Part of Friday, by carol, chosen from the schedule's team, typed in the reader's zone.
    fields = fields(bob.get(coverLink(bob.get(weekPath(0)).body(), "alice", at(4, 9))).body());
    fields.put("who", "carol");
    fields.put("from", FIELD.format(at(4, 13).atZone(PARIS)));
    fields.put("to", FIELD.format(at(4, 15).atZone(PARIS)));
    assertThat(bob.post("/schedules/primary/cover", fields).status()).isEqualTo(302);
    assertThat(finalShifts(4)).containsExactly("alice " + at(4, 9) + "-" + at(4, 13),
        "carol " + at(4, 13) + "-" + at(4, 15), "alice " + at(4, 15) + "-" + at(4, 18));
    JsonNode overrides = new Api(port).get("/api/v1/schedules/primary/overrides?from=" + at(4, 0),
        IntegrationTest.ADMIN_TOKEN).json();
    JsonNode last = overrides.get(overrides.size() - 1);
    assertThat(last.get("add").asString()).isEqualTo("carol");
    assertThat(last.get("remove").asString()).isEqualTo("alice");
    assertThat(last.get("createdBy").asString()).isEqualTo("bob");

    // carol's form is in her zone; a viewer is offered no cover and may not ask for the form.
    Map<String, String> carols = fields(as("carol").get(coverLink(bob.get(weekPath(0)).body(), "bob", at(1, 9)))
        .body());
    assertThat(carols).containsEntry("who", "carol").containsEntry("from", FIELD.format(at(1, 9).atZone(NEW_YORK)));
    WebSession vera = as("vera");
    String page = vera.get(weekPath(0)).body();
    assertThat(page).doesNotContain("Cover for");
    assertThat(vera.get("/schedules/primary/cover?start=" + at(1, 9) + "&end=" + at(1, 18) + "&person=bob")
        .status()).isEqualTo(403);
  }

  @Test
  void aShiftThatHasEndedCannotBeCovered() {
    LocalDate past = LocalDate.ofInstant(clock.instant(), PARIS).minusWeeks(2).with(DayOfWeek.MONDAY);
    Instant start = past.atTime(9, 0).atZone(PARIS).toInstant();
    Instant end = past.atTime(18, 0).atZone(PARIS).toInstant();
    String person = ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 5), past) % 2 == 0 ? "alice" : "bob";
    WebSession carol = as("carol");
    assertThat(takeFormsOrCovers(carol.get("/schedules/primary?week=" + past).body())).as("nothing offered")
        .isEmpty();
    WebSession.Page form = carol.get("/schedules/primary/cover?start=" + start + "&end=" + end + "&person=" + person);
    assertThat(form.status()).isEqualTo(409);
    assertThat(form.body()).contains("has ended; only a shift that has not ended can be covered");
    WebSession.Page posted = carol.post("/schedules/primary/cover", Map.of("start", start.toString(), "end",
        end.toString(), "person", person, "who", "carol", "from", FIELD.format(start.atZone(ZoneOffset.UTC)), "to",
        FIELD.format(end.atZone(NEW_YORK))));
    assertThat(posted.status()).isEqualTo(409);
    assertThat(posted.body()).contains("has ended");
    assertThat(new Api(port).get("/api/v1/schedules/primary/overrides?from=" + start, IntegrationTest.ADMIN_TOKEN)
        .json()).as("only the file's own").hasSize(1);
  }

  static List<String> takeFormsOrCovers(String html) {
    List<String> offered = new ArrayList<>();
    Matcher m = Pattern.compile("Take this shift|Cover for [a-z]+</a>").matcher(html);
    while (m.find()) {
      offered.add(m.group());
    }
    return offered;
  }

  @Test
  void eachBadInputShowsTheFormAgainWithA400NamingTheFieldAndKeepingWhatWasTyped() {
    WebSession bob = as("bob");
    Map<String, String> prefilled = fields(bob.get(coverLink(bob.get(weekPath(0)).body(), "alice", at(0, 9)))
        .body());
    String ten = FIELD.format(at(0, 10).atZone(PARIS));
    String noon = FIELD.format(at(0, 12).atZone(PARIS));
    Map<String, Map<String, String>> cases = new LinkedHashMap<>();
    cases.put("to: " + ten.replace('T', ' ') + " is not after the start " + noon.replace('T', ' '),
        with(prefilled, "from", noon, "to", ten));
    cases.put("who: &#39;zed&#39; is not a member of the teams of schedule primary", with(prefilled, "who", "zed"));
    cases.put("who: alice is already on call in this shift", with(prefilled, "who", "alice"));
    cases.put("from: the cover must lie within the shift", with(prefilled, "from",
        FIELD.format(at(0, 8).atZone(PARIS))));
    cases.put("to: the cover must lie within the shift", with(prefilled, "to",
        FIELD.format(at(0, 19).atZone(PARIS))));
    cases.put("from: &#39;soon&#39; is not a time; write it as 2026-01-05T09:00, in Europe/Paris",
        with(prefilled, "from", "soon"));
    cases.put("who: choose who covers for alice", with(prefilled, "who", ""));
    cases.forEach((message, form) -> {
      WebSession.Page page = bob.post("/schedules/primary/cover", form);
      assertThat(page.status()).as(message).isEqualTo(400);
      assertThat(page.body()).as(message).contains(message).contains("id=\"form-cover\"");
      Map<String, String> shown = fields(page.body());
      assertThat(shown.get("from")).as(message).isEqualTo(form.get("from"));
      assertThat(shown.get("to")).as(message).isEqualTo(form.get("to"));
      assertThat(shown.get("who")).as(message).isEqualTo(form.get("who"));
    });
    assertThat(finalShifts(0)).as("nothing changed").containsExactly("alice " + at(0, 9) + "-" + at(0, 18));
  }

  static Map<String, String> with(Map<String, String> form, String... changes) {
    Map<String, String> changed = new LinkedHashMap<>(form);
    for (int i = 0; i < changes.length; i += 2) {
      changed.put(changes[i], changes[i + 1]);
    }
    return changed;
  }
}
