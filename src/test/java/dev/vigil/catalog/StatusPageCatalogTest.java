package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Status pages in vigil.yaml: what binds, and every cross-reference mistake at its FILE:LINE:COL. */
class StatusPageCatalogTest {

  private static final String SERVICES = """
      version: 1
      teams: [{name: ops}]
      services:
        - name: api
          team: ops
          tier: 3
          probes:
            - name: health
              kind: tcp
              tcp: {host: 127.0.0.1, port: 1}
        - name: web
          team: ops
          tier: 3
      """;

  private static LoadResult load(String yaml) {
    return CatalogLoader.withEnvironment(k -> null).load("v.yaml", yaml);
  }

  private static List<String> errors(String yaml) {
    return load(yaml).errors().stream().map(Problem::format).toList();
  }

  @Test
  void aPageBindsWithItsDefaults() {
    LoadResult result = load(SERVICES + """
        status_pages:
          - slug: public
            title: Our status
            components:
              - name: API
                services: [api]
                probes: [api/health]
              - name: Web
                group: Front
                services: [web]
        """);

    assertThat(result.problems()).isEmpty();
    Catalog.StatusPage page = result.catalog().statusPages().getFirst();
    assertThat(page.slug()).isEqualTo("public");
    assertThat(page.components()).extracting(Catalog.StatusComponent::name).containsExactly("API", "Web");
    assertThat(page.components().getFirst().probes()).containsExactly("api/health");
    assertThat(page.timeZoneOrDefault()).isEqualTo("UTC");
    assertThat(page.showsUptimeBars()).isTrue();
    assertThat(page.incidentsOrDefault().historyDaysOrDefault()).isEqualTo(14);
    assertThat(page.subscriptionsOrDefault().allowsEmail()).isTrue();
  }

  @Test
  void unknownServicesAndProbesDuplicateSlugsAndEmptyComponentsAreErrorsWhereWritten() {
    assertThat(errors(SERVICES + """
        status_pages:
          - slug: public
            title: Our status
            components:
              - name: API
                services: [apii]
                probes: [api/healht, nope/health, api]
              - name: API
                description: nothing
            incidents: {min_severity: SEV9}
          - slug: public
            title: Again
            components:
              - name: Web
                services: [web]
        """)).containsExactly(
        "v.yaml:19:20: undefined service 'apii' (did you mean 'api'?)",
        "v.yaml:20:18: service 'api' has no probe 'healht' (did you mean 'health'?); its probes are health",
        "v.yaml:20:30: undefined service 'nope' in probe 'nope/health'",
        "v.yaml:20:43: invalid probes 'api': write a probe as service/probe, such as api/health",
        "v.yaml:21:9: component 'API' shows nothing; give it 'services' or 'probes'",
        "v.yaml:21:15: component 'API' is listed twice in this status page (first at line 18)",
        "v.yaml:23:31: undefined severity 'SEV9' (did you mean 'SEV1'?); the policy's severities are SEV1, SEV2,"
            + " SEV3, SEV4",
        "v.yaml:24:11: duplicate status page slug 'public' (first declared at line 15)");
  }
}
