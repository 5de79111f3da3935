package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Vigil observes itself: readiness, liveness, Prometheus metrics and the OpenAPI document are served. */
@IntegrationTest
class ObservabilityIT {

  @LocalServerPort int port;

  @Test
  void healthProbesAndMetrics() {
    Api api = new Api(port);
    assertThat(api.get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
    assertThat(api.get("/actuator/health/liveness", null).json().get("status").asString()).isEqualTo("UP");
    api.get("/api/v1/teams", IntegrationTest.ADMIN_TOKEN);
    String metrics = api.get("/actuator/prometheus", null).body();
    assertThat(metrics).contains("jvm_memory_used_bytes", "hikaricp_connections_active",
        "http_server_requests_seconds_count", "application=\"vigil\"");
  }

  @Test
  void openApiDocumentDescribesTheApi() {
    Api.Response doc = new Api(port).get("/api/v1/openapi.json", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().get("openapi").asString()).startsWith("3.");
    assertThat(doc.json().get("paths").propertyNames())
        .contains("/api/v1/services", "/api/v1/services/{name}", "/api/v1/tokens", "/api/v1/integrations");
  }
}
