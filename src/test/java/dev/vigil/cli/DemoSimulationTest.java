package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's simulated endpoints over real HTTP: healthy, then each fault switched on and off again. */
class DemoSimulationTest {

  DemoSimulation simulation;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeEach
  void start() throws IOException {
    simulation = DemoSimulation.start(0, 8080);
  }

  @AfterEach
  void stop() {
    simulation.close();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulation.port() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void endpointsAnswerUntilAFaultIsSwitchedOn() throws Exception {
    HttpResponse<String> ok = send("GET", "/payment/health");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"status\":\"ok\"").contains("\"simulated\":true");
    assertThat(ok.headers().firstValue("X-Vigil-Demo")).hasValue("simulation");

    assertThat(send("POST", "/faults/payment/5xx").body()).isEqualTo("payment is now 5xx\n");
    assertThat(send("GET", "/payment/health").statusCode()).isEqualTo(503);
    assertThat(send("GET", "/api/health").statusCode()).as("other endpoints stay healthy").isEqualTo(200);

    send("POST", "/faults/payment/down");
    assertThatThrownBy(() -> send("GET", "/payment/health")).isInstanceOf(IOException.class);

    send("POST", "/faults/payment/slow");
    HttpResponse<String> slow = send("GET", "/payment/health");
    assertThat(slow.statusCode()).isEqualTo(200);

    send("POST", "/faults/payment/ok");
    assertThat(send("GET", "/payment/health").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/").body()).contains("This is a simulation").contains("/faults/payment/5xx");
  }

  @Test
  void unknownServicesAndFaultsAreRefused() throws Exception {
    assertThat(send("POST", "/faults/nope/5xx").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = send("POST", "/faults/api/explode");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("use ok, slow, 5xx or down");
    assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);
  }
}
