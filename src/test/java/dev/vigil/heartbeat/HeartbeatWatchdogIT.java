package dev.vigil.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dead man's switch for the monitoring stack, with Debian's real Alertmanager: its always-firing Watchdog alert
 * goes to a webhook receiver whose URL is a heartbeat's ping URL, so every notification is a ping. Alertmanager is
 * then stopped; on the fast-forwarded clock the heartbeat check the scenario runs takes the heartbeat down and the
 * on-call user is emailed (GreenMail).
 */
@ScenarioTest
class HeartbeatWatchdogIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String PACKAGE = "prometheus-alertmanager";
  static final String TOKEN = "watchdog-token-0123456789abcdef";

  static final String CATALOG = """
      version: 1
      teams:
        - name: sre
          members: [olga]
      users:
        - name: olga
          email: olga@example.com
          contact_methods:
            - type: email
              address: olga@example.com
      escalation_policies:
        - name: sre
          steps:
            - delay: 10m
              targets: [{user: olga}]
      services:
        - name: monitoring
          team: sre
          tier: 1
          kind: external
          escalation_policy: sre
          heartbeats:
            - name: alertmanager-watchdog
              description: Alertmanager's always-firing Watchdog alert; silence means alerts are not delivered
              period: 1m
              grace: 2m
              severity: critical
              token: %s
      """.formatted(TOKEN);

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  Process alertmanager;
  int alertmanagerPort;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    scenario.given(CATALOG);
    alertmanagerPort = freePort();
    Path config = dir.resolve("alertmanager.yml");
    // Exactly as docs/heartbeats.md recommends, sixty times faster: every second instead of every minute, so the
    // test sees several pings in a few seconds.
    Files.writeString(config, WatchdogRecipe.documented()
        .runnable("http://127.0.0.1:" + port + "/api/v1/heartbeats/" + TOKEN, 60));
    alertmanager = new ProcessBuilder(binary().toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> send("GET", "/-/ready", null) == 200);
  }

  @AfterEach
  void stop() throws Exception {
    if (alertmanager != null && alertmanager.isAlive()) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  long pings() {
    return jdbc.sql("select count(*) from heartbeat_ping").query(Long.class).single();
  }

  String state() {
    return jdbc.sql("select state from heartbeat").query(String.class).single();
  }

  @Test
  void theWatchdogPingsWhileAlertmanagerRunsAndPagesOnceItStops() throws Exception {
    assertThat(state()).isEqualTo("new");
    assertThat(send("POST", "/api/v2/alerts", """
        [{"labels": {"alertname": "Watchdog", "severity": "none"},
          "annotations": {"summary": "Always firing: the alerting pipeline works"}}]""")).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> pings() >= 3);
    assertThat(state()).isEqualTo("up");
    String message = jdbc.sql("select body from heartbeat_ping order by id desc limit 1").query(String.class).single();
    assertThat(message).as("Alertmanager's webhook JSON is the ping's message").contains("\"alertname\":\"Watchdog\"")
        .contains("\"receiver\":\"vigil-heartbeat\"");
    assertThat(jdbc.sql("select distinct method from heartbeat_ping").query(String.class).single()).isEqualTo("POST");
    assertThat(jdbc.sql("select user_agent from heartbeat_ping limit 1").query(String.class).single())
        .startsWith("Alertmanager/");

    // Clock moved on by less than period plus grace: still no incident while Alertmanager pings.
    scenario.advance(Duration.ofMinutes(2)).runDueJobs(); // the heartbeat check looks at the new time
    assertThat(state()).isEqualTo("up");
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isZero();

    alertmanager.destroy();
    alertmanager.waitFor();
    long last = pings();
    scenario.advance(Duration.ofMinutes(3).plusSeconds(1)).runDueJobs();
    assertThat(state()).isEqualTo("down");
    assertThat(pings()).isEqualTo(last);
    assertThat(jdbc.sql("select title from incident").query(String.class).single())
        .startsWith("Heartbeat monitoring/alertmanager-watchdog is down: no ping since");
    assertThat(jdbc.sql("select urgency from incident").query(String.class).single()).isEqualTo("high");
    // Exactly one page about the watchdog, to Olga. The shared application's mail server may also hold a message
    // another class's background job sent on its way out; it is named here rather than counted.
    List<String> received = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      received.add(m.getAllRecipients()[0] + ": " + m.getSubject());
    }
    assertThat(received).as("every message received").filteredOn(m -> m.contains("monitoring/alertmanager-watchdog"))
        .singleElement().satisfies(m -> assertThat(m).startsWith("olga@example.com: "));
  }

  private int send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertmanagerPort + path))
        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Debian installs Alertmanager as prometheus-alertmanager; elsewhere it is alertmanager. */
  static Path binary() {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    return Stream.of(path.split(":")).filter(d -> !d.isBlank())
        .flatMap(d -> Stream.of(Path.of(d, "prometheus-alertmanager"), Path.of(d, "alertmanager")))
        .filter(Files::isExecutable).findFirst()
        .orElseGet(() -> fail("This test runs the real Alertmanager: install the Debian package " + PACKAGE
            + " (apt-get install " + PACKAGE + ")."));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
