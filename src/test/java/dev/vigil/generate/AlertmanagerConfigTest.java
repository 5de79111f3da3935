package dev.vigil.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.system.InvalidException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Alertmanager configuration generated from a catalog: Debian's amtool accepts it and routes every service's
 * alerts to the receiver its route tests expect, for the worked example and a random catalog; dependencies become
 * inhibit rules; the worked example's committed files are what the generator writes now.
 */
class AlertmanagerConfigTest {

  static final Path AMTOOL = Path.of("/usr/bin/amtool");

  @TempDir
  Path dir;

  static SortedMap<String, String> example() {
    Catalog catalog = PrometheusMonitoringTest.exampleCatalog();
    return AlertmanagerConfig.files(catalog, PrometheusMonitoring.source("vigil.yaml", catalog),
        "http://localhost:8080");
  }

  @Test
  void theWorkedExamplesCommittedConfigurationIsWhatTheGeneratorWritesNow() throws IOException {
    if (Boolean.getBoolean("vigil.updateMonitoring")) {
      GeneratedFiles.write(PrometheusMonitoringTest.EXAMPLE_OUTPUT, example());
    }

    assertThat(GeneratedFiles.diff(PrometheusMonitoringTest.EXAMPLE_OUTPUT, example()))
        .as("%s is out of date; regenerate it with ./vigil generate all --config %s --out %s",
            PrometheusMonitoringTest.EXAMPLE_OUTPUT, PrometheusMonitoringTest.EXAMPLE,
            PrometheusMonitoringTest.EXAMPLE_OUTPUT)
        .isEmpty();
  }

  @Test
  void amtoolAcceptsTheWorkedExampleAndRoutesAsItsTestsExpect() throws Exception {
    SortedMap<String, String> files = example();

    checkAndTest(files);
    String config = files.get("alertmanager/alertmanager.yml");
    assertThat(config).contains("url: \"http://localhost:8080/api/v1/integrations/${VIGIL_KEY_PROMETHEUS}"
        + "/alertmanager\"", "routing_key: \"${VIGIL_KEY_PAYMENT_PROCESSOR_STATUS}\"");
    assertThat(files.get("alertmanager/routes.test"))
        .contains("--verify.receivers='vigil-payment-processor-status' 'alertname=TargetDown'"
            + " 'service=payment-processor'");
  }

  @Test
  void amtoolAcceptsARandomCatalogAndRoutesAsItsTestsExpect() throws Exception {
    checkAndTest(AlertmanagerConfig.files(load(PrometheusMonitoringTest.randomCatalog(new Random(3), 12)
        + INTEGRATIONS), "test", "http://vigil:8080"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aServicesAlertsAreInhibitedWhileADependencyIsDown() {
    Catalog catalog = load(PrometheusMonitoringTest.randomCatalog(new Random(1), 0) + """
          - {name: db, team: data, tier: 1, kind: postgres}
          - {name: api, team: ops, tier: 1, kind: http-service, depends_on: [db, cache]}
          - {name: web, team: ops, tier: 2, kind: web, depends_on: [api, db]}
          - {name: cache, team: ops, tier: 2, kind: redis, monitoring: {disabled: [RedisDown]}}
        integrations:
          - {name: prometheus, type: alertmanager, default_service: api}
        """);

    Map<String, Object> config = new Yaml().load(
        AlertmanagerConfig.files(catalog, "test", "http://vigil:8080").get("alertmanager/alertmanager.yml"));

    assertThat((List<Map<String, Object>>) config.get("inhibit_rules")).containsExactly(
        Map.of("source_matchers", List.of("service=\"api\"", "alertname=~\"TargetDown\""),
            "target_matchers", List.of("service=~\"web\"")),
        Map.of("source_matchers", List.of("service=\"cache\"", "alertname=~\"TargetDown\""),
            "target_matchers", List.of("service=~\"api\"")),
        Map.of("source_matchers", List.of("service=\"db\"", "alertname=~\"PostgresDown|TargetDown\""),
            "target_matchers", List.of("service=~\"api|web\"")));
  }

  @Test
  void aCatalogWithoutAnAlertmanagerOrPagerdutyIntegrationIsAProblem() {
    Catalog catalog = load(PrometheusMonitoringTest.randomCatalog(new Random(1), 2));

    assertThatThrownBy(() -> AlertmanagerConfig.files(catalog, "test", "http://vigil:8080"))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith("integrations: none of type alertmanager or pagerduty"));
  }

  private static final String INTEGRATIONS = """
      integrations:
        - name: prometheus
          type: alertmanager
          routing: [{match: {service: svc-1}, service: svc-1}]
          default_service: svc-0
        - {name: svc-3-pager, type: pagerduty, service: svc-3}
      """;

  private static Catalog load(String yaml) {
    LoadResult loaded = CatalogLoader.withEnvironment(name -> null).load("vigil.yaml", yaml);
    assertThat(loaded.errors()).as(yaml).isEmpty();
    return loaded.catalog();
  }

  /** Writes the files, has amtool check the configuration and runs the route tests written next to it. */
  private void checkAndTest(SortedMap<String, String> files) throws IOException, InterruptedException {
    if (!Files.isExecutable(AMTOOL)) {
      fail(AMTOOL + " not found: install the Debian package prometheus-alertmanager"
          + " (apt-get install prometheus-alertmanager)");
    }
    GeneratedFiles.write(dir, files);
    run(AMTOOL.toString(), "check-config", "alertmanager/alertmanager.yml");
    run("sh", "alertmanager/routes.test");
  }

  private void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as("%s in %s:%n%s", String.join(" ", command), dir, output).isZero();
  }
}
