package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The teams and users pages: what each shows, and that a person's addresses reach only admins and that person,
 * while everyone else sees which kinds of contact method they have.
 */
@IntegrationTest
class WebTeamPagesIT {

  static final String PASSWORD = "correct horse battery";

  static final String YAML = """
      version: 1
      teams:
        - name: platform
          description: Databases and the API
          members: [alice, bob]
          slack_channel: "#platform"
        - name: payments
          members: [carol]
      users:
        - name: alice
          full_name: Alice Martin
          email: alice@example.com
          time_zone: Europe/Paris
          contact_methods:
            - type: sms
              address: "+33600000001"
              label: mobile
            - type: webhook
              address: https://hooks.example.com/alice-secret-hook
        - name: bob
          full_name: Bob Stone
          email: bob@example.com
        - name: carol
          email: carol@example.com
      schedules:
        - name: platform-primary
          time_zone: UTC
          layers:
            - name: weekly
              rotation: weekly
              start: "%s"
              participants: [alice, bob]
      escalation_policies:
        - name: platform-policy
          steps:
            - delay: 5m
              targets: [{schedule: platform-primary}]
            - delay: 10m
              targets: [{team: platform}]
        - name: payments-policy
          steps:
            - delay: 5m
              targets: [{user: carol}]
      services:
        - name: api
          team: platform
          tier: 1
          escalation_policy: platform-policy
        - name: db
          team: platform
          tier: 1
          escalation_policy: platform-policy
        - name: payment
          team: payments
          tier: 2
          escalation_policy: payments-policy
      """;

  static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** What only admins and alice herself may read on her page. */
  static final List<String> ALICE_ADDRESSES = List.of("+33600000001", "alice-secret-hook", "alice@example.com");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  /** When the rotation began, with alice's week; the test runs three hours into it. */
  LocalDateTime start;

  @BeforeEach
  void setUp() {
    start = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
        .atTime(9, 0);
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(YAML.formatted(start)), "/etc/vigil-people.yaml", "x");
    clock.set(start.plusHours(3).toInstant(ZoneOffset.UTC));
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "admin", PASSWORD, "admin", null);
    WebSession.account(jdbc, "alice", PASSWORD, "responder", "alice");
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
  }

  WebSession as(String username) {
    return WebSession.signedIn(port, username, PASSWORD);
  }

  @Test
  void theTeamsListShowsMembersByNameAndHowManyServicesEachOwns() {
    WebSession.Page page = as("vera").get("/teams");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Teams · Vigil</title>")
        .contains("href=\"/teams/platform\"").contains("href=\"/teams/payments\"")
        .contains("href=\"/users/alice\">Alice Martin</a>").contains("Databases and the API")
        .contains("aria-current=\"page\"><span class=\"icon i-teams\" aria-hidden=\"true\"></span>Teams</a>");
  }

  @Test
  void aTeamPageShowsItsMembersWhatItOwnsAndWhoIsOnCallNow() {
    String html = as("vera").get("/teams/platform").body();
    assertThat(html).contains("<h1>platform</h1>").contains("#platform");
    String onCall = section(html, "on-call", "members");
    assertThat(onCall).contains("platform-policy").contains("Alice Martin").contains("(schedule platform-primary)")
        .contains("next, from").contains(shown(7)).contains("Bob Stone").doesNotContain("carol");
    assertThat(section(html, "members", "services")).contains("Alice Martin").contains("Bob Stone");
    assertThat(section(html, "services", "policies")).contains("href=\"/services/api\"")
        .contains("href=\"/services/db\"").doesNotContain("payment");
    assertThat(section(html, "policies", "schedules")).contains("platform-policy").contains("2 steps")
        .doesNotContain("payments-policy");
    assertThat(html.substring(html.indexOf("id=\"schedules\""))).contains("href=\"/schedules/platform-primary\"")
        .contains("href=\"/users/alice\">Alice Martin</a>");

    String payments = as("vera").get("/teams/payments").body();
    assertThat(section(payments, "on-call", "members")).contains("payments-policy").contains("carol")
        .contains("(named in the policy)");
    assertThat(payments).contains("The team's policies page through no schedule.");
  }

  @Test
  void theUsersListShowsTeamsAndZonesButNoAddress() {
    for (String reader : new String[] {"vera", "bob", "admin"}) {
      WebSession.Page page = as(reader).get("/users");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).as(reader).contains("href=\"/users/alice\"").contains("Alice Martin")
          .contains("Europe/Paris").contains("href=\"/teams/payments\"");
      ALICE_ADDRESSES.forEach(a -> assertThat(page.body()).as(reader).doesNotContain(a));
    }
  }

  @Test
  void aUserPageShowsTeamsAndComingShifts() {
    String html = as("vera").get("/users/alice").body();
    assertThat(html).contains("<h1>Alice Martin</h1>").contains("href=\"/teams/platform\"");
    String shifts = section(html, "shifts", "contact");
    // Times in the reader's zone: vera's account is linked to no user, so UTC.
    // Her shift now, then bob's week, then hers again.
    assertThat(shifts).contains("href=\"/schedules/platform-primary\"").contains(shown(7)).contains(shown(14))
        .contains(shown(21)).doesNotContain(SHOWN.format(start.plusDays(8)).substring(0, 10));
    assertThat(as("vera").get("/users/carol").body()).contains("No shifts in that time.");
  }

  @Test
  void contactAddressesAreHiddenFromAViewerAndFromAnotherResponder() {
    for (String reader : new String[] {"vera", "bob"}) {
      String contact = section(as(reader).get("/users/alice").body(), "contact", null);
      assertThat(contact).as(reader).contains("<strong>sms</strong>").contains("<strong>webhook</strong>")
          .contains("Addresses are shown only to admins and to the person themselves.");
      ALICE_ADDRESSES.forEach(a -> assertThat(contact).as(reader).doesNotContain(a));
      assertThat(contact).as(reader).doesNotContain("mobile");
    }
  }

  @Test
  void contactAddressesAreShownToThePersonAndToAdmins() {
    for (String reader : new String[] {"alice", "admin"}) {
      String contact = section(as(reader).get("/users/alice").body(), "contact", null);
      ALICE_ADDRESSES.forEach(a -> assertThat(contact).as(reader).contains(a));
      assertThat(contact).as(reader).contains("(mobile)").doesNotContain("Addresses are shown only");
    }
    // Alice sees her own, not bob's.
    String bobs = section(as("alice").get("/users/bob").body(), "contact", null);
    assertThat(bobs).doesNotContain("bob@example.com");
  }

  @Test
  void aTeamOrUserThatDoesNotExistIsANotFoundPage() {
    WebSession vera = as("vera");
    WebSession.Page team = vera.get("/teams/nope");
    assertThat(team.status()).isEqualTo(404);
    assertThat(team.body()).contains("no team named &#39;nope&#39;");
    WebSession.Page user = vera.get("/users/nope");
    assertThat(user.status()).isEqualTo(404);
    assertThat(user.body()).contains("no user named &#39;nope&#39;");
  }

  /** The rotation's start {@code days} later, as pages show it to a reader in UTC. */
  String shown(int days) {
    return SHOWN.format(start.plusDays(days));
  }

  /** The page from the heading with id {@code from} to the one with id {@code to} (or the end). */
  static String section(String html, String from, String to) {
    int start = html.indexOf("id=\"" + from + "\"");
    assertThat(start).as("heading %s", from).isNotNegative();
    int end = to == null ? html.length() : html.indexOf("id=\"" + to + "\"", start);
    assertThat(end).as("heading %s", to).isNotNegative();
    return html.substring(start, end);
  }
}
