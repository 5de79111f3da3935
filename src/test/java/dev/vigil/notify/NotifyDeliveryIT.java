package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.ImmediateJobs;
import dev.vigil.system.TestClock;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery through the outbox as scenarios on the test clock, with webhooks to a real HTTP sink: messages to one
 * person about one incident arrive in the order they were written whatever the one-per-minute limit holds back,
 * superseded status updates fold into the newest one and say so, a re-opened incident tells its stakeholders, and a
 * message the limit holds back says so on the timeline and leaves as soon as the limit allows, not later.
 */
@IntegrationTest
class NotifyDeliveryIT {

  static final String PAGERDUTY_KEY = "pd-key-payment-processor-status-01";
  static final String EVENTS_KEY = "events-key-search-0123456789abc";
  static final String CHECKOUT_KEY = "events-key-checkout-012345678ab";

  static final String CATALOG = """
      version: 1
      teams:
        - {name: payments, members: [ada]}
      users:
        - {name: ada, email: ada@example.com, contact_methods: [{type: webhook, address: "%s"}]}
        - {name: grace, email: grace@example.com, role: viewer, contact_methods: [{type: webhook, address: "%s"}]}
        - name: elena
          email: elena@example.com
          contact_methods: [{type: sms, address: "+40700000011"}, {type: webhook, address: "%s"}]
      escalation_policies:
        - name: payments
          steps: [{delay: 5m, targets: [{user: ada}]}]
        - name: checkout
          steps: [{delay: 5m, targets: [{user: elena}]}]
      services:
        - {name: payment-processor, team: payments, tier: 1, escalation_policy: payments,
           impact: {payment_path: true}}
        - {name: search, team: payments, tier: 2, escalation_policy: payments}
        - {name: checkout, team: payments, tier: 2, escalation_policy: checkout, subscribers: [grace]}
      integrations:
        - {name: payment-processor-status, type: pagerduty, service: payment-processor, key: %s}
        - {name: search-alerts, type: events, service: search, key: %s}
        - {name: checkout-alerts, type: events, service: checkout, key: %s}
      customers:
        - name: Fleetline
          contacts: [grace]
          contracts: [{name: fleetline-2026, services: [payment-processor], availability: 99.9, period: monthly}]
      incident_policy:
        severities:
          - {name: SEV1, paging: always, notify_stakeholders: true}
          - {name: SEV3, paging: always}
        rules:
          - {name: payment-path-down, severity: SEV1, tiers: [1], payment_path: true}
        default_severity: SEV3
      """;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  HttpSink sink;
  /** Requests the sink answered with a 2xx, in the order they arrived. */
  final List<HttpSink.Request> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    TestJobs.quiesce(jdbc, "jobs-it");
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks where task_name <> 'jobs-it'").update();
    clock.set(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 15).toInstant(ZoneOffset.UTC));
    sink = HttpSink.start();
    answer(r -> 200);
    catalog.apply(TestCatalogs.load(CATALOG.formatted(sink.url("/ada"), sink.url("/grace"), sink.url("/elena"),
        PAGERDUTY_KEY, EVENTS_KEY, CHECKOUT_KEY)), "/etc/vigil.yaml", "x");
    api = new Api(port);
  }

  @AfterEach
  void tearDown() {
    sink.close();
  }

  /** Answers each request with the status {@code status} gives it, noting those answered with a 2xx. */
  void answer(java.util.function.ToIntFunction<HttpSink.Request> status) {
    sink.respondWith(r -> {
      int code = status.applyAsInt(r);
      if (code / 100 == 2) {
        delivered.add(r);
      }
      return new HttpSink.Reply(code, "text/plain", "ok");
    });
  }

  void pagerDuty(String action, String dedupKey) {
    String body = "{\"routing_key\": \"" + PAGERDUTY_KEY + "\", \"event_action\": \"" + action
        + "\", \"dedup_key\": \"" + dedupKey + "\"" + (action.equals("trigger")
        ? ", \"payload\": {\"summary\": \"Card authorisations failing\", \"source\": \"processor\","
            + " \"severity\": \"critical\"}"
        : "") + "}";
    Api.Response r = api.post("/v2/enqueue", null, body);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  long searchAlert(String fingerprint) {
    return alert(EVENTS_KEY, fingerprint);
  }

  long alert(String key, String fingerprint) {
    Api.Response r = api.post("/api/v1/integrations/" + key + "/events", null, "{\"fingerprint\": \""
        + fingerprint + "\", \"summary\": \"Alert " + fingerprint + "\", \"severity\": \"critical\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("incidents").get(0).asLong();
  }

  static JsonNode json(HttpSink.Request r) {
    return JSON.readTree(r.body());
  }

  List<JsonNode> deliveredTo(String user) {
    return delivered.stream().filter(r -> r.path().equals("/" + user)).map(NotifyDeliveryIT::json).toList();
  }

  long pending() {
    return jdbc.sql("select count(*) from notification where state in ('queued', 'held', 'sending')")
        .query(Long.class).single();
  }

  /** Moves the clock a minute at a time until every queued message has left. */
  void drain() {
    TestJobs.awaitSettled(jdbc, clock);
    for (int minute = 0; minute < 15 && pending() > 0; minute++) {
      clock.advance(Duration.ofSeconds(61));
      TestJobs.awaitSettled(jdbc, clock);
    }
    assertThat(pending()).as("every message has left").isZero();
  }

  static final Pattern STATUS_UPDATE_KEY = Pattern.compile("status-update-(\\d+)-(\\w+)");

  /** The status updates grace received, per incident, as status update ids in the order they arrived. */
  Map<Long, List<Long>> updatesReceivedByGrace() {
    Map<Long, List<Long>> byIncident = new LinkedHashMap<>();
    for (JsonNode message : deliveredTo("grace")) {
      Matcher key = STATUS_UPDATE_KEY.matcher(message.get("id").asString());
      assertThat(key.matches()).as(message.toString()).isTrue();
      byIncident.computeIfAbsent(message.get("incident").get("id").asLong(), k -> new ArrayList<>())
          .add(Long.parseLong(key.group(1)));
    }
    return byIncident;
  }

  List<Long> statusUpdates(long incident) {
    return jdbc.sql("select id from status_update where incident_id = :id order by id").param("id", incident)
        .query(Long.class).list();
  }

  /**
   * Every status update of the incident reached grace, on its own or folded into a later one, and what she received
   * came in the order the updates were written.
   */
  void assertGraceGotEveryUpdateInOrder(long incident) {
    List<Long> received = updatesReceivedByGrace().getOrDefault(incident, List.of());
    assertThat(received).as("updates about incident %s in the order they arrive", incident).isSorted();
    assertThat(received).doesNotHaveDuplicates();
    List<Long> written = statusUpdates(incident);
    assertThat(received).isNotEmpty();
    assertThat(received.get(received.size() - 1)).as("the last one written arrives last")
        .isEqualTo(written.get(written.size() - 1));
    assertThat(jdbc.sql("""
            select count(*) from notification where incident_id = :id and user_name = 'grace'
            and state = 'sent'""").param("id", incident).query(Long.class).single())
        .as("every update to grace is sent or folded into one that was").isEqualTo(written.size());
  }

  List<Long> incidents() {
    return jdbc.sql("select id from incident order by id").query(Long.class).list();
  }

  @Test
  void stakeholderUpdatesHeldByTheLimitArriveInOrderAndSupersededOnesFoldIntoTheNewest() {
    // The processor's monitoring flaps: three trigger and resolve pairs within a second.
    for (int i = 1; i <= 3; i++) {
      pagerDuty("trigger", "processor-" + i);
      pagerDuty("resolve", "processor-" + i);
    }
    drain();
    List<Long> incidents = incidents();
    assertThat(incidents).hasSize(3);
    incidents.forEach(this::assertGraceGotEveryUpdateInOrder);
    // Six updates cannot go out one a minute without leaving some a long way behind: those that were overtaken by a
    // newer one on the same incident went along inside it, and it says so.
    List<JsonNode> toGrace = deliveredTo("grace");
    assertThat(toGrace.size()).isLessThan(6);
    assertThat(toGrace).anySatisfy(m -> assertThat(m.get("text").asString())
        .containsPattern("Replaces \\d earlier updates? on this incident that had not been sent yet, oldest first:")
        .contains("SEV1 update: Card authorisations failing (triggered)"));
  }

  @Test
  void anUpdateWaitingForARetryIsNotOvertakenByTheNextOne() {
    AtomicInteger toGrace = new AtomicInteger();
    answer(r -> r.path().equals("/grace") && toGrace.incrementAndGet() == 1 ? 503 : 200);
    pagerDuty("trigger", "processor");
    long incident = incidents().get(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
        select count(*) from notification
        where user_name = 'grace' and state = 'queued' and attempts = 1""").query(Long.class).single() == 1);

    // Resolved while "investigating" waits for its retry: the stakeholder must not read "resolved" first.
    pagerDuty("resolve", "processor");
    clock.advance(Duration.ofSeconds(30));
    drain();
    assertGraceGotEveryUpdateInOrder(incident);
    List<JsonNode> received = deliveredTo("grace");
    assertThat(received).hasSize(1);
    assertThat(received.get(0).get("subject").asString()).endsWith("(resolved)");
    assertThat(received.get(0).get("text").asString())
        .contains("Replaces 1 earlier update on this incident that had not been sent yet, oldest first:")
        .contains("(triggered)");
  }

  @Test
  void aReopenedIncidentTellsItsStakeholdersBeforeItsSecondResolution() {
    pagerDuty("trigger", "processor");
    pagerDuty("resolve", "processor");
    pagerDuty("trigger", "processor");
    pagerDuty("resolve", "processor");
    assertThat(incidents()).as("re-opened, not a second incident").hasSize(1);
    long incident = incidents().get(0);

    List<String> updates = new ArrayList<>();
    api.get("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN).json()
        .forEach(u -> updates.add(u.get("message").asString()));
    assertThat(updates).hasSize(4);
    assertThat(updates.get(0)).startsWith("We are investigating");
    assertThat(updates.get(1)).isEqualTo("The incident is resolved.");
    assertThat(updates.get(2)).contains("has come back").contains("payment-processor");
    assertThat(updates.get(3)).isEqualTo("The incident is resolved.");

    drain();
    assertGraceGotEveryUpdateInOrder(incident);
    JsonNode last = deliveredTo("grace").get(deliveredTo("grace").size() - 1);
    assertThat(last.get("text").asString()).contains("has come back");
  }

  @Test
  void aFallbackAfterAFailedSmsAndAStatusUpdateLeaveAsSoonAsTheyAreQueued() {
    long incident = alert(CHECKOUT_KEY, "cart-errors"); // no Twilio account in the tests: the SMS fails for good
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("elena").size() == 1);
    Api.Response posted = api.post("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN,
        "{\"message\": \"Carts fail for some users.\"}");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("grace").size() == 1);

    // Their delivery jobs wait out the grace, so no poller sent them: they left from the node that queued them, right
    // after the queuing transaction, with nothing holding them back.
    record Left(String user, String type, Instant queued, Instant sent) {}
    List<Left> left = jdbc.sql("""
            select user_name, type, created_at, sent_at from notification where sent_at is not null
            order by id""")
        .query((rs, i) -> new Left(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant())).list();
    assertThat(left).extracting(Left::user, Left::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("elena", "webhook"),
            org.assertj.core.groups.Tuple.tuple("grace", "webhook"));
    assertThat(left).allSatisfy(l -> assertThat(l.sent()).isBefore(l.queued().plus(ImmediateJobs.GRACE)));
    assertThat(timeline(incident, "notification_held")).isEmpty();
  }

  /** The timeline entries of an incident of one kind, oldest first. */
  List<JsonNode> timeline(long incident, String kind) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json().get("timeline").forEach(e -> {
      if (e.get("kind").asString().equals(kind)) {
        found.add(e);
      }
    });
    return found;
  }

  Instant sentAt(long incident, String user) {
    return jdbc.sql("select sent_at from notification where incident_id = :id and user_name = :user")
        .param("id", incident).param("user", user).query(Timestamp.class).single().toInstant();
  }

  @Test
  void aMessageTheLimitHoldsBackSaysSoOnTheTimelineAndLeavesWhenTheLimitAllows() {
    long first = searchAlert("disk-full");
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("ada").size() == 1);
    long second = searchAlert("shards-red");
    TestJobs.awaitSettled(jdbc, clock);
    Instant release = sentAt(first, "ada").plus(Duration.ofMinutes(1));
    List<JsonNode> held = timeline(second, "notification_held");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).get("channel").asString()).isEqualTo("webhook");
    assertThat(held.get(0).get("detail").get("reason").asString())
        .isEqualTo("held by the one-per-minute limit until " + CLOCK_TIME.format(release));
    assertThat(held.get(0).get("detail").get("user").asString()).isEqualTo("ada");
    assertThat(deliveredTo("ada")).hasSize(1);

    clock.set(release.plusMillis(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("ada").size() == 2);
    assertThat(deliveredTo("ada").get(1).get("incident").get("id").asLong()).isEqualTo(second);
    assertThat(timeline(first, "notification_held")).as("the first page left at once").isEmpty();
  }

  /**
   * Opens an incident whose page to ada hangs at the receiver until {@code answered} counts down, and is then
   * answered with {@code status}; returns once the page is on its way.
   */
  long openWithAHangingPageToAda(CountDownLatch answered, int status) {
    AtomicInteger toAda = new AtomicInteger();
    answer(r -> {
      if (r.path().equals("/ada") && toAda.incrementAndGet() == 1) {
        waitFor(answered);
        return status;
      }
      return 200;
    });
    long first = searchAlert("disk-full");
    await().atMost(Duration.ofSeconds(10)).until(() -> toAda.get() == 1);
    return first;
  }

  @Test
  void aSendThatFailsHoldsNothingBack() {
    CountDownLatch answered = new CountDownLatch(1);
    long first = openWithAHangingPageToAda(answered, 410); // gone for good: nothing reaches ada
    long second = searchAlert("shards-red");
    await().atMost(Duration.ofSeconds(10)).until(() -> timeline(second, "notification_held").size() == 1);

    answered.countDown();
    // Nothing went to ada, so nothing limits the next message: it leaves now, not a minute later.
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("ada").size() == 1);
    assertThat(deliveredTo("ada").get(0).get("incident").get("id").asLong()).isEqualTo(second);
    assertThat(timeline(first, "notification_failed")).isNotEmpty();
  }

  @Test
  void theLimitCountsFromWhenAMessageWasHandedOverNotFromWhenItsSendEnded() {
    CountDownLatch answered = new CountDownLatch(1);
    long first = openWithAHangingPageToAda(answered, 200);
    Instant handedOver = jdbc.sql("select updated_at from notification where incident_id = :id and state = 'sending'")
        .param("id", first).query(Timestamp.class).single().toInstant();
    long second = searchAlert("shards-red");
    await().atMost(Duration.ofSeconds(10)).until(() -> timeline(second, "notification_held").size() == 1);
    assertThat(timeline(second, "notification_held").get(0).get("detail").get("reason").asString())
        .isEqualTo("held by the one-per-minute limit until " + CLOCK_TIME.format(handedOver.plusSeconds(60)));

    clock.advance(Duration.ofSeconds(30)); // a slow receiver: the first send takes half a minute
    answered.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("ada").size() == 1);

    clock.set(handedOver.plusSeconds(61));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveredTo("ada").size() == 2);
    assertThat(timeline(second, "notification_held")).as("held once, until the time it said").hasSize(1);
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
