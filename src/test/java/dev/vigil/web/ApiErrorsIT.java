package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input of every kind gets a 4xx problem+json that says what and where; nothing a client sends is a 500. */
@IntegrationTest
class ApiErrorsIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private static void problem(Api.Response r, int status, String... details) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("detail").asString()).contains(details);
  }

  @Test
  void malformedJsonSaysWhere() {
    problem(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"x\",\n \"role\": }"), 400,
        "Malformed JSON", "line 2");
    problem(api.post("/api/v1/tokens", ADMIN, ""), 400, "missing or is not valid JSON");
    problem(api.post("/api/v1/tokens", ADMIN, "[1,2]"), 400, "The body has the wrong type");
  }

  @Test
  void wrongTypesAndUnknownFieldsNameTheField() {
    problem(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"x\", \"role\": \"overlord\"}"), 400, "role");
    problem(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"x\", \"role\": \"viewer\", \"colour\": 1}"), 400,
        "Unknown field 'colour'", "name", "role");
    problem(api.put("/api/v1/services/api-x", ADMIN, "{\"team\": \"t\", \"tier\": \"high\", \"kind\": \"web\"}"),
        400, "tier");
    problem(api.put("/api/v1/services/api-x", ADMIN, "{\"team\": \"t\", \"tier\": 1, \"kind\": \"mainframe\"}"),
        400, "kind");
    problem(api.put("/api/v1/services/api-x", ADMIN, "{\"team\": \"t\", \"tier\": 1, \"dependsOn\": \"db\"}"),
        400, "dependsOn");
    problem(api.post("/api/v1/tokens", ADMIN, "{\"role\": \"viewer\"}"), 400, "'name' is required");
  }

  @Test
  void oversizedBodiesAreRefused() {
    String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\", \"role\": \"viewer\"}";
    problem(api.post("/api/v1/tokens", ADMIN, big), 413, "larger than the limit of 1048576 bytes");

    // A chunked body has no Content-Length: the limit holds while it is read.
    HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
      final HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofString(big);

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        inner.subscribe(subscriber);
      }
    };
    problem(api.send("POST", "/api/v1/tokens", ADMIN, chunked), 413, "larger than the limit");
  }

  @Test
  void unknownObjectsAre404() {
    problem(api.get("/api/v1/services/no-such-service", ADMIN), 404, "no service named 'no-such-service'");
    problem(api.get("/api/v1/teams/no-such-team", ADMIN), 404, "no team named");
  }

  @Test
  void invalidReferencesAre400() {
    problem(api.put("/api/v1/services/orphan", ADMIN,
        "{\"team\": \"ghosts\", \"tier\": 2, \"kind\": \"worker\", \"dependsOn\": [\"nothing\"]}"), 400,
        "team: undefined team 'ghosts'", "dependsOn[0]: undefined service 'nothing'");
    problem(api.put("/api/v1/services/Bad_Name", ADMIN, "{\"team\": \"t\", \"tier\": 1, \"kind\": \"web\"}"),
        400, "lowercase letters");
    problem(api.put("/api/v1/users/zed", ADMIN,
        "{\"email\": \"not-an-email\", \"timeZone\": \"Mars/Olympus\", \"role\": \"viewer\"}"), 400,
        "email", "unknown time zone 'Mars/Olympus'");
  }
}
