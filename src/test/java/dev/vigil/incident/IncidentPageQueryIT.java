package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident list's page query with 100,000 incidents: PostgreSQL answers every filter the pages offer from an
 * index, in keyset order, without reading the table through (checked with EXPLAIN, not with a stopwatch).
 */
@IntegrationTest
class IncidentPageQueryIT {

  static final String CATALOG = """
      version: 1
      teams:
        - name: platform
      services:
        - name: api
          team: platform
          tier: 1
        - name: db
          team: platform
          tier: 1
        - name: web
          team: platform
          tier: 2
      """;

  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired IncidentRepository incidents;

  @BeforeEach
  void seed() {
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil-page.yaml", "x");
    // A year of incidents, one every five minutes or so, spread over the three services; one in a thousand open.
    // In batches: each statement stays far below the database timeout however busy the machine is, since a statement
    // cut off by it would go on holding its locks in PostgreSQL and stall the tests after this one.
    for (int from = 1; from <= 100_000; from += 10_000) {
      jdbc.sql("""
          insert into incident (service_id, grouping_key, title, status, urgency, created_at, updated_at)
          select s.id, 'seed/' || n, 'incident ' || n,
                 case when n % 1000 = 0 then 'triggered' when n % 1000 = 1 then 'acknowledged' else 'resolved' end,
                 case when n % 3 = 0 then 'low' else 'high' end,
                 now() - make_interval(secs => n * 315), now() - make_interval(secs => n * 315)
          from generate_series(:from, :to) n
          join service s on s.name = (array['api', 'db', 'web'])[1 + n % 3]""")
          .param("from", from).param("to", from + 9_999).update();
    }
    jdbc.sql("analyze incident").update();
  }

  @AfterEach
  void clean() {
    TestCatalogs.reset(jdbc);
  }

  String plan(IncidentQuery query) {
    IncidentRepository.PageSql page = incidents.pageSql(query);
    return String.join("\n", jdbc.sql("explain " + page.sql()).params(page.params()).query(String.class).list());
  }

  @Test
  void everyFilterOfTheListIsAnsweredFromAnIndex() {
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(100_000);
    Instant weekAgo = Instant.now().minusSeconds(7 * 86_400);
    Instant cursorAt = Instant.now().minusSeconds(200 * 86_400);
    List<IncidentQuery> queries = List.of(
        query(List.of(), List.of(), null, null, null, null),
        query(List.of("triggered", "acknowledged"), List.of(), null, null, null, null),
        query(List.of("resolved"), List.of(), null, null, null, null),
        query(List.of(), List.of("api"), null, null, null, null),
        query(List.of(), List.of("api", "db"), "high", null, null, null),
        query(List.of(), List.of(), "low", weekAgo, null, null),
        query(List.of("resolved"), List.of("web"), null, weekAgo, cursorAt, 12_345L),
        query(List.of(), List.of(), null, null, cursorAt, 12_345L));
    for (IncidentQuery query : queries) {
      String plan = plan(query);
      assertThat(plan).as("%s\n%s", query, plan).containsPattern("Index (Only )?Scan|Bitmap Index Scan")
          .doesNotContain("Seq Scan on incident");
    }
    // The keyset page after a cursor starts where the cursor is, however deep.
    IncidentQuery deep = query(List.of(), List.of(), null, null, cursorAt, 12_345L);
    assertThat(plan(deep)).contains("Index Scan using incident_created_idx");
    List<IncidentRepository.IncidentRow> rows = incidents.page(deep);
    assertThat(rows).hasSize(51);
    assertThat(rows).allSatisfy(r -> assertThat(r.createdAt()).isBefore(cursorAt));
  }

  static IncidentQuery query(List<String> statuses, List<String> services, String urgency, Instant since,
      Instant afterAt, Long afterId) {
    return new IncidentQuery(statuses, services, urgency, since, null, afterAt, afterId, 50);
  }
}
