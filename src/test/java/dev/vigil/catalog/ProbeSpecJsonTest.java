package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A probe of every kind keeps the JSON it has always had: the stored spec (every key, unset ones as null, in the same
 * order), the declaration as the API shows it, and the service spec that holds it; and each reads back as it was.
 * The expected text is in {@code probe-spec-json.txt}, written by the version before probe settings were sealed.
 */
class ProbeSpecJsonTest {

  static final String YAML = """
      version: 1
      teams: [{name: web}]
      services:
        - name: web
          team: web
          tier: 3
          probes:
            - name: home
              kind: http
              interval: 30s
              http: {url: 'https://example.com/health', expected_status: [200], headers: {Accept: text/plain},
                     json_path: [{path: $.ok, equals: 'true'}]}
            - name: port
              kind: tcp
              tcp: {host: db.internal, port: 5432, ip_version: ipv4}
            - name: name
              kind: dns
              dns: {name: example.com, record_type: MX, expect: [10 mail.example.com.]}
            - name: cert
              kind: tls
              locations: [eu-west, us-east]
              tls: {host: example.com, expiry_days: 20}
            - name: primary
              kind: postgres
              postgres: {host: db.internal, password: secret, max_replication_lag: 30s, max_connections_percent: 80}
            - name: cache
              kind: redis
              redis: {host: cache.internal, role: replica, max_evictions: 0}
            - name: search
              kind: elasticsearch
              elasticsearch: {url: 'https://search.internal:9200', api_key: abc, worst_status: yellow}
      """;

  @Test
  void everyKindKeepsItsStoredAndDeclaredJson() throws IOException {
    Catalog.Service service = TestCatalogs.load(YAML).services().getFirst();
    List<String> written = new ArrayList<>();
    for (Catalog.Probe p : service.probes()) {
      String stored = SpecMapper.MAPPER.writeValueAsString(p);
      written.add("STORED " + stored);
      written.add("DECLARED " + SpecMapper.declared(p));
      assertThat(SpecMapper.fromSpec(stored, Catalog.Probe.class)).isEqualTo(p);
    }
    String spec = SpecMapper.write(SpecMapper.toSpec(service));
    written.add("SERVICE " + spec);
    assertThat(SpecMapper.fromSpec(spec, Catalog.Service.class)).isEqualTo(service);
    try (InputStream in = getClass().getResourceAsStream("probe-spec-json.txt")) {
      assertThat(written).containsExactlyElementsOf(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }
}
