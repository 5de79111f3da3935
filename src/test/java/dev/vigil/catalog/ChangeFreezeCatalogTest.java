package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Change freezes in vigil.yaml: what binds, and each mistake at its FILE:LINE:COL. */
class ChangeFreezeCatalogTest {

  private static final String SERVICES = """
      version: 1
      teams: [{name: ops}]
      services:
        - name: api
          team: ops
          tier: 3
      """;

  private static LoadResult load(String yaml) {
    return CatalogLoader.withEnvironment(k -> null).load("v.yaml", yaml);
  }

  @Test
  void aWeeklyFreezeOfATeamBindsAndCoversItsServices() {
    LoadResult result = load(SERVICES + """
        change_freezes:
          - name: friday-evenings
            teams: [ops]
            reason: nobody on call
            time_zone: Europe/Berlin
            days: [fri]
            from: "16:00"
            to: "23:59"
        """);
    assertThat(result.errors()).isEmpty();
    Catalog.ChangeFreeze freeze = result.catalog().changeFreezes().get(0);
    assertThat(freeze.covers("api", "ops")).isTrue();
    assertThat(freeze.covers("api", "other")).isFalse();
    assertThat(freeze.window().days()).containsExactly("fri");
  }

  @Test
  void aFreezeOfNothingUnknownNamesAndAnEndBeforeTheStartAreErrorsWhereWritten() {
    List<String> errors = load(SERVICES + """
        change_freezes:
          - name: launch
            time_zone: UTC
            start: 2026-12-20T00:00
            end: 2026-12-19T00:00
          - name: launch
            services: [apii]
            teams: [opps]
            time_zone: UTC
            days: [fri]
            from: "16:00"
            to: "23:00"
        """).errors().stream().map(Problem::format).toList();
    assertThat(errors).containsExactly(
        "v.yaml:8:5: change freeze 'launch' freezes nothing; give it 'services' or 'teams'",
        "v.yaml:11:10: change freeze 'launch' ends at 2026-12-19T00:00, not after its start 2026-12-20T00:00",
        "v.yaml:12:11: duplicate change freeze name 'launch' (first declared at line 8)",
        "v.yaml:13:16: undefined service 'apii' (did you mean 'api'?)",
        "v.yaml:14:13: undefined team 'opps' (did you mean 'ops'?)");
  }
}
