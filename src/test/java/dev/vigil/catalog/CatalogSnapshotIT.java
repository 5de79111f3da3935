package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole catalog kept in memory follows every write to the catalog's tables, whoever makes it. */
@IntegrationTest
class CatalogSnapshotIT {

  static final String CATALOG = """
      version: 1
      teams:
        - name: platform
      services:
        - name: api
          team: platform
          tier: 2
      """;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
  }

  @Test
  void theSnapshotIsReusedUntilAnyWriteChangesTheStamp() {
    Catalog first = queries.catalog();
    assertThat(queries.catalog()).as("nothing changed: the same snapshot").isSameAs(first);

    Api.Response put = new Api(port).put("/api/v1/teams/search", IntegrationTest.ADMIN_TOKEN, "{\"name\": \"search\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(201);
    assertThat(queries.catalog().teams()).extracting(Catalog.Team::name).contains("search");

    // A write behind the application's back (another node, an operator) is seen too.
    jdbc.sql("update service set spec = jsonb_set(spec, '{tier}', '1') where name = 'api'").update();
    assertThat(queries.catalog().service("api").orElseThrow().tier()).isEqualTo(1);

    // A rolled-back write leaves no stamp behind that a later snapshot could be confused with.
    Catalog before = queries.catalog();
    transactions.executeWithoutResult(tx -> {
      jdbc.sql("update service set spec = jsonb_set(spec, '{tier}', '3') where name = 'api'").update();
      assertThat(queries.catalog().service("api").orElseThrow().tier()).as("inside the transaction").isEqualTo(3);
      tx.setRollbackOnly();
    });
    assertThat(queries.catalog().service("api").orElseThrow().tier()).isEqualTo(1);
    assertThat(queries.catalog()).isNotSameAs(before).as("reloaded: the stamp differs from the rolled-back one");
  }

  @Test
  void oneObjectIsParsedOnceAndFollowsChangesInsideTheTransactionThatMakesThem() {
    Catalog.Service api = queries.one(CatalogKind.SERVICE, "api", Catalog.Service.class).orElseThrow().object();
    assertThat(queries.one(CatalogKind.SERVICE, "api", Catalog.Service.class).orElseThrow().object())
        .as("bound once per snapshot").isSameAs(api);
    long id = queries.serviceId("api").orElseThrow();

    transactions.executeWithoutResult(tx -> {
      // The transaction reads the catalog (and remembers the stamp), then changes it through the catalog's own
      // writes: its next read must see its own change, not the remembered snapshot.
      assertThat(queries.one(CatalogKind.SERVICE, "api", Catalog.Service.class).orElseThrow().object().tier())
          .isEqualTo(2);
      catalog.apply(TestCatalogs.load(CATALOG.replace("tier: 2", "tier: 1")
          + "  - name: search\n    team: platform\n    tier: 3\n"), "/etc/vigil.yaml", "y");
      assertThat(queries.one(CatalogKind.SERVICE, "api", Catalog.Service.class).orElseThrow().object().tier())
          .isEqualTo(1);
      assertThat(queries.serviceId("search")).isPresent();
    });
    assertThat(queries.one(CatalogKind.SERVICE, "api", Catalog.Service.class).orElseThrow().object().tier())
        .isEqualTo(1);
    assertThat(queries.serviceId("api")).contains(id);
    assertThat(queries.all(CatalogKind.SERVICE, Catalog.Service.class)).extracting(m -> m.object().name())
        .containsExactly("api", "search");
  }

  @Test
  void anIntegrationIsFoundByItsKeyUntilTheKeyChanges() {
    catalog.apply(TestCatalogs.load(CATALOG + """
        integrations:
          - name: prometheus
            type: alertmanager
            service: api
            key: first-key-0123456789abcdef
        """), "/etc/vigil.yaml", "z");
    assertThat(queries.integrationByKey("first-key-0123456789abcdef")).map(k -> k.integration().name())
        .contains("prometheus");
    assertThat(queries.integrationByKey("wrong-key-0123456789abcdef")).isEmpty();
    catalog.apply(TestCatalogs.load(CATALOG + """
        integrations:
          - name: prometheus
            type: alertmanager
            service: api
            key: second-key-0123456789abcdef
        """), "/etc/vigil.yaml", "w");
    assertThat(queries.integrationByKey("first-key-0123456789abcdef")).isEmpty();
    assertThat(queries.integrationByKey("second-key-0123456789abcdef")).isPresent();
  }
}
