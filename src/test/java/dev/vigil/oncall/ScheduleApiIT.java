package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The on-call API against the running application: final shifts with layers and the file's override, overrides and
 * temporary schedules made through the API (and kept by a config apply), who is on call for schedules and policies,
 * gaps, a user's shifts, bad input, and calendar feeds parsed back with ical4j, with tokens that stop working once
 * revoked.
 */
@IntegrationTest
class ScheduleApiIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  static final String CATALOG = """
      version: 1
      teams:
        - name: payments
          members: [ana, ben, cy]
      users:
        - name: ana
          email: ana@example.com
        - name: ben
          email: ben@example.com
        - name: cy
          email: cy@example.com
      schedules:
        - name: payments-primary
          time_zone: Europe/Paris
          layers:
            - name: weekly
              rotation: weekly
              start: "2026-01-05T09:00"
              participants: [ana, ben]
            - name: office
              rotation: daily
              start: "2026-01-05T09:00"
              participants: [cy]
              restrictions:
                - days: [mon, tue, wed, thu, fri]
                  from: "10:00"
                  to: "16:00"
          overrides:
            - start: "2027-03-01T09:00"
              end: "2027-03-02T09:00"
              add: cy
              remove: ana
              note: ana at a conference
      escalation_policies:
        - name: payments
          steps:
            - delay: 5m
              targets: [{schedule: payments-primary}]
            - delay: 5m
              targets: [{team: payments}]
      services:
        - name: payment
          team: payments
          tier: 1
          escalation_policy: payments
      """;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
    api = new Api(port);
  }

  JsonNode ok(Api.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 299);
    return r.json();
  }

  static List<String> users(JsonNode shift) {
    List<String> users = new ArrayList<>();
    shift.get("users").forEach(u -> users.add(u.asString()));
    return users;
  }

  @Test
  void schedulesCarryTheirCalendarUrl() {
    JsonNode schedules = ok(api.get("/api/v1/schedules", ADMIN));
    assertThat(schedules).hasSize(1);
    assertThat(schedules.get(0).get("calendarUrl").asString())
        .endsWith("/api/v1/schedules/payments-primary/calendar.ics");
    assertThat(schedules.get(0).get("managedBy").asString()).isEqualTo("/etc/vigil.yaml");
    assertThat(ok(api.get("/api/v1/schedules/payments-primary", ADMIN)).get("overrides").get(0).get("note").asString())
        .isEqualTo("ana at a conference");
  }

  @Test
  void finalShiftsApplyLayersRestrictionsAndTheFileOverride() {
    // Monday 1 March 2027, Paris (UTC+1): ana's week, replaced by cy for a day; the office layer has cy 10:00-16:00.
    JsonNode body = ok(api.get("/api/v1/schedules/payments-primary/shifts?from=2027-03-01T08:00:00Z"
        + "&to=2027-03-02T09:00:00Z", ADMIN));
    JsonNode shifts = body.get("shifts");
    assertThat(shifts).hasSize(4);
    assertThat(shifts.get(0).get("start").asString()).isEqualTo("2027-03-01T08:00:00Z");
    assertThat(users(shifts.get(0))).containsExactly("cy");
    assertThat(shifts.get(0).get("layer").asString()).isEqualTo("weekly");
    assertThat(shifts.get(0).get("overrides").get(0).asString()).isEqualTo("file-1");
    assertThat(shifts.get(1).get("start").asString()).isEqualTo("2027-03-01T09:00:00Z");
    assertThat(shifts.get(1).get("layer").asString()).isEqualTo("office");
    assertThat(shifts.get(2).get("start").asString()).isEqualTo("2027-03-01T15:00:00Z");
    assertThat(users(shifts.get(2))).containsExactly("cy");
    assertThat(shifts.get(3).get("start").asString()).isEqualTo("2027-03-02T08:00:00Z");
    assertThat(users(shifts.get(3))).as("the override is over").containsExactly("ana");
    assertThat(body.get("gaps")).isEmpty();
  }

  @Test
  void apiOverridesChangeWhoIsOnCallAndSurviveApplyingTheFile() {
    Api.Response created = api.post("/api/v1/schedules/payments-primary/overrides", ADMIN,
        "{\"start\": \"2027-03-01T12:00:00Z\", \"end\": \"2027-03-01T14:00+01:00\", \"add\": \"ben\","
            + " \"remove\": \"cy\", \"note\": \"swap\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.json().get("createdBy").asString()).isNotBlank();

    JsonNode onCall = ok(api.get("/api/v1/oncall?at=2027-03-01T12:30:00Z&schedule=payments-primary", ADMIN));
    assertThat(onCall.get("schedules")).hasSize(1);
    assertThat(users(onCall.get("schedules").get(0))).containsExactly("ben");
    assertThat(onCall.get("schedules").get(0).get("overrides").get(0).asString()).isEqualTo(id);
    assertThat(onCall.get("escalationPolicies")).as("filtered to the schedule").isEmpty();

    JsonNode policy = ok(api.get("/api/v1/oncall?at=2027-03-01T12:30:00Z&policy=payments", ADMIN));
    assertThat(users(policy.get("escalationPolicies").get(0).get("steps").get(0))).containsExactly("ben");
    assertThat(users(policy.get("escalationPolicies").get(0).get("steps").get(1))).containsExactly("ana", "ben", "cy");

    JsonNode everything = ok(api.get("/api/v1/oncall?at=2027-03-01T12:30:00Z", ADMIN));
    assertThat(everything.get("schedules")).hasSize(1);
    assertThat(everything.get("escalationPolicies")).hasSize(1);

    // Applying the file again keeps what was made through the API.
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "y");
    JsonNode overrides = ok(api.get("/api/v1/schedules/payments-primary/overrides?from=2027-01-01T00:00:00Z", ADMIN));
    assertThat(overrides).extracting(o -> o.get("id").asString()).containsExactly("file-1", id);
    assertThat(overrides.get(0).get("managedBy").asString()).isEqualTo("/etc/vigil.yaml");
    assertThat(users(ok(api.get("/api/v1/oncall?at=2027-03-01T12:30:00Z", ADMIN)).get("schedules").get(0)))
        .containsExactly("ben");

    assertThat(api.delete("/api/v1/schedules/payments-primary/overrides/file-1", ADMIN).status())
        .as("the file's own override is the file's").isEqualTo(409);
    assertThat(api.delete("/api/v1/schedules/payments-primary/overrides/" + id, ADMIN).status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/schedules/payments-primary/overrides/" + id, ADMIN).status()).isEqualTo(404);
    assertThat(users(ok(api.get("/api/v1/oncall?at=2027-03-01T12:30:00Z", ADMIN)).get("schedules").get(0)))
        .containsExactly("cy");
  }

  @Test
  void temporarySchedulesReplaceTheLayersAndLeaveTheirOwnGaps() {
    Api.Response created = api.post("/api/v1/schedules/payments-primary/temporary", ADMIN,
        "{\"name\": \"launch\", \"start\": \"2027-04-01T00:00:00Z\", \"end\": \"2027-04-03T00:00:00Z\","
            + " \"shifts\": [{\"start\": \"2027-04-01T00:00:00Z\", \"end\": \"2027-04-02T00:00:00Z\","
            + " \"users\": [\"ben\", \"cy\"]}]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(users(ok(api.get("/api/v1/oncall?at=2027-04-01T12:00:00Z", ADMIN)).get("schedules").get(0)))
        .containsExactly("ben", "cy");
    assertThat(ok(api.get("/api/v1/oncall?at=2027-04-02T12:00:00Z", ADMIN)).get("schedules").get(0).get("users"))
        .isEmpty();
    JsonNode gaps = ok(api.get("/api/v1/schedules/payments-primary/gaps?from=2027-04-01T00:00:00Z"
        + "&to=2027-04-05T00:00:00Z", ADMIN)).get("gaps");
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).get("start").asString()).isEqualTo("2027-04-02T00:00:00Z");
    assertThat(gaps.get(0).get("end").asString()).isEqualTo("2027-04-03T00:00:00Z");

    Api.Response overlapping = api.post("/api/v1/schedules/payments-primary/temporary", ADMIN,
        "{\"start\": \"2027-04-02T00:00:00Z\", \"end\": \"2027-04-04T00:00:00Z\", \"shifts\": []}");
    assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);

    assertThat(api.delete("/api/v1/schedules/payments-primary/temporary/" + id, ADMIN).status()).isEqualTo(204);
    assertThat(ok(api.get("/api/v1/oncall?at=2027-04-02T12:00:00Z", ADMIN)).get("schedules").get(0).get("users"))
        .isNotEmpty();
  }

  @Test
  void aUsersShiftsAcrossSchedules() {
    JsonNode body = ok(api.get("/api/v1/users/cy/shifts?from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z", ADMIN));
    assertThat(body.get("shifts")).isNotEmpty().allSatisfy(s -> {
      assertThat(s.get("schedule").asString()).isEqualTo("payments-primary");
      assertThat(users(s)).contains("cy");
    });
    assertThat(api.get("/api/v1/users/nobody/shifts", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void badInputIsA4xxNamingTheField() {
    String path = "/api/v1/schedules/payments-primary/overrides";
    assertBad(api.post(path, ADMIN, "{\"start\": \"tomorrow\", \"end\": \"2027-03-01T13:00:00Z\", \"add\": \"ben\"}"),
        "start:");
    assertBad(api.post(path, ADMIN, "{\"start\": \"2027-03-01T13:00:00Z\", \"end\": \"2027-03-01T12:00:00Z\","
        + " \"add\": \"ben\"}"), "end: must be after start");
    assertBad(api.post(path, ADMIN, "{\"start\": \"2027-03-01T12:00:00Z\", \"end\": \"2027-03-01T13:00:00Z\"}"),
        "add, remove");
    assertBad(api.post(path, ADMIN, "{\"start\": \"2027-03-01T12:00:00Z\", \"end\": \"2027-03-01T13:00:00Z\","
        + " \"add\": \"zed\"}"), "add: no user named 'zed'");
    assertBad(api.post(path, ADMIN, "{\"start\": \"2027-03-01T12:00:00Z\", \"end\": \"2027-03-01T13:00:00Z\","
        + " \"add\": \"ben\", \"remove\": \"ben\"}"), "remove: must differ from add");
    assertBad(api.post(path, ADMIN, "{\"bogus\": 1}"), "bogus");
    assertBad(api.post(path, ADMIN, "not json"), "JSON");
    assertBad(api.post("/api/v1/schedules/payments-primary/temporary", ADMIN, "{\"start\": \"2027-04-01T00:00:00Z\","
        + " \"end\": \"2027-04-02T00:00:00Z\", \"shifts\": [{\"start\": \"2027-03-31T00:00:00Z\","
        + " \"end\": \"2027-04-01T06:00:00Z\", \"users\": [\"ben\"]}, {\"start\": \"2027-04-01T00:00:00Z\","
        + " \"end\": \"2027-04-01T06:00:00Z\", \"users\": []}]}"), "shifts[0].start, end");
    assertBad(api.get("/api/v1/schedules/payments-primary/shifts?from=yesterday", ADMIN), "from:");
    assertBad(api.get("/api/v1/schedules/payments-primary/shifts?from=2027-01-01T00:00:00Z"
        + "&to=2026-01-01T00:00:00Z", ADMIN), "to: must be after from");
    assertBad(api.get("/api/v1/schedules/payments-primary/shifts?from=2027-01-01T00:00:00Z"
        + "&to=2029-01-01T00:00:00Z", ADMIN), "at most 366 days");
    assertBad(api.get("/api/v1/oncall?at=noon", ADMIN), "at:");
    assertThat(api.get("/api/v1/oncall?schedule=nope", ADMIN).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/oncall?policy=nope", ADMIN).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/schedules/nope/shifts", ADMIN).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/schedules/nope/overrides", ADMIN, "{}").status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/schedules/payments-primary/overrides/abc", ADMIN).status()).isEqualTo(404);
  }

  void assertBad(Api.Response r, String mentions) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).contains(mentions);
  }

  static final DateTimeFormatter ICAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Test
  void calendarFeedParsedBackMatchesTheShiftsAndItsTokenCanBeRevoked() throws Exception {
    Api.Response created = api.post("/api/v1/schedules/payments-primary/calendar-tokens", ADMIN,
        "{\"label\": \"ana's phone\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String token = created.json().get("token").asString();
    String url = created.json().get("url").asString();
    assertThat(url).endsWith("/api/v1/schedules/payments-primary/calendar.ics?token=" + token);
    String feed = "/api/v1/schedules/payments-primary/calendar.ics?token=" + token;

    Api.Response first = api.get(feed, null);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.contentType()).startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(first.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");

    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(30));
    Instant to = now.plus(Duration.ofDays(180));
    JsonNode shifts = ok(api.get("/api/v1/schedules/payments-primary/shifts?from=" + from + "&to=" + to, ADMIN))
        .get("shifts");
    assertThat(events).hasSize(shifts.size()).hasSizeGreaterThan(100);
    for (int i = 0; i < shifts.size(); i++) {
      JsonNode shift = shifts.get(i);
      VEvent event = events.get(i);
      assertThat(value(event, Property.SUMMARY)).isEqualTo("On call: " + String.join(", ", users(shift))
          + " (payments-primary)");
      // The API cuts the first and last shift to the range asked; the feed keeps their real edges.
      if (i > 0) {
        assertThat(value(event, Property.DTSTART)).isEqualTo(ICAL.format(Instant.parse(shift.get("start").asString())));
      }
      if (i < shifts.size() - 1) {
        assertThat(value(event, Property.DTEND)).isEqualTo(ICAL.format(Instant.parse(shift.get("end").asString())));
      }
      assertThat(value(event, Property.DTSTAMP)).isNotBlank();
    }
    List<String> uids = events.stream().map(e -> value(e, Property.UID)).toList();
    assertThat(uids).doesNotHaveDuplicates();

    clock.advance(Duration.ofMinutes(10));
    Calendar again = new CalendarBuilder().build(new StringReader(api.get(feed, null).body()));
    List<String> uidsAgain = again.<VEvent>getComponents("VEVENT").stream().map(e -> value(e, Property.UID)).toList();
    assertThat(uidsAgain).as("the same shifts keep their UIDs").containsAll(uids.subList(1, uids.size() - 1));

    // The user feed lists only the user's shifts.
    Api.Response userToken = api.post("/api/v1/users/ben/calendar-tokens", ADMIN, "");
    assertThat(userToken.status()).as(userToken.body()).isEqualTo(201);
    String userFeed = "/api/v1/users/ben/calendar.ics?token=" + userToken.json().get("token").asString();
    Calendar bens = new CalendarBuilder().build(new StringReader(api.get(userFeed, null).body()));
    assertThat(bens.<VEvent>getComponents("VEVENT")).isNotEmpty()
        .allSatisfy(e -> assertThat(value(e, Property.SUMMARY)).contains("ben"));

    // Tokens open their own feed only; anything else is a 404 that says nothing.
    assertThat(api.get("/api/v1/users/ana/calendar.ics?token=" + token, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/schedules/payments-primary/calendar.ics?token=vcal_wrong", null).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/schedules/payments-primary/calendar.ics", ADMIN).status())
        .as("a bearer token is no calendar token").isEqualTo(404);
    assertThat(api.get("/api/v1/schedules/nope/calendar.ics?token=" + token, null).status()).isEqualTo(404);

    JsonNode listed = ok(api.get("/api/v1/schedules/payments-primary/calendar-tokens", ADMIN));
    assertThat(listed.toString()).contains("ana's phone").doesNotContain(token);
    long id = created.json().get("id").asLong();
    assertThat(api.delete("/api/v1/calendar-tokens/" + id, ADMIN).status()).isEqualTo(204);
    assertThat(api.get(feed, null).status()).as("revoked").isEqualTo(404);
    assertThat(api.get(userFeed, null).status()).as("the other token still works").isEqualTo(200);
    assertThat(api.delete("/api/v1/calendar-tokens/987654321", ADMIN).status()).isEqualTo(404);
  }

  static String value(VEvent event, String property) {
    return event.getProperty(property).map(Property::getValue).orElse(null);
  }
}
