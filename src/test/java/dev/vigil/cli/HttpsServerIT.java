package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.vigil.probe.TestCertificates;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil server} serving HTTPS itself from a PEM certificate and key given in VIGIL_TLS_CERTIFICATE and
 * VIGIL_TLS_PRIVATE_KEY: its API, its links built on https, a renewed certificate served without a restart, and
 * PagerDuty's own JavaScript library (which only speaks https) sending a trigger and a resolve to it.
 */
class HttpsServerIT {

  static final String ADMIN = "vgl_https-test-admin-token-0123456789";
  static final String CONFIG = """
      version: 1
      teams:
        - {name: ops, members: [olga]}
      users:
        - {name: olga, email: olga@example.com, time_zone: UTC}
      escalation_policies:
        - name: ops
          steps:
            - {delay: 10m, targets: [{user: olga}]}
      services:
        - name: billing
          team: ops
          tier: 2
          kind: worker
          escalation_policy: ops
          heartbeats:
            - {name: nightly-export, period: 1d}
      integrations:
        - {name: pagerduty-clients, type: pagerduty, service: billing}
      """;
  /** Where .ci/run installs the npm packages of the real-client checks (.ci/npm/package.json). */
  static final Path NODE_MODULES = Path.of(".ci/npm/node_modules");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path temp;
  static TestCertificates.Issued authority;
  static TestCertificates.Issued first;
  static TestCertificates.Issued renewed;
  static SSLContext trusting;
  static Path certificate;
  static Path key;
  static VigilProcess node;

  @BeforeAll
  static void start() throws Exception {
    authority = TestCertificates.authority("Vigil test CA");
    first = TestCertificates.issuedBy(authority, "localhost", Duration.ofDays(3));
    renewed = TestCertificates.issuedBy(authority, "localhost", Duration.ofDays(90));
    trusting = authority.trustingContext();
    certificate = temp.resolve("tls/vigil.crt");
    key = temp.resolve("tls/vigil.key");
    Files.createDirectories(certificate.getParent());
    first.writeServerPem(certificate, key);
    Path config = Files.writeString(temp.resolve("vigil.yaml"), CONFIG);
    node = VigilProcess.start(temp.resolve("data"), Map.of(
            "VIGIL_TLS_CERTIFICATE", certificate.toString(),
            "VIGIL_TLS_PRIVATE_KEY", key.toString(),
            "VIGIL_ADMIN_TOKEN", ADMIN,
            // The files are watched; a change is taken once they have been quiet this long (10 s by default).
            "SPRING_SSL_BUNDLE_WATCH_FILE_QUIETPERIOD", "1s"),
        "--config", config.toString())
        .overHttps(trusting).awaitReady();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void servesTheApiOverHttpsWithLinksOnHttpsAndARenewedCertificateWithoutARestart() throws Exception {
    assertThat(served()).as("the certificate of VIGIL_TLS_CERTIFICATE").isEqualTo(first.certificate()
        .getSerialNumber());
    HttpResponse<String> heartbeats = node.get("/api/v1/heartbeats", ADMIN);
    assertThat(heartbeats.statusCode()).as(heartbeats.body()).isEqualTo(200);
    assertThat(JSON.readTree(heartbeats.body()).get(0).get("pingUrl").asString())
        .as("without VIGIL_PUBLIC_URL, links are on https").startsWith("https://localhost:" + node.port() + "/");

    renewed.writeServerPem(certificate, key);
    await("the renewed certificate served").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> served().equals(renewed.certificate().getSerialNumber()));
    assertThat(node.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  /**
   * The npm package @pagerduty/pdjs 2.2.4, unchanged: it builds {@code https://SERVER/v2/enqueue} itself, so a
   * plain-HTTP Vigil is out of its reach. A trigger opens an incident; the resolve with its dedup key resolves it.
   */
  @Test
  void pagerDutysJavaScriptLibraryTriggersAndResolvesOverHttps() throws Exception {
    Path pdjs = NODE_MODULES.resolve("@pagerduty/pdjs/package.json");
    if (!Files.isRegularFile(pdjs)) {
      fail("the npm package @pagerduty/pdjs (2.2.4) is not installed in " + NODE_MODULES.toAbsolutePath()
          + ": run `npm ci --prefix .ci/npm` (as .ci/run does; Debian packages nodejs and npm)");
    }
    String key = JSON.readTree(node.get("/api/v1/integrations", ADMIN).body()).get(0).get("key").asString();
    Path trusted = Files.writeString(temp.resolve("authority.pem"), authority.certificatePem());
    Path script = Path.of(HttpsServerIT.class.getResource("pdjs-trigger-resolve.js").toURI());
    ProcessBuilder builder = new ProcessBuilder(node(), script.toString(), "127.0.0.1:" + node.port(), key,
        "pdjs-disk-full").redirectErrorStream(true);
    builder.environment().put("NODE_PATH", NODE_MODULES.toAbsolutePath().toString());
    // Node trusts the test's authority as it would a public one.
    builder.environment().put("NODE_EXTRA_CA_CERTS", trusted.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    List<JsonNode> answers = output.lines().map(JSON::readTree).toList();
    assertThat(answers).as(output).hasSize(2);
    for (JsonNode answer : answers) {
      assertThat(answer.get("status").asInt()).as(output).isEqualTo(202);
      assertThat(answer.at("/data/status").asString()).as(output).isEqualTo("success");
      assertThat(answer.at("/data/dedup_key").asString()).as(output).isEqualTo("pdjs-disk-full");
    }
    JsonNode incidents = JSON.readTree(node.get("/api/v1/incidents", ADMIN).body()).get("incidents");
    assertThat(incidents).as("one incident, opened by the trigger").hasSize(1);
    assertThat(incidents.get(0).get("title").asString()).isEqualTo("Disk full on db-1");
    assertThat(incidents.get(0).get("status").asString()).as("resolved by the resolve").isEqualTo("resolved");
  }

  /** The serial number of the certificate the node presents to a new connection. */
  static BigInteger served() throws IOException, InterruptedException {
    HttpClient fresh = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(2)).build();
    HttpResponse<Void> response = fresh.send(HttpRequest.newBuilder(URI.create(node.base()
        + "/actuator/health/liveness")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding());
    return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
  }

  /** Debian's node, or a failure naming the package to install. */
  static String node() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail("node is not installed: install the Debian package nodejs (.ci/run does)");
  }
}
