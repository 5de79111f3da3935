package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil demo} from the packaged jar, as a newcomer runs it: the simulation of the worked example's endpoints
 * answers, the example's probes (HTTP against the simulation, PostgreSQL against Vigil's own database) come up, and
 * a fault switched on in the simulation becomes a down probe, an incident and a page in the demo's mail catcher;
 * switched off, it resolves, and the payment path's SLO has spent budget on it. Ports come from the environment, so
 * the demo's fixed defaults need not be free here.
 */
class DemoProcessIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path temp;

  @Test
  void aFaultInTheSimulationPagesAndRecovers() throws Exception {
    int simulation = VigilProcess.freePort();
    Map<String, String> env = Map.of(
        "VIGIL_DEMO_SIMULATION_PORT", Integer.toString(simulation),
        "VIGIL_DEMO_DATABASE_PORT", Integer.toString(VigilProcess.freePort()));
    try (VigilProcess demo = VigilProcess.start("demo", temp.resolve("data"), VigilProcess.freePort(), env)) {
      demo.awaitReady();
      assertThat(demo.output()).contains("SIMULATED endpoints of the example (not real services)");
      String token = demo.printedAdminToken().orElseThrow();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulation + "/"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("This is a simulation");

      await("every probe of the example passing, payment's up").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode probes = JSON.readTree(demo.get("/api/v1/probes", token).body());
            assertThat(probes).hasSize(6);
            assertThat(probes).allSatisfy(p -> assertThat(p.path("lastResult").path("success").asBoolean())
                .as(p.toString()).isTrue());
            assertThat(probes).anySatisfy(p -> {
              assertThat(p.get("service").asString()).isEqualTo("payment");
              assertThat(p.get("state").asString()).isEqualTo("up");
            });
          });

      HttpResponse<String> fault = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + simulation + "/faults/payment/5xx")).POST(HttpRequest.BodyPublishers
          .noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(fault.body()).isEqualTo("payment is now 5xx\n");
      await("an incident for payment and its page").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> {
            JsonNode incidents = JSON.readTree(demo.get("/api/v1/incidents", token).body()).get("incidents");
            assertThat(incidents).anySatisfy(i -> {
              assertThat(i.get("service").asString()).isEqualTo("payment");
              assertThat(i.get("title").asString()).isEqualTo("Probe payment/health is down: status 503, expected 2xx");
            });
            assertThat(demo.get("/demo/mail", null).body()).contains("payment/health is down");
          });

      http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulation + "/faults/payment/ok"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      // The probe's incident resolves with the probe. The payment SLO may have paged too, when the failed checks fell
      // in a whole five minutes its evaluation read (on the demo's short history any failure burns fast); that page
      // stays until the burn stops, which is the SLO doing its work, not this incident's.
      await("the incident resolved").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(JSON.readTree(demo.get("/api/v1/incidents", token).body())
              .get("incidents")).filteredOn(i -> i.get("title").asString().startsWith("Probe ")).isNotEmpty()
              .allSatisfy(i -> assertThat(i.get("status").asString()).isEqualTo("resolved")));
      // The fault is visible as budget spent: the payment path's incident-based SLO counts the SEV1 incident's
      // minutes against its month at its next evaluation (every minute).
      await("the payment path's SLO spending budget").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode slo = JSON.readTree(demo.get("/api/v1/slos/payment-incidents", token).body()).get("slo");
            assertThat(slo.get("state").asString()).isEqualTo("measured");
            assertThat(slo.get("budget").get("consumedSeconds").asDouble()).as(slo.toString()).isPositive();
          });

      // The block that ends the start-up: its password signs in, and its requests carry the integrations' real keys.
      String output = demo.output();
      assertThat(output).contains("Try it now", "/faults/payment/5xx", "/demo/mail")
          .as("the libraries' progress is not shown").doesNotContain("DbMigrate", "Tomcat initialized");
      Matcher password = Pattern.compile("user demo, password (\\w+)").matcher(output);
      assertThat(password.find()).as(output).isTrue();
      assertThat(new WebSession(demo.port()).signIn("demo", password.group(1)).location()).isEqualTo("/");
      Map<String, String> keys = new HashMap<>();
      JSON.readTree(demo.get("/api/v1/integrations", token).body())
          .forEach(i -> keys.put(i.get("type").asString(), i.get("key").asString()));
      Matcher curl = Pattern.compile("curl -H 'Content-Type: application/json' (\\S+) -d '(.*)'").matcher(output);
      List<String> answered = new ArrayList<>();
      while (curl.find()) {
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(curl.group(1)))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(curl.group(2)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(curl.group(0) + " answered " + sent.body()).isEqualTo(202);
        answered.add(curl.group(0));
      }
      assertThat(answered).hasSize(2);
      assertThat(answered.get(0)).contains("/api/v1/integrations/" + keys.get("alertmanager") + "/alertmanager");
      assertThat(answered.get(1)).contains("\"routing_key\": \"" + keys.get("pagerduty") + "\"");
      demo.stopAndCheckNothingLeft();
    }
  }
}
