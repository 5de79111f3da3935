package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Delivery through the outbox as scenarios, with webhooks to a real HTTP sink and every delivery, retry and release
 * run by the scenario's due jobs: messages to one person about one incident arrive in the order they were written
 * whatever the one-per-minute limit holds back, superseded status updates fold into the newest one and say so, a
 * re-opened incident tells its stakeholders, and a message the limit holds back says so on the timeline and leaves
 * as soon as the limit allows, not later.
 */
@ScenarioTest
class NotifyDeliveryScenarioIT {

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  Api api;
  DeliveryFixture delivery;

  @BeforeEach
  void setUp() {
    delivery = DeliveryFixture.onAMondayMorning(scenario, jdbc);
    api = scenario.api();
  }

  @AfterEach
  void tearDown() {
    delivery.close();
  }

  long pending() {
    return jdbc.sql("select count(*) from notification where state in ('queued', 'held', 'sending')")
        .query(Long.class).single();
  }

  /** Moves the clock a minute at a time until every queued message has left. */
  void drain() {
    scenario.runDueJobs();
    for (int minute = 0; minute < 15 && pending() > 0; minute++) {
      scenario.advance(Duration.ofSeconds(61)).runDueJobs();
    }
    assertThat(pending()).as("every message has left").isZero();
  }

  static final Pattern STATUS_UPDATE_KEY = Pattern.compile("status-update-(\\d+)-(\\w+)");

  /** The status updates grace received, per incident, as status update ids in the order they arrived. */
  Map<Long, List<Long>> updatesReceivedByGrace() {
    Map<Long, List<Long>> byIncident = new LinkedHashMap<>();
    for (JsonNode message : delivery.deliveredTo("grace")) {
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

  @Test
  void stakeholderUpdatesHeldByTheLimitArriveInOrderAndSupersededOnesFoldIntoTheNewest() {
    // The processor's monitoring flaps: three trigger and resolve pairs within a second.
    for (int i = 1; i <= 3; i++) {
      delivery.pagerDuty("trigger", "processor-" + i);
      delivery.pagerDuty("resolve", "processor-" + i);
    }
    drain();
    List<Long> incidents = delivery.incidents();
    assertThat(incidents).hasSize(3);
    incidents.forEach(this::assertGraceGotEveryUpdateInOrder);
    // Six updates cannot go out one a minute without leaving some a long way behind: those that were overtaken by a
    // newer one on the same incident went along inside it, and it says so.
    List<JsonNode> toGrace = delivery.deliveredTo("grace");
    assertThat(toGrace.size()).isLessThan(6);
    assertThat(toGrace).anySatisfy(m -> assertThat(m.get("text").asString())
        .containsPattern("Replaces \\d earlier updates? on this incident that had not been sent yet, oldest first:")
        .contains("SEV1 update: Card authorisations failing (triggered)"));
  }

  @Test
  void anUpdateWaitingForARetryIsNotOvertakenByTheNextOne() {
    AtomicInteger toGrace = new AtomicInteger();
    delivery.answer(r -> r.path().equals("/grace") && toGrace.incrementAndGet() == 1 ? 503 : 200);
    delivery.pagerDuty("trigger", "processor");
    long incident = delivery.incidents().get(0);
    scenario.runDueJobs();
    assertThat(jdbc.sql("""
        select count(*) from notification
        where user_name = 'grace' and state = 'queued' and attempts = 1""").query(Long.class).single()).isOne();

    // Resolved while "investigating" waits for its retry: the stakeholder must not read "resolved" first.
    delivery.pagerDuty("resolve", "processor");
    scenario.advance(Duration.ofSeconds(30));
    drain();
    assertGraceGotEveryUpdateInOrder(incident);
    List<JsonNode> received = delivery.deliveredTo("grace");
    assertThat(received).hasSize(1);
    assertThat(received.get(0).get("subject").asString()).endsWith("(resolved)");
    assertThat(received.get(0).get("text").asString())
        .contains("Replaces 1 earlier update on this incident that had not been sent yet, oldest first:")
        .contains("(triggered)");
  }

  @Test
  void aReopenedIncidentTellsItsStakeholdersBeforeItsSecondResolution() {
    delivery.pagerDuty("trigger", "processor");
    delivery.pagerDuty("resolve", "processor");
    delivery.pagerDuty("trigger", "processor");
    delivery.pagerDuty("resolve", "processor");
    assertThat(delivery.incidents()).as("re-opened, not a second incident").hasSize(1);
    long incident = delivery.incidents().get(0);

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
    JsonNode last = delivery.deliveredTo("grace").get(delivery.deliveredTo("grace").size() - 1);
    assertThat(last.get("text").asString()).contains("has come back");
  }

  @Test
  void aMessageTheLimitHoldsBackSaysSoOnTheTimelineAndLeavesWhenTheLimitAllows() {
    long first = delivery.searchAlert("disk-full");
    scenario.runDueJobs();
    assertThat(delivery.deliveredTo("ada")).hasSize(1);
    long second = delivery.searchAlert("shards-red");
    scenario.runDueJobs();
    Instant release = delivery.sentAt(first, "ada").plus(Duration.ofMinutes(1));
    List<JsonNode> held = delivery.timeline(second, "notification_held");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).get("channel").asString()).isEqualTo("webhook");
    assertThat(held.get(0).get("detail").get("reason").asString())
        .isEqualTo("held by the one-per-minute limit until " + DeliveryFixture.CLOCK_TIME.format(release));
    assertThat(held.get(0).get("detail").get("user").asString()).isEqualTo("ada");
    assertThat(delivery.deliveredTo("ada")).hasSize(1);

    scenario.at(release.plusMillis(1)).runDueJobs();
    assertThat(delivery.deliveredTo("ada")).hasSize(2);
    assertThat(delivery.deliveredTo("ada").get(1).get("incident").get("id").asLong()).isEqualTo(second);
    assertThat(delivery.timeline(first, "notification_held")).as("the first page left at once").isEmpty();
  }

  @Test
  void aNoticeJustSentToTheSameAddressDoesNotHoldAPageButAPageHoldsTheNextNotice() {
    transactions.executeWithoutResult(tx -> outbox.notice("ada", "SLO budget", "Budget 50 % spent",
        "The checkout SLO has spent half its error budget.", "budget-50-" + scenario.now()));
    scenario.runDueJobs();
    assertThat(delivery.deliveredTo("ada")).as("the notice left").hasSize(1);

    long page = delivery.searchAlert("disk-full");
    scenario.runDueJobs();
    assertThat(delivery.deliveredTo("ada")).as("the page left at once after the notice").hasSize(2);
    assertThat(delivery.timeline(page, "notification_held")).isEmpty();

    transactions.executeWithoutResult(tx -> outbox.notice("ada", "SLO budget", "Budget 75 % spent",
        "The checkout SLO has spent three quarters of its error budget.", "budget-75-" + scenario.now()));
    scenario.runDueJobs();
    assertThat(delivery.deliveredTo("ada")).as("the next notice waits behind the page's minute").hasSize(2);
    scenario.at(delivery.sentAt(page, "ada").plus(Duration.ofMinutes(1)).plusMillis(1)).runDueJobs();
    assertThat(delivery.deliveredTo("ada")).hasSize(3);
  }
}
