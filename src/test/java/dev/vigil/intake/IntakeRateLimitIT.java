package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An integration's rate_limit on the running application: 429 with Retry-After, and nothing of it stored. */
@IntegrationTest
class IntakeRateLimitIT {

  static final String KEY = IntakeCatalog.THROTTLED_KEY;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  @Test
  void alertsOverTheLimitAre429WithRetryAfterAndNothingStored() {
    String events = "/api/v1/integrations/" + KEY + "/events";
    Api.Response two = api.post(events, null, "{\"events\": [{\"summary\": \"a\"}, {\"summary\": \"b\"}]}");
    assertThat(two.status()).isEqualTo(202);
    long stored = IntakeCatalog.storedRows(jdbc);

    Api.Response overBatch = api.post(events, null, "{\"events\": [{\"summary\": \"c\"}, {\"summary\": \"d\"}]}");
    assertThat(overBatch.status()).as("every alert of a batch counts").isEqualTo(429);
    assertThat(overBatch.contentType()).startsWith("application/problem+json");
    assertThat(overBatch.json().get("detail").asString()).contains("at most 3 alerts per minute", "Nothing was stored");
    long retryAfter = Long.parseLong(overBatch.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(IntakeCatalog.storedRows(jdbc)).isEqualTo(stored);

    assertThat(api.post(events, null, "{\"summary\": \"e\"}").status()).isEqualTo(202);
    Api.Response over = api.post("/api/v1/integrations/" + KEY + "/alertmanager", null,
        "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"f\"}}]}");
    assertThat(over.status()).as("the limit is the integration's, whichever route").isEqualTo(429);
    assertThat(over.headers().firstValue("Retry-After")).isPresent();

    Api.Response pagerDuty = api.post("/v2/enqueue", null, "{\"routing_key\": \"" + KEY + "\", \"event_action\":"
        + " \"trigger\", \"payload\": {\"summary\": \"g\", \"source\": \"h\", \"severity\": \"info\"}}");
    assertThat(pagerDuty.status()).isEqualTo(429);
    assertThat(pagerDuty.contentType()).startsWith("application/json");
    assertThat(pagerDuty.json().get("status").asString()).isEqualTo("throttled");
    assertThat(pagerDuty.headers().firstValue("Retry-After")).isPresent();
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void otherIntegrationsAreNotHeldBack() {
    String throttled = "/api/v1/integrations/" + KEY + "/events";
    api.post(throttled, null, "{\"events\": [{\"summary\": \"a\"}, {\"summary\": \"b\"}, {\"summary\": \"c\"}]}");
    assertThat(api.post(throttled, null, "{\"summary\": \"d\"}").status()).isEqualTo(429);
    assertThat(api.post("/api/v1/integrations/" + IntakeCatalog.EVENTS_KEY + "/events", null,
        "{\"summary\": \"d\"}").status()).isEqualTo(202);
  }
}
