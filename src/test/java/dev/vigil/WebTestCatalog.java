package dev.vigil;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A small catalog for the web UI's tests, and a way to open incidents through the real intake. */
public final class WebTestCatalog {

  public static final String YAML = """
      version: 1
      teams:
        - name: platform
          members: [alice, bob]
        - name: payments
          members: [carol]
      users:
        - name: alice
          email: alice@example.com
          time_zone: Europe/Paris
        - name: bob
          email: bob@example.com
        - name: carol
          email: carol@example.com
      schedules:
        - name: platform-primary
          time_zone: UTC
          layers:
            - name: weekly
              rotation: weekly
              start: "2024-01-01T09:00:00"
              participants: [alice]
      escalation_policies:
        - name: platform
          steps:
            - delay: 10m
              targets: [{schedule: platform-primary}]
      services:
        - name: api
          team: platform
          tier: 1
          depends_on: [db]
          runbook_url: https://runbooks.example.com/api
          escalation_policy: platform
        - name: db
          team: platform
          tier: 1
          escalation_policy: platform
        - name: payment
          team: payments
          tier: 2
          depends_on: [api]
          # Its own incidents even while api has one open: these tests look for them by title.
          correlate_upstream: false
      integrations:
        - name: events-api
          type: events
          service: api
        - name: events-payment
          type: events
          service: payment
      """;

  /** A public status page over the services of {@link #YAML}, to append to it. */
  public static final String STATUS_PAGE = """
      status_pages:
        - slug: example
          title: Example status
          description: What our customers see.
          components:
            - name: Public API
              services: [api]
            - name: Payments
              group: Money
              services: [payment]
      """;

  /** A customer with a monthly contract over api and payment, to append to {@link #YAML}. */
  public static final String CUSTOMERS = """
      customers:
        - name: Acme Travel
          description: Books through the API.
          contacts: [bob]
          contracts:
            - name: acme-api
              services: [api, payment]
              availability: 99.9
              period: monthly
              credit_tiers:
                - below: 99.9
                  credit_percent: 10
      """;

  private WebTestCatalog() {}

  public static void apply(JdbcClient jdbc, CatalogService catalog) {
    for (int attempt = 1; ; attempt++) {
      try {
        TestCatalogs.reset(jdbc);
        break;
      } catch (PessimisticLockingFailureException e) {
        // An escalation job of the previous test still running locked a table the other way round: once more.
        if (attempt == 3) {
          throw e;
        }
      }
    }
    catalog.apply(TestCatalogs.load(YAML), "/etc/vigil-web.yaml", "x");
  }

  /** The key of an integration, read back through the admin API as an operator would. */
  public static String key(Api api, String integration) {
    for (var node : api.get("/api/v1/integrations", IntegrationTest.ADMIN_TOKEN).json()) {
      if (node.get("name").asString().equals(integration)) {
        return node.get("key").asString();
      }
    }
    throw new AssertionError("no integration " + integration);
  }

  /** Triggers an alert through the generic events API and returns the id of its incident. */
  public static long trigger(Api api, String integration, String fingerprint, String summary) {
    String body = "{\"fingerprint\": " + json(fingerprint) + ", \"summary\": " + json(summary)
        + ", \"severity\": \"critical\"}";
    Api.Response r = api.post("/api/v1/integrations/" + key(api, integration) + "/events", null, body);
    if (r.status() != 202) {
      throw new AssertionError(r.status() + " " + r.body());
    }
    return r.json().get("incidents").get(0).asLong();
  }

  /** The timeline events of a kind of an incident, as "actor:channel:detail". */
  public static java.util.List<String> events(JdbcClient jdbc, long incident, String kind) {
    return jdbc.sql("""
            select actor || ':' || channel || ':' || detail::text from incident_event
            where incident_id = :id and kind = :kind order by id""")
        .param("id", incident).param("kind", kind).query(String.class).list();
  }

  static String json(String s) {
    return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(s);
  }
}
