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
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivery right after the queuing transaction, on the running application with a real HTTP sink: a fallback after
 * a failed SMS and a status update leave from the node that queued them with nothing holding them back, a send that
 * fails holds nothing back, and the one-per-minute limit counts from when a message was handed over, not from when
 * a slow receiver answered. The scenarios of delivery through the job runner are {@link NotifyDeliveryScenarioIT}.
 */
@IntegrationTest
class NotifyDeliveryIT {

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  DeliveryFixture delivery;

  @BeforeEach
  void setUp() {
    TestJobs.quiesce(jdbc, "jobs-it");
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks where task_name <> 'jobs-it'").update();
    clock.set(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 15).toInstant(ZoneOffset.UTC));
    api = new Api(port);
    delivery = new DeliveryFixture(jdbc, api);
    catalog.apply(TestCatalogs.load(delivery.catalog()), "/etc/vigil.yaml", "x");
  }

  @AfterEach
  void tearDown() {
    delivery.close();
  }

  @Test
  void aFallbackAfterAFailedSmsAndAStatusUpdateLeaveAsSoonAsTheyAreQueued() {
    // No Twilio account in the tests: the SMS fails for good.
    long incident = delivery.alert(DeliveryFixture.CHECKOUT_KEY, "cart-errors");
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.deliveredTo("elena").size() == 1);
    Api.Response posted = api.post("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN,
        "{\"message\": \"Carts fail for some users.\"}");
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.deliveredTo("grace").size() == 1);

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
    assertThat(delivery.timeline(incident, "notification_held")).isEmpty();
  }

  @Test
  void aSendThatFailsHoldsNothingBack() {
    CountDownLatch answered = new CountDownLatch(1);
    long first = openWithAHangingPageToAda(answered, 410); // gone for good: nothing reaches ada
    long second = delivery.searchAlert("shards-red");
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.timeline(second, "notification_held").size() == 1);

    answered.countDown();
    // Nothing went to ada, so nothing limits the next message: it leaves now, not a minute later.
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.deliveredTo("ada").size() == 1);
    assertThat(delivery.deliveredTo("ada").get(0).get("incident").get("id").asLong()).isEqualTo(second);
    assertThat(delivery.timeline(first, "notification_failed")).isNotEmpty();
  }

  @Test
  void theLimitCountsFromWhenAMessageWasHandedOverNotFromWhenItsSendEnded() {
    CountDownLatch answered = new CountDownLatch(1);
    long first = openWithAHangingPageToAda(answered, 200);
    Instant handedOver = jdbc.sql("select updated_at from notification where incident_id = :id and state = 'sending'")
        .param("id", first).query(Timestamp.class).single().toInstant();
    long second = delivery.searchAlert("shards-red");
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.timeline(second, "notification_held").size() == 1);
    assertThat(delivery.timeline(second, "notification_held").get(0).get("detail").get("reason").asString())
        .isEqualTo("held by the one-per-minute limit until "
            + DeliveryFixture.CLOCK_TIME.format(handedOver.plusSeconds(60)));

    clock.advance(Duration.ofSeconds(30)); // a slow receiver: the first send takes half a minute
    answered.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.deliveredTo("ada").size() == 1);

    clock.set(handedOver.plusSeconds(61));
    await().atMost(Duration.ofSeconds(10)).until(() -> delivery.deliveredTo("ada").size() == 2);
    assertThat(delivery.timeline(second, "notification_held")).as("held once, until the time it said").hasSize(1);
  }

  /**
   * Opens an incident whose page to ada hangs at the receiver until {@code answered} counts down, and is then
   * answered with {@code status}; returns once the page is on its way.
   */
  long openWithAHangingPageToAda(CountDownLatch answered, int status) {
    AtomicInteger toAda = new AtomicInteger();
    delivery.answer(r -> {
      if (r.path().equals("/ada") && toAda.incrementAndGet() == 1) {
        waitFor(answered);
        return status;
      }
      return 200;
    });
    long first = delivery.searchAlert("disk-full");
    await().atMost(Duration.ofSeconds(10)).until(() -> toAda.get() == 1);
    return first;
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
