package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil demo} from the packaged jar, as a newcomer runs it: the simulation of the worked example's endpoints
 * answers, the example's probes (HTTP against the simulation, PostgreSQL against Vigil's own database) come up, and
 * a fault switched on in the simulation becomes a down probe, an incident and a page in the demo's mail catcher;
 * switched off, it resolves. Ports come from the environment, so the demo's fixed defaults need not be free here.
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
      await("the incident resolved").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(JSON.readTree(demo.get("/api/v1/incidents", token).body())
              .get("incidents")).allSatisfy(i -> assertThat(i.get("status").asString()).isEqualTo("resolved")));
      demo.stopAndCheckNothingLeft();
    }
  }
}
