package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.system.ImmediateJobs;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery right after the queuing transaction, with a real HTTP sink: a fallback after a failed SMS and a status
 * update leave from the node that queued them with nothing holding them back, a send that fails holds nothing back,
 * and the one-per-minute limit counts from when a message was handed over, not from when a slow receiver answered.
 * A receiver that hangs does so on a thread of the scenario's due jobs while the test goes on; the scenarios of
 * delivery through the job runner are {@link NotifyDeliveryScenarioIT}.
 */
@ScenarioTest
class NotifyDeliveryIT {

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  Api api;
  DeliveryFixture delivery;
  /** Released by the test once a receiver that hangs may answer. */
  final CountDownLatch answered = new CountDownLatch(1);
  /** Counted down when the hanging receiver has the page, which is then on its way. */
  final CountDownLatch arrived = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    delivery = DeliveryFixture.onAMondayMorning(scenario, jdbc);
    api = scenario.api();
  }

  @AfterEach
  void tearDown() {
    answered.countDown();
    delivery.close();
  }

  @Test
  void aFallbackAfterAFailedSmsAndAStatusUpdateLeaveAsSoonAsTheyAreQueued() {
    // No Twilio account in the tests: the SMS fails for good.
    long incident = delivery.alert(DeliveryFixture.CHECKOUT_KEY, "cart-errors");
    scenario.runAfterCommit();
    assertThat(delivery.deliveredTo("elena")).hasSize(1);
    Api.Response posted = api.post("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN,
        "{\"message\": \"Carts fail for some users.\"}");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    scenario.runAfterCommit();
    assertThat(delivery.deliveredTo("grace")).hasSize(1);

    // No job has run: they left from the node that queued them, right after the queuing transaction, with nothing
    // holding them back, while their delivery jobs waited out the grace.
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
    assertThat(delivery.timeline(incident, "notification_held")).isEmpty();
  }

  @Test
  void aSendThatFailsHoldsNothingBack() throws Exception {
    OnItsWay first = openWithAHangingPageToAda(410); // gone for good: nothing reaches ada
    long second = delivery.searchAlert("shards-red");
    scenario.runDueJobs();
    assertThat(delivery.timeline(second, "notification_held")).hasSize(1);

    answered.countDown();
    first.done();
    // Nothing went to ada, so nothing limits the next message: it leaves now, not a minute later.
    assertThat(delivery.deliveredTo("ada")).hasSize(1);
    assertThat(delivery.deliveredTo("ada").get(0).get("incident").get("id").asLong()).isEqualTo(second);
    assertThat(delivery.timeline(first.incident(), "notification_failed")).isNotEmpty();
  }

  @Test
  void theLimitCountsFromWhenAMessageWasHandedOverNotFromWhenItsSendEnded() throws Exception {
    OnItsWay first = openWithAHangingPageToAda(200);
    Instant handedOver = jdbc.sql("select updated_at from notification where incident_id = :id and state = 'sending'")
        .param("id", first.incident()).query(Timestamp.class).single().toInstant();
    long second = delivery.searchAlert("shards-red");
    scenario.runDueJobs();
    assertThat(delivery.timeline(second, "notification_held")).hasSize(1);
    assertThat(delivery.timeline(second, "notification_held").get(0).get("detail").get("reason").asString())
        .isEqualTo("held by the one-per-minute limit until "
            + DeliveryFixture.CLOCK_TIME.format(handedOver.plusSeconds(60)));

    scenario.advance(Duration.ofSeconds(30)); // a slow receiver: the first send takes half a minute
    answered.countDown();
    first.done();
    assertThat(delivery.deliveredTo("ada")).hasSize(1);

    scenario.at(handedOver.plusSeconds(61)).runDueJobs();
    assertThat(delivery.deliveredTo("ada")).hasSize(2);
    assertThat(delivery.timeline(second, "notification_held")).as("held once, until the time it said").hasSize(1);
  }

  /** An incident whose page is on its way, sent by due jobs running on a thread of their own. */
  record OnItsWay(long incident, CompletableFuture<Scenario> jobs) {

    /** Waits for the thread that sends the page, and what that send made due, to finish. */
    void done() throws Exception {
      jobs.get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Opens an incident whose page to ada hangs at the receiver until {@link #answered} counts down, and is then
   * answered with {@code status}; returns once the page is on its way.
   */
  OnItsWay openWithAHangingPageToAda(int status) throws InterruptedException {
    AtomicInteger toAda = new AtomicInteger();
    delivery.answer(r -> {
      if (r.path().equals("/ada") && toAda.incrementAndGet() == 1) {
        arrived.countDown();
        waitFor(answered);
        return status;
      }
      return 200;
    });
    long first = delivery.searchAlert("disk-full");
    CompletableFuture<Scenario> jobs = scenario.runDueJobsAside();
    assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the page to ada reached its receiver").isTrue();
    return new OnItsWay(first, jobs);
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
