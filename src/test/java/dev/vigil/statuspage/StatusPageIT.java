package dev.vigil.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.WebSession;
import dev.vigil.system.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A public status page end to end: built from a catalog, incidents opened through the intake API, status updates
 * posted through the incident API; the page, its feeds (parsed back with Rome) and badges; a webhook subscriber on a
 * real local HTTP server; email double opt-in through GreenMail; nothing internal leaking; bad input answered 4xx.
 * What subscribers are sent leaves when the scenario runs its due jobs.
 */
@ScenarioTest
class StatusPageIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  /** Marker strings no public output may contain. */
  static final String SECRET = "SECRET-MARKER-7f3a";

  static final String CATALOG = """
      version: 1
      teams: [{name: ops}]
      services:
        - name: checkout-api
          team: ops
          tier: 3
          maintenance_windows:
            - name: Database upgrade
              time_zone: UTC
              start: "%s"
              end: "%s"
        - name: search-backend
          team: ops
          tier: 3
        - name: internal-ledger
          team: ops
          tier: 3
      integrations:
        - {name: events-checkout, type: events, service: checkout-api}
        - {name: events-search, type: events, service: search-backend}
        - {name: events-ledger, type: events, service: internal-ledger}
      status_pages:
        - slug: acme
          title: Acme status
          description: Checkout and search on acme.example.
          components:
            - name: Checkout
              services: [checkout-api]
            - name: Search
              group: Discovery
              services: [search-backend]
          incidents: {min_severity: SEV2}
      """;

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  HttpServer sink;
  final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  /** How many of the next webhook requests the sink answers 503, as a receiver that is briefly down. */
  final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
    scenario.given(CATALOG.formatted(local.format(start), local.format(start.plusHours(2))));
    api = new Api(port);
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext("/", exchange -> {
      if (refusals.getAndDecrement() > 0) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      received.add(Map.of("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          "signature", String.valueOf(exchange.getRequestHeaders().getFirst("Vigil-Signature")),
          "event", String.valueOf(exchange.getRequestHeaders().getFirst("Vigil-Event"))));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    sink.start();
  }

  @AfterEach
  void stop() {
    sink.stop(0);
  }

  long trigger(String integration, String fingerprint, String summary, String severity, String extra) {
    Api.Response r = api.post(events(integration), null, "{\"fingerprint\": \"" + fingerprint
        + "\", \"summary\": " + json(summary) + ", \"severity\": \"" + severity + "\"" + extra + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("incidents").get(0).asLong();
  }

  void resolve(String integration, String fingerprint) {
    Api.Response r = api.post(events(integration), null, "{\"fingerprint\": \"" + fingerprint
        + "\", \"action\": \"resolve\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  String events(String integration) {
    for (JsonNode node : api.get("/api/v1/integrations", IntegrationTest.ADMIN_TOKEN).json()) {
      if (node.get("name").asString().equals(integration)) {
        return "/api/v1/integrations/" + node.get("key").asString() + "/events";
      }
    }
    throw new AssertionError("no integration " + integration);
  }

  void post(String path, String body) {
    Api.Response r = api.post(path, IntegrationTest.ADMIN_TOKEN, body);
    assertThat(r.status()).as("%s %s", path, r.body()).isBetween(200, 201);
  }

  static String json(String s) {
    return JsonMapper.builder().build().writeValueAsString(s);
  }

  String subscribeWebhook(WebSession visitor) {
    WebSession.Page form = visitor.get("/status/acme/subscribe");
    assertThat(form.status()).isEqualTo(200);
    WebSession.Page done = visitor.postWithoutCsrf("/status/acme/subscribe", Map.of("kind", "webhook",
        "url", "http://127.0.0.1:" + sink.getAddress().getPort() + "/hook", "_csrf", csrf(form.body())));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    Matcher secret = Pattern.compile("whsec_[A-Za-z0-9_-]+").matcher(done.body());
    assertThat(secret.find()).as(done.body()).isTrue();
    return secret.group();
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF token in %s", html).isTrue();
    return m.group(1);
  }

  @Test
  void thePageShowsComponentsIncidentsWithTheirPublicUpdatesFeedsBadgesAndWebhooks() throws Exception {
    WebSession visitor = new WebSession(port);
    assertThat(visitor.get("/status/acme").body()).contains("All systems operational").contains("Checkout")
        .contains("Discovery").contains("Database upgrade").contains("Scheduled");
    String secret = subscribeWebhook(visitor);

    long checkout = trigger("events-checkout", "cpu", "Checkout errors " + SECRET, "critical", "");
    post("/api/v1/incidents/" + checkout + "/status-updates",
        "{\"message\": \"Payments fail for some cards. <script>alert(1)</script> We are on it.\"}");
    // A warning opens a SEV3 incident: below the page's minimum, so the public never sees it.
    long mild = trigger("events-search", "slow", "Search slowish " + SECRET, "warning", "");
    long internal = trigger("events-ledger", "ledger", "Ledger " + SECRET, "critical", "");

    WebSession.Page page = visitor.get("/status/acme");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Partial outage affecting Checkout")
        .contains("Payments fail for some cards. &lt;script&gt;alert(1)&lt;/script&gt; We are on it.")
        .doesNotContain("<script>").doesNotContain(SECRET).doesNotContain("checkout-api")
        .doesNotContain("internal-ledger").doesNotContain("incident-" + mild).doesNotContain("incident-" + internal);
    assertThat(page.body()).containsPattern("class=\"banner[^\"]*state-partial-outage");

    // Raised to SEV1 with a reason: a major outage now.
    post("/api/v1/incidents/" + checkout + "/severity", "{\"severity\": \"SEV1\", \"reason\": \"all cards "
        + SECRET + "\"}");
    assertThat(visitor.get("/status/acme").body()).contains("Major outage affecting Checkout");

    WebSession.Page badge = visitor.get("/status/acme/badge.svg");
    assertThat(badge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("image/svg+xml"));
    assertThat(badge.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c)
        .contains("max-age=60").contains("public"));
    assertThat(badge.body()).contains("major outage").contains("Acme status");
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(badge.body().getBytes(StandardCharsets.UTF_8)));
    WebSession.Page searchBadge = visitor.get("/status/acme/badge.svg?component=Search");
    assertThat(searchBadge.body()).contains("Search").contains("operational");
    assertThat(visitor.get("/status/acme/badge.svg?component=Nope").status()).isEqualTo(404);

    WebSession.Page rss = visitor.get("/status/acme/feed.rss");
    assertThat(rss.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/rss+xml"));
    SyndFeed rssFeed = new SyndFeedInput().build(new StringReader(rss.body()));
    assertThat(rssFeed.getFeedType()).isEqualTo("rss_2.0");
    assertThat(rssFeed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Major outage affecting Checkout");
    assertThat(rssFeed.getEntries().getFirst().getDescription().getValue())
        .contains("Payments fail for some cards. <script>alert(1)</script> We are on it.");
    WebSession.Page atom = visitor.get("/status/acme/feed.atom");
    assertThat(atom.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/atom+xml"));
    SyndFeed atomFeed = new SyndFeedInput().build(new StringReader(atom.body()));
    assertThat(atomFeed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(atomFeed.getEntries()).hasSize(1);
    for (String body : List.of(page.body(), rss.body(), atom.body(), badge.body())) {
      assertThat(body).doesNotContain(SECRET).doesNotContain("checkout-api").doesNotContain("events-checkout");
    }

    post("/api/v1/incidents/" + checkout + "/resolve", "");
    WebSession.Page after = visitor.get("/status/acme");
    assertThat(after.body()).contains("All systems operational").contains("Recent incidents")
        .contains("incident-" + checkout);

    // The webhook: created, updated, resolved (in that order), each signed with the subscription's secret.
    scenario.runDueJobs();
    assertThat(received).extracting(r -> r.get("event"))
        .containsExactly("incident.created", "incident.updated", "incident.resolved");
    for (Map<String, String> r : received) {
      Matcher sig = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})").matcher(r.get("signature"));
      assertThat(sig.matches()).as(r.get("signature")).isTrue();
      assertThat(sig.group(2)).isEqualTo(hmacSha256Hex(secret, sig.group(1) + "." + r.get("body")));
      assertThat(r.get("body")).doesNotContain(SECRET).doesNotContain("checkout-api");
    }
    JsonNode updated = JsonMapper.builder().build().readTree(received.get(1).get("body"));
    assertThat(updated.at("/update/text").asString()).startsWith("Payments fail for some cards.");
    assertThat(updated.at("/incident/components/0").asString()).isEqualTo("Checkout");
    assertThat(updated.at("/page/slug").asString()).isEqualTo("acme");
    scenario.runDueJobs();
    assertThat(received).as("each event once").hasSize(3);
  }

  @Test
  void aReopenedIncidentsQuietTimeIsNoOutageInTheUptimeBars() {
    // 10:00 UTC tomorrow: the whole story falls on one day of the bars.
    clock.set(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atTime(10, 0)
        .toInstant(ZoneOffset.UTC));
    // A critical alert opens a SEV2: a partial outage of Checkout, for three minutes, twenty minutes apart.
    long checkout = trigger("events-checkout", "5xx", "Checkout errors", "critical", "");
    clock.advance(Duration.ofMinutes(3));
    resolve("events-checkout", "5xx");
    clock.advance(Duration.ofMinutes(20));
    assertThat(trigger("events-checkout", "5xx", "Checkout errors", "critical", "")).isEqualTo(checkout);
    clock.advance(Duration.ofMinutes(3));
    resolve("events-checkout", "5xx");
    assertThat(new WebSession(port).get("/status/acme").body()).contains(", outage 6 min")
        .doesNotContain(", outage 26 min");
  }

  @Test
  void aWebhookSubscriberReadsAnIncidentsMessagesInOrderWhenOneWaitsForItsRetry() {
    clock.advance(Duration.ofHours(1)); // whatever other tests asked, this address may subscribe again
    subscribeWebhook(new WebSession(port));
    refusals.set(1);
    long checkout = trigger("events-checkout", "cpu", "Checkout errors", "critical", "");
    scenario.runDueJobs();
    assertThat(jdbc.sql("""
        select count(*) from status_page_delivery
        where event = 'incident.created' and state = 'queued' and attempts = 1""").query(Long.class).single())
        .isOne();

    // Resolved while "created" waits for its retry: the subscriber must not read "resolved" first.
    post("/api/v1/incidents/" + checkout + "/resolve", "");
    scenario.runDueJobs();
    assertThat(received).as("nothing before the retry").isEmpty();
    scenario.advance(Duration.ofSeconds(31)).runDueJobs(); // past the first retry's delay
    assertThat(received).extracting(r -> r.get("event")).containsExactly("incident.created", "incident.resolved");
  }

  @Test
  void emailSubscribersConfirmGetUpdatesAndLeave() throws Exception {
    WebSession visitor = new WebSession(port);
    WebSession.Page form = visitor.get("/status/acme/subscribe");
    WebSession.Page done = visitor.postWithoutCsrf("/status/acme/subscribe",
        Map.of("kind", "email", "email", "Reader@Example.com", "_csrf", csrf(form.body())));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("Check your inbox");

    // Nothing is sent to an unconfirmed address but the confirmation.
    long before = trigger("events-checkout", "before", "Before " + SECRET, "critical", "");
    scenario.runDueJobs();
    List<MimeMessage> mails = readerMails();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("[Acme status] Confirm your subscription");
    String confirm = path(GreenMailUtil.getBody(mails.get(0)), "/status/acme/confirm/");
    assertThat(jdbc.sql("""
        select count(*) from status_page_subscriber
        where strpos(token_ciphertext::text, :token) > 0""")
        .param("token", confirm.substring(confirm.lastIndexOf('/') + 1)).query(Long.class).single()).isZero();

    WebSession.Page confirmPage = visitor.get(confirm);
    assertThat(confirmPage.body()).contains("reader@example.com").contains("Confirm subscription");
    assertThat(visitor.postWithoutCsrf(confirm, Map.of()).status()).as("without CSRF").isEqualTo(403);
    WebSession.Page confirmed = visitor.postWithoutCsrf(confirm, Map.of("_csrf", csrf(confirmPage.body())));
    assertThat(confirmed.body()).contains("Subscribed");

    post("/api/v1/incidents/" + before + "/status-updates", "{\"message\": \"Card payments recover slowly.\"}");
    scenario.runDueJobs();
    assertThat(readerMails()).hasSize(2);
    MimeMessage update = readerMails().get(1);
    assertThat(update.getSubject()).isEqualTo("[Acme status] Partial outage affecting Checkout: Investigating");
    String text = GreenMailUtil.getBody(update).replace("=\r\n", "");
    assertThat(text).contains("Card payments recover slowly.").doesNotContain(SECRET).doesNotContain("checkout-api");
    assertThat(update.getHeader("List-Unsubscribe")[0]).contains("/status/acme/unsubscribe/");
    String leave = path(text, "/status/acme/unsubscribe/");

    WebSession.Page leavePage = visitor.get(leave);
    assertThat(visitor.postWithoutCsrf(leave, Map.of("_csrf", csrf(leavePage.body()))).body())
        .contains("Unsubscribed");
    assertThat(visitor.get(leave).status()).as("the link is spent").isEqualTo(404);
    post("/api/v1/incidents/" + before + "/resolve", "");
    scenario.runDueJobs();
    assertThat(readerMails()).as("nothing after leaving").hasSize(2);
  }

  /** The mail the subscriber received, in order, of all the mail server caught. */
  static List<MimeMessage> readerMails() throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (Arrays.stream(mail.getAllRecipients()).anyMatch(r -> r.toString().equals("reader@example.com"))) {
        mails.add(mail);
      }
    }
    return mails;
  }

  static String path(String mail, String prefix) {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9_-]+").matcher(mail.replace("=\r\n", ""));
    assertThat(m.find()).as(mail).isTrue();
    return m.group();
  }

  @Test
  void badInputGetsAClear4xx() {
    WebSession visitor = new WebSession(port);
    assertThat(visitor.get("/status/nope").status()).isEqualTo(404);
    assertThat(visitor.get("/status/nope").body()).contains("There is no status page &#39;nope&#39;.");
    assertThat(visitor.get("/status/nope/feed.rss").status()).isEqualTo(404);
    assertThat(visitor.get("/status/nope/badge.svg").status()).isEqualTo(404);
    assertThat(visitor.get("/status/acme/confirm/not-a-token").status()).isEqualTo(404);
    assertThat(visitor.get("/status/acme/unsubscribe/" + "x".repeat(500)).status()).isEqualTo(404);
    assertThat(visitor.get("/status/acme/badge.svg?component=" + "x".repeat(200)).status()).isEqualTo(400);

    String token = csrf(visitor.get("/status/acme/subscribe").body());
    assertThat(visitor.postWithoutCsrf("/status/acme/subscribe", Map.of("kind", "email", "email", "me")).status())
        .as("no CSRF token").isEqualTo(403);
    Map<Map<String, String>, String> cases = Map.of(
        Map.of("kind", "email", "email", "not an address", "_csrf", token), "is not an email address",
        Map.of("kind", "email", "email", "", "_csrf", token), "enter your email address",
        Map.of("kind", "pigeon", "email", "a@b.example", "_csrf", token), "is not email or webhook",
        Map.of("_csrf", token), "choose email or webhook",
        Map.of("kind", "webhook", "url", "ftp://example.com/x", "_csrf", token), "is not an http:// or https:// URL",
        Map.of("kind", "webhook", "url", "http://user:pw@127.0.0.1/x", "_csrf", token), "user names and passwords",
        Map.of("kind", "webhook", "url", "http://" + "a".repeat(2001), "_csrf", token), "at most 2000 characters",
        Map.of("kind", "email", "email", "<b>x</b>@evil.example", "_csrf", token), "is not an email address",
        Map.of("kind", "email", "email", "me\u0000@b.example", "_csrf", token), "email: contains a NUL character");
    cases.forEach((form, message) -> {
      WebSession.Page r = visitor.postWithoutCsrf("/status/acme/subscribe", form);
      assertThat(r.status()).as("%s: %s", form, r.body()).isEqualTo(400);
      assertThat(r.body()).contains(message).doesNotContain("<b>x</b>");
    });
  }

  @Test
  void theSubscribeFormIsRateLimitedPerAddress() {
    WebSession visitor = new WebSession(port);
    String token = csrf(visitor.get("/status/acme/subscribe").body());
    int status = 0;
    for (int i = 0; i < 12 && status != 429; i++) {
      status = visitor.postWithoutCsrf("/status/acme/subscribe", Map.of("kind", "email", "email",
          "flood" + i + "@example.com", "_csrf", token)).status();
    }
    assertThat(status).isEqualTo(429);
    WebSession.Page refused = visitor.postWithoutCsrf("/status/acme/subscribe", Map.of("kind", "email", "email",
        "late@example.com", "_csrf", token));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("Too many subscription requests");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    // The window passes: the next test starts with a full allowance.
    clock.advance(Duration.ofHours(1).plusMinutes(1));
    assertThat(visitor.postWithoutCsrf("/status/acme/subscribe", Map.of("kind", "email", "email",
        "later@example.com", "_csrf", token)).status()).isEqualTo(200);
  }

  /** HMAC-SHA256 in hex, worked out here rather than by the code under test. */
  static String hmacSha256Hex(String key, String data) throws java.security.GeneralSecurityException {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
