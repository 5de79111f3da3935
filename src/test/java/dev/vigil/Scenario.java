package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.notify.Channel;
import dev.vigil.notify.ChannelException;
import dev.vigil.notify.Message;
import dev.vigil.system.AfterCommitWork;
import dev.vigil.system.TestClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A scenario told in the order things happen, as in "alert at 00:00, nobody acknowledges, at 00:05 the second step
 * pages Bob": a catalog, alerts through the real intake API, a clock the test moves, the jobs that fall due run in
 * the test's own thread, then what was paged and what the incident's timeline says. Nothing runs behind the test's
 * back, so what has not happened by an expectation never will without another step.
 */
public final class Scenario {

  /** How many rounds of due jobs one {@link #runDueJobs()} runs before it calls the jobs a loop. */
  private static final int MAX_ROUNDS = 100;

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final TestClock clock;
  private final ManualScheduler jobs;
  private final AfterCommitWork afterCommit;
  private final Environment environment;
  private final Webhooks webhooks;
  private final Set<Long> pagesSeen = new HashSet<>();

  Scenario(JdbcClient jdbc, CatalogService catalog, TestClock clock, ManualScheduler jobs,
      AfterCommitWork afterCommit, Environment environment, Webhooks webhooks) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.clock = clock;
    this.jobs = jobs;
    this.afterCommit = afterCommit;
    this.environment = environment;
    this.webhooks = webhooks;
  }

  /**
   * Starts from an empty installation with this catalog applied: no incidents, no pages, no jobs waiting (the
   * recurring ones stay).
   */
  public Scenario given(String catalogYaml) {
    return given(TestCatalogs.load(catalogYaml));
  }

  /** As {@link #given(String)}, with a catalog file and the runbooks beside it. */
  public Scenario given(Path catalogFile) {
    return given(TestCatalogs.load(catalogFile));
  }

  private Scenario given(Catalog declared) {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks where task_instance <> 'recurring'").update();
    afterCommit.clear();
    pagesSeen.clear();
    webhooks.sent.clear();
    catalog.apply(declared, "/etc/vigil.yaml", "x");
    return this;
  }

  /** Moves the clock ahead to {@code instant}, running no job. */
  public Scenario at(Instant instant) {
    clock.set(instant);
    return this;
  }

  /** Moves the clock ahead by {@code duration}, running no job. */
  public Scenario advance(Duration duration) {
    clock.advance(duration);
    return this;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * A critical alert through the events API of the catalog's only events integration, as a monitoring tool sends it;
   * returns the incident it opened or joined.
   */
  public long alert(String fingerprint, String summary) {
    Api.Response fired = api().post(eventsPath(), null, """
        {"fingerprint": "%s", "summary": "%s", "severity": "critical"}""".formatted(fingerprint, summary));
    assertThat(fired.status()).as(fired.body()).isEqualTo(202);
    return fired.json().get("incidents").get(0).asLong();
  }

  /** The events API path of the catalog's only events integration. */
  public String eventsPath() {
    Api.Response integrations = api().get("/api/v1/integrations", IntegrationTest.ADMIN_TOKEN);
    assertThat(integrations.status()).as(integrations.body()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    for (JsonNode integration : integrations.json()) {
      if (integration.get("type").asString().equals("events")) {
        keys.add(integration.get("key").asString());
      }
    }
    assertThat(keys).as("events integrations in the catalog").hasSize(1);
    return "/api/v1/integrations/" + keys.getFirst() + "/events";
  }

  /**
   * Runs in this thread what the node does right after each transaction commits (the first attempt of every message
   * it queued), then every job due by now, and then what they made due, until nothing is: escalation steps,
   * deliveries and their retries, acknowledgement timeouts, reminders and the recurring checks.
   */
  public Scenario runDueJobs() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (afterCommit.isEmpty() && dueJobs().isEmpty()) {
        return this;
      }
      afterCommit.run();
      jobs.runAnyDueExecutions();
    }
    throw new AssertionError("jobs still due after " + MAX_ROUNDS + " rounds, a job that keeps scheduling itself? "
        + dueJobs());
  }

  /**
   * Runs {@link #runDueJobs()} on a thread of its own, for a scenario in which a send is still on its way (its
   * receiver has not answered) while the test goes on; what it returns completes when that thread is done.
   */
  public CompletableFuture<Scenario> runDueJobsAside() {
    return CompletableFuture.supplyAsync(this::runDueJobs, work -> Thread.ofVirtual().name("scenario-jobs")
        .start(work));
  }

  /**
   * Runs only what the node does itself right after each transaction commits, the first attempt of every message it
   * queued, and no job: what leaves before any job runner could have looked at the job table.
   */
  public Scenario runAfterCommit() {
    afterCommit.run();
    return this;
  }

  private List<String> dueJobs() {
    return jdbc.sql("""
            select task_name || '/' || task_instance from scheduled_tasks
            where execution_time <= :now and not picked order by execution_time""")
        .param("now", java.sql.Timestamp.from(clock.instant())).query(String.class).list();
  }

  /** Expects that {@code user} and nobody else was paged since the last expectation. */
  public Scenario expectPage(String user) {
    return expectPages(user);
  }

  /** Expects that nobody was paged since the last expectation. */
  public Scenario expectNoPage() {
    return expectPages();
  }

  /**
   * Expects exactly these pages, in the order they were sent, since the last expectation. A page is a message that
   * left for a person's contact method; held pages sent together in one message count once.
   */
  public Scenario expectPages(String... users) {
    assertThat(newMessages()).extracting(Sent::user).as("pages since the last expectation").containsExactly(users);
    return this;
  }

  /** Expects exactly these pages, in any order, since the last expectation: the pages of one step, for instance. */
  public Scenario expectPagesInAnyOrder(String... users) {
    assertThat(newMessages()).extracting(Sent::user).as("pages since the last expectation")
        .containsExactlyInAnyOrder(users);
    return this;
  }

  /**
   * Expects exactly these messages, in the order they were sent, since the last expectation, all of them through
   * contact methods of type {@code channel} ({@code email}, {@code webhook}, {@code sms}...): pages, status updates
   * and shift notices alike.
   */
  public Scenario expectMessages(String channel, String... users) {
    List<Sent> sent = newMessages();
    assertThat(sent).extracting(Sent::user).as("messages since the last expectation").containsExactly(users);
    assertThat(sent).extracting(Sent::channel).as("channels of %s", sent).containsOnly(channel);
    return this;
  }

  /** A message that left for a person's contact method. */
  private record Sent(String user, String channel) {}

  private List<Sent> newMessages() {
    List<Sent> sent = new ArrayList<>();
    jdbc.sql("""
            select id, user_name, type from notification
            where state in ('sent', 'delivered') and bundled_into is null order by sent_at, id""")
        .query((rs, n) -> {
          if (pagesSeen.add(rs.getLong("id"))) {
            sent.add(new Sent(rs.getString("user_name"), rs.getString("type")));
          }
          return null;
        }).list();
    return sent;
  }

  /** Expects the installation's incidents, oldest first, to be in these states and to be no more. */
  public Scenario expectIncidents(String... statuses) {
    assertThat(jdbc.sql("select status from incident order by id").query(String.class).list())
        .as("incidents by state, oldest first").containsExactly(statuses);
    return this;
  }

  /** Expects these kinds of entries on the incident's timeline, in this order, others possibly between them. */
  public Scenario expectTimeline(long incident, String... kinds) {
    assertThat(timeline(incident)).as("timeline of incident %d", incident).containsSubsequence(kinds);
    return this;
  }

  /** The kinds of the incident's timeline entries, oldest first. */
  public List<String> timeline(long incident) {
    return jdbc.sql("select kind from incident_event where incident_id = :id order by id")
        .param("id", incident).query(String.class).list();
  }

  /** The messages webhook contact methods were sent, oldest first. */
  public List<Message> webhookMessages() {
    return List.copyOf(webhooks.sent);
  }

  /**
   * The path of a heartbeat's ping URL, as an admin reads it from the API: the path to {@link #ping} it, with a
   * signal such as {@code /start}, {@code /fail} or an exit status appended if the job reports one.
   */
  public String heartbeatPath(String service, String heartbeat) {
    Api.Response found = api().get("/api/v1/services/" + service + "/heartbeats/" + heartbeat,
        IntegrationTest.ADMIN_TOKEN);
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    return URI.create(found.json().get("pingUrl").asString()).getPath();
  }

  /** Pings a heartbeat by a GET of its path, as a job's {@code curl} does; the answer is the test's to check. */
  public Api.Response ping(String path) {
    return api().get(path, null);
  }

  /** A client of this application's API, as its users call it. */
  public Api api() {
    return new Api(environment.getRequiredProperty("local.server.port", Integer.class));
  }

  /**
   * The webhook channel of a scenario: keeps each message to an address on {@value #KEPT_HOST} instead of sending
   * it, as a receiver of Vigil's webhooks would, so that a scenario needs no web server for every person it pages.
   * A message to any other address, a receiver the test runs itself, leaves through the real webhook channel.
   */
  static final class Webhooks implements Channel {
    static final String KEPT_HOST = "hooks.example.com";

    final List<Message> sent = new CopyOnWriteArrayList<>();
    private final ObjectProvider<Channel> channels;

    Webhooks(ObjectProvider<Channel> channels) {
      this.channels = channels;
    }

    @Override
    public Catalog.ContactType type() {
      return Catalog.ContactType.WEBHOOK;
    }

    @Override
    public String send(Message message) throws ChannelException {
      if (KEPT_HOST.equals(URI.create(message.address()).getHost())) {
        sent.add(message);
        return "sink-" + message.notificationId();
      }
      return channels.orderedStream().filter(c -> c != this && c.type() == Catalog.ContactType.WEBHOOK).findFirst()
          .orElseThrow().send(message);
    }
  }
}
