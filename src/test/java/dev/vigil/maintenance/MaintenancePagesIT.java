package dev.vigil.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ScenarioTest;
import dev.vigil.Scenario;
import dev.vigil.WebSession;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The maintenance page: responders declare windows with times in their own zone, end one under way and cancel one
 * to come, through forms; each bad input shows the form again with a 400 naming the field and keeping what was
 * typed; viewers read but change nothing; the catalog's windows are shown and say why they cannot be ended here.
 */
@ScenarioTest
class MaintenancePagesIT {

  static final String PASSWORD = "correct horse battery";
  static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    scenario.given("""
        version: 1
        teams: [{name: ops, members: [alice]}]
        users:
          - name: alice
            email: alice@example.com
            time_zone: Europe/Paris
        services:
          - name: api
            team: ops
            tier: 1
          - name: db
            team: ops
            tier: 1
            maintenance_windows:
              - name: sunday-vacuum
                time_zone: UTC
                days: [sun]
                from: "02:00"
                to: "04:00"
        """);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "rita", PASSWORD, "responder", "alice");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
  }

  /** A time in Paris as the form's field holds it, {@code minutes} from now. */
  String paris(long minutes) {
    return FIELD.format(scenario.now().plus(Duration.ofMinutes(minutes)).atZone(PARIS));
  }

  WebSession rita() {
    WebSession rita = WebSession.signedIn(port, "rita", PASSWORD);
    rita.get("/maintenance");
    return rita;
  }

  long windowId(String reason) {
    return jdbc.sql("select id from maintenance_window where reason = :r").param("r", reason).query(Long.class)
        .single();
  }

  @Test
  void aResponderDeclaresEndsAndCancelsWindowsInTheirZone() {
    WebSession rita = rita();
    String page = rita.get("/maintenance").body();
    assertThat(page).contains("<title>Maintenance · Vigil</title>").contains("value=\"" + paris(0) + "\"")
        .contains("<option value=\"api\">api</option>").contains("No maintenance is under way.");

    WebSession.Page made = rita.post("/maintenance", Map.of("services", "api", "start", paris(0),
        "duration", "30m", "reason", "Database upgrade"));
    assertThat(made.status()).as(made.body()).isEqualTo(302);
    assertThat(made.location()).isEqualTo("/maintenance");
    WebSession.Page later = rita.post("/maintenance", Map.of("services", "db", "start", paris(120),
        "end", paris(180), "reason", "Disk swap"));
    assertThat(later.status()).as(later.body()).isEqualTo(302);

    // Times typed in Paris are instants: the window starts on the minute it was typed.
    Map<String, Object> row = jdbc.sql("select starts_at, ends_at, created_by from maintenance_window where"
        + " reason = 'Disk swap'").query().singleRow();
    assertThat(((java.sql.Timestamp) row.get("starts_at")).toInstant().atZone(PARIS).format(FIELD))
        .isEqualTo(paris(120));
    assertThat(row.get("created_by")).isEqualTo("alice");

    String listed = rita.get("/maintenance").body();
    assertThat(listed).contains("Maintenance declared on db.");
    String underWay = listed.substring(listed.indexOf("id=\"under-way\""), listed.indexOf("id=\"upcoming\""));
    String upcoming = listed.substring(listed.indexOf("id=\"upcoming\""), listed.indexOf("id=\"past\""));
    assertThat(underWay).contains("Database upgrade").contains("alice, ad hoc").contains("End now")
        .doesNotContain("Disk swap");
    assertThat(upcoming).contains("Disk swap").contains(">Cancel<");
    // Shown in the reader's zone, to the minute.
    assertThat(upcoming).contains(paris(120).replace('T', ' '));

    long upgrade = windowId("Database upgrade");
    scenario.advance(Duration.ofMinutes(10));
    assertThat(rita.post("/maintenance/" + upgrade + "/end", Map.of()).location()).isEqualTo("/maintenance");
    long disk = windowId("Disk swap");
    assertThat(rita.post("/maintenance/" + disk + "/cancel", Map.of()).location()).isEqualTo("/maintenance");

    String after = rita.get("/maintenance").body();
    String past = after.substring(after.indexOf("id=\"past\""), after.indexOf("id=\"declared\""));
    assertThat(past).contains("Database upgrade").contains(paris(0).replace('T', ' '));
    assertThat(after.substring(after.indexOf("id=\"under-way\""), after.indexOf("id=\"past\"")))
        .doesNotContain("Database upgrade").doesNotContain("Disk swap");
    assertThat(jdbc.sql("select count(*) from maintenance_window").query(Integer.class).single()).isEqualTo(1);

    // Ended already: nothing to end, said on a 409 page.
    WebSession.Page again = rita.post("/maintenance/" + upgrade + "/end", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("is not under way, so it cannot be ended now");
  }

  @Test
  void eachBadInputShowsTheFormAgainNamingItsFieldAndKeepingWhatWasTyped() {
    WebSession rita = rita();
    assertBad(rita, Map.of("services", "api", "start", paris(60), "end", paris(30), "reason", "Kept text"),
        "end: " + paris(30).replace('T', ' ') + " is not after the start " + paris(60).replace('T', ' '));
    assertBad(rita, Map.of("services", "nope", "start", paris(0), "duration", "1h", "reason", "Kept text"),
        "services: no service named &#39;nope&#39;");
    assertBad(rita, Map.of("services", "api", "start", paris(0), "duration", "1h", "reason", " "),
        "reason: required");
    assertBad(rita, Map.of("services", "api", "start", "next tuesday", "duration", "1h", "reason", "Kept text"),
        "start: &#39;next tuesday&#39; is not a time; write it as 2026-01-05T09:00, in Europe/Paris");
    assertBad(rita, Map.of("services", "api", "start", paris(0), "duration", "a while", "reason", "Kept text"),
        "duration: &#39;a while&#39; is not a duration");
    assertBad(rita, Map.of("services", "api", "start", paris(0), "reason", "Kept text"),
        "end: give the end or a duration, one of them");
    assertBad(rita, Map.of("start", paris(0), "duration", "1h", "reason", "Kept text"), "services: required");
    assertThat(jdbc.sql("select count(*) from maintenance_window").query(Integer.class).single()).isZero();
  }

  void assertBad(WebSession rita, Map<String, String> form, String message) {
    WebSession.Page page = rita.post("/maintenance", form);
    assertThat(page.status()).as(message).isEqualTo(400);
    assertThat(page.body()).as(message).contains(message);
    if (!form.getOrDefault("reason", " ").isBlank()) {
      assertThat(page.body()).as(message).contains(">Kept text</textarea>");
    }
    if (form.containsKey("start")) {
      assertThat(page.body()).as(message).contains("value=\"" + form.get("start") + "\"");
    }
  }

  @Test
  void viewersReadButChangeNothingAndTheCatalogsWindowsSayWhyTheyStay() {
    WebSession vera = WebSession.signedIn(port, "vera", PASSWORD);
    String page = vera.get("/maintenance").body();
    assertThat(page).contains("sunday-vacuum").contains("sun 02:00 to 04:00 UTC")
        .contains("change the declaration and apply it to end or cancel one")
        .doesNotContain("Declare maintenance</h2>");
    WebSession.Page refused = vera.post("/maintenance", Map.of("services", "api", "start", paris(0),
        "duration", "30m", "reason", "Nope"));
    assertThat(refused.status()).isEqualTo(403);
    WebSession rita = rita();
    assertThat(rita.postWithoutCsrf("/maintenance", Map.of("services", "api", "start", paris(0),
        "duration", "30m", "reason", "No token")).status()).isEqualTo(403);
    assertThat(rita.post("/maintenance/424242/end", Map.of()).status()).isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from maintenance_window").query(Integer.class).single()).isZero();
  }
}
