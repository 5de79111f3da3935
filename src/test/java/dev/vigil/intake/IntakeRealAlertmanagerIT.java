package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.vigil.Api;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Debian's real Alertmanager sends to Vigil through both its webhook and its PagerDuty receiver: the alert opens
 * incidents, the on-call user gets them by email (GreenMail), Alertmanager's fingerprint is the one Vigil computes
 * from the labels, and the resolve resolves them. Alertmanager sends when it will; the pages leave when the scenario
 * runs its due jobs.
 */
@ScenarioTest
class IntakeRealAlertmanagerIT {

  /** The mail server the on-call user's pages arrive at (the port the test profile's SMTP settings name). */
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  /** The intake catalog with an on-call user who is paged by email for both services. */
  static final String PAGED = IntakeCatalog.YAML
      .replace("    role: admin\n", "    role: admin\n    contact_methods:\n      - type: email\n"
          + "        address: alice@example.com\n")
      .replace("    kind: http-service\n", "    kind: http-service\n    escalation_policy: oncall\n")
      .replace("    kind: postgres\n", "    kind: postgres\n    escalation_policy: oncall\n")
      .replace("integrations:\n", "escalation_policies:\n  - name: oncall\n    steps:\n      - delay: 10m\n"
          + "        targets: [{user: alice}]\nintegrations:\n");

  static final String PACKAGE = "prometheus-alertmanager";

  @LocalServerPort int port;
  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  Process alertmanager;
  int alertmanagerPort;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    assertThat(PAGED).contains("escalation_policy: oncall", "type: email");
    scenario.given(PAGED);
    alertmanagerPort = freePort();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: vigil
          group_by: [alertname]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: vigil
            webhook_configs:
              - url: http://127.0.0.1:%d/api/v1/integrations/%s/alertmanager
                send_resolved: true
            pagerduty_configs:
              - url: http://127.0.0.1:%d/v2/enqueue
                routing_key: %s
                send_resolved: true
        """.formatted(port, IntakeCatalog.ALERTMANAGER_KEY, port, IntakeCatalog.PAGERDUTY_KEY));
    alertmanager = new ProcessBuilder(binary().toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> send("GET", "/-/ready", null) == 200);
  }

  @AfterEach
  void stop() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  @Test
  void alertmanagersWebhookAndPagerDutyReceiversOpenAndResolveIncidents() throws Exception {
    Map<String, String> labels = Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "critical");
    String alert = "{\"labels\": {\"alertname\": \"DiskFull\", \"instance\": \"db-1\", \"severity\": \"critical\"},"
        + " \"annotations\": {\"summary\": \"Disk 95% full on db-1\"},"
        + " \"generatorURL\": \"http://prometheus.example.com:9090/graph?g0.expr=disk\"";
    assertThat(send("POST", "/api/v2/alerts", "[" + alert + "}]")).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        jdbc.sql("select source from alert order by source").query(String.class).list())
        .as(log()).containsExactly("alertmanager", "pagerduty"));
    assertThat(jdbc.sql("select fingerprint from alert where source = 'alertmanager'").query(String.class).single())
        .as("Alertmanager's fingerprint is Vigil's hash of the same labels").isEqualTo(Fingerprints.ofLabels(labels));
    assertThat(jdbc.sql("select summary || ' ' || severity from alert where source = 'alertmanager'")
        .query(String.class).single()).isEqualTo("Disk 95% full on db-1 critical");
    assertThat(jdbc.sql("select summary from alert where source = 'pagerduty'").query(String.class).single())
        .contains("DiskFull");
    assertThat(jdbc.sql("select count(*) from incident where status = 'triggered'").query(Long.class).single())
        .isEqualTo(2);

    // Both incidents page the on-call user by email: the first at once, the second within the rate limit's
    // minute (held, then sent on its own or bundled into the next message).
    scenario.runDueJobs();
    assertThat(smtp.getReceivedMessages()).isNotEmpty();
    assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
    scenario.advance(Duration.ofMinutes(1)).runDueJobs();
    assertThat(jdbc.sql("select count(distinct incident_id) from notification where state = 'sent'")
        .query(Long.class).single()).isEqualTo(2);
    String mail = java.util.Arrays.stream(smtp.getReceivedMessages()).map(GreenMailUtil::getBody)
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(mail).contains("Disk 95% full on db-1", "DiskFull");

    String ended = Instant.now().minusSeconds(1).toString();
    assertThat(send("POST", "/api/v2/alerts", "[" + alert + ", \"endsAt\": \"" + ended + "\"}]")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        jdbc.sql("select status from incident").query(String.class).list())
        .as(log()).containsExactly("resolved", "resolved"));
  }

  private int send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertmanagerPort + path))
        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("alertmanager.log"));
    } catch (IOException e) {
      return "(no Alertmanager log: " + e.getMessage() + ")";
    }
  }

  /** Debian installs Alertmanager as prometheus-alertmanager; elsewhere it is alertmanager. */
  static Path binary() {
    List<String> names = List.of("prometheus-alertmanager", "alertmanager");
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    return Stream.of(path.split(":")).filter(d -> !d.isBlank())
        .flatMap(d -> names.stream().map(n -> Path.of(d, n)))
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
