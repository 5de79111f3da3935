package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog format of postgres, redis and elasticsearch probes, and of probe locations with a quorum. */
class ProbeKindsCatalogTest {

  @TempDir
  Path dir;

  private LoadResult load(String probes) throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, """
        version: 1
        teams: [{name: data}]
        services:
          - name: db
            team: data
            tier: 2
            probes:
        """ + probes.stripIndent().lines().map(l -> "      " + l + "\n").reduce("", String::concat));
    return CatalogLoader.withEnvironment(Map.of("DB_PASSWORD", "from-the-environment")::get).load(file);
  }

  private static List<String> errors(LoadResult result) {
    return result.errors().stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
  }

  @Test
  void theNewKindsBindWithCredentialsFromTheEnvironment() throws IOException {
    LoadResult result = load("""
        - name: primary
          kind: postgres
          postgres:
            host: db.internal
            database: app
            user: probe
            password: ${DB_PASSWORD}
            sslmode: require
            max_replication_lag: 30s
            max_connections_percent: 80
            max_wraparound_percent: 50
        - name: cache
          kind: redis
          locations: [eu-west, us-east, ap-south]
          redis: {host: cache.internal, role: replica, max_memory_percent: 90, max_evictions: 0}
        - name: search
          kind: elasticsearch
          locations: [eu-west, us-east]
          quorum: 2
          elasticsearch: {url: 'https://search.internal:9200', api_key: abc, worst_status: yellow}
        """);
    assertThat(errors(result)).isEmpty();
    List<Catalog.Probe> probes = result.catalog().services().getFirst().probes();
    Catalog.PostgresProbe pg = (Catalog.PostgresProbe) probes.get(0).check();
    assertThat(pg.password()).isEqualTo("from-the-environment");
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/app");
    assertThat(pg.maxReplicationLag()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pg.maxConnectionsPercent()).isEqualTo(80.0);
    assertThat(probes.get(1).check()).isInstanceOfSatisfying(Catalog.RedisProbe.class,
        redis -> assertThat(redis.portOrDefault()).isEqualTo(6379));
    assertThat(probes.get(1).quorumOrDefault()).isEqualTo(2); // a majority of three
    assertThat(probes.get(2).quorumOrDefault()).isEqualTo(2);
    assertThat(probes.get(2).check()).isInstanceOfSatisfying(Catalog.ElasticsearchProbe.class,
        es -> assertThat(es.worstStatusOrDefault()).isEqualTo("yellow"));
    assertThat(probes.get(0).locationsOrEmpty()).isEmpty();
  }

  @Test
  void mistakesAreReportedWhereTheyAre() throws IOException {
    LoadResult result = load("""
        - name: both
          kind: postgres
          postgres: {url: 'jdbc:postgresql://a/b', host: a}
        - name: neither
          kind: postgres
          postgres: {user: probe}
        - name: wrong-settings
          kind: redis
          postgres: {host: a}
        - name: quorum-alone
          kind: redis
          quorum: 1
          redis: {host: a}
        - name: quorum-too-big
          kind: redis
          locations: [a, b]
          quorum: 3
          redis: {host: a}
        - name: search
          kind: elasticsearch
          elasticsearch: {url: 'http://s:9200', username: u, api_key: k, worst_status: purple}
        """);
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("sets 'url' and 'host'"))
        .anySatisfy(e -> assertThat(e).contains("must set one of 'url' or 'host'/'port'/'database'"))
        .anySatisfy(e -> assertThat(e).contains("'postgres' is only allowed when kind is postgres, not redis"))
        .anySatisfy(e -> assertThat(e).startsWith("19:17").contains("'quorum' needs 'locations'"))
        .anySatisfy(e -> assertThat(e).startsWith("24:17").contains("quorum 3 is more than the 2 locations"))
        .anySatisfy(e -> assertThat(e).contains("set either 'username' and 'password' or 'api_key', not both"))
        .anySatisfy(e -> assertThat(e).contains("purple"));
  }
}
