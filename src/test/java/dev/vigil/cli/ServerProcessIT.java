package dev.vigil.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil server} as a process on the embedded PostgreSQL: first start, restart on the same data (from the
 * packaged jar itself, nested jars and all: the migrations it validates are found in one), SIGTERM.
 */
class ServerProcessIT {

  /**
   * The smallest useful catalog. The lists a file may leave out are spelled out empty, and the service kind is
   * one word, so that the file reads the same to every version of the loader.
   */
  static final String CONFIG = """
      version: 1
      teams:
        - name: platform
      users:
        - name: alice
          full_name: Alice Martin
          email: alice@example.com
          time_zone: Europe/Paris
          role: admin
          contact_methods:
            - type: email
              address: alice@example.com
      services:
        - name: api
          team: platform
          tier: 1
          kind: web
      integrations: []
      schedules: []
      escalation_policies: []
      customers: []
      """;

  @TempDir
  Path temp;

  static Path writeConfig(Path dir) throws IOException {
    return Files.writeString(dir.resolve("vigil.yaml"), CONFIG);
  }

  @Test
  void firstStartPrintsAnAdminTokenThatStillWorksAfterARestartOnTheSameData() throws Exception {
    Path config = writeConfig(temp);
    Path data = temp.resolve("data");

    String token;
    try (VigilProcess first = VigilProcess.start(data, Map.of(), "--config", config.toString())) {
      first.awaitReady();
      token = first.printedAdminToken().orElse(null);
      assertThat(token).as("admin token printed at first start; output:%n%s", first.outputTail()).isNotNull();
      assertThat(first.get("/api/v1/tokens", token).statusCode()).isEqualTo(200);
      assertThat(first.get("/api/v1/tokens", null).statusCode()).isEqualTo(401);
      assertThat(first.get("/api/v1/tokens", "vgl_" + "x".repeat(43)).statusCode()).isEqualTo(401);
      assertThat(data.resolve("postgres/postmaster.pid")).as("the embedded PostgreSQL runs in the data dir").exists();
      first.stopAndCheckNothingLeft();
    }

    try (VigilProcess second = VigilProcess.startFromPackagedJar(data, Map.of(), "--config", config.toString())) {
      second.awaitReady();
      assertThat(second.printedAdminToken()).as("no new token on a second start; output:%n%s", second.outputTail())
          .isEmpty();
      assertThat(second.get("/api/v1/tokens", token).statusCode()).as("the first start's token").isEqualTo(200);
      second.stopAndCheckNothingLeft();
    }
  }

  @Test
  void aRequestInFlightAtSigtermCompletesWhileNewConnectionsAreRefused() throws Exception {
    String admin = "in-flight-test-admin-token-0123456789";
    try (VigilProcess node = VigilProcess.start(temp.resolve("data"), Map.of("VIGIL_ADMIN_TOKEN", admin))) {
      node.awaitReady();
      byte[] body = "{\"name\":\"made during shutdown\",\"role\":\"viewer\"}".getBytes(UTF_8);
      int sentFirst = 10;
      try (Socket socket = new Socket("127.0.0.1", node.port())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        // Half a request body keeps the request in the application, deterministically, for as long as we like.
        out.write(("POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
        out.write(body, 0, sentFirst);
        out.flush();
        await("the POST counted as in flight").atMost(Duration.ofSeconds(10))
            .until(() -> node.activeRequests("POST") == 1);

        node.terminate();
        await("new connections refused after SIGTERM").atMost(Duration.ofSeconds(10))
            .until(() -> !node.acceptsConnections());

        out.write(body, sentFirst, body.length - sentFirst);
        out.flush();
        String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
        assertThat(response).as("response to the request in flight; node output:%n%s", node.outputTail())
            .startsWith("HTTP/1.1 201").contains("\"name\":\"made during shutdown\"").contains("\"token\":\"vgl_");
      }
      node.stopAndCheckNothingLeft();
    }
  }
}
