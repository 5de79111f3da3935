package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil slo import} and {@code export}: what each prints where, and their exit codes. */
class SloCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new VigilCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void importPrintsTheCatalogToAddAndWhatIsLostOnStderr() throws IOException {
    Path file = write("slos.yaml", """
        apiVersion: openslo/v1
        kind: Service
        metadata:
          name: api
          displayName: Main API
        spec: {}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: api-up
        spec:
          service: api
          indicator:
            metadata:
              name: api-up
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource: {metricSourceRef: prom, type: Prometheus, spec: {query: sum(ok)}}
                total:
                  metricSource: {metricSourceRef: prom, type: Prometheus, spec: {query: sum(all)}}
          timeWindow:
            - duration: 30d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: 0.995
            - target: 0.99
        """);

    int exit = run("slo", "import", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("""
        services:
          - name: api
            slos:
              - name: api-up
                objective: 99.5
                window: 30d
                budgeting: occurrences
                sli:
                  prometheus:
                    source: prom
                    good: sum(ok)
                    total: sum(all)
        """);
    assertThat(err.toString().lines()).containsExactly(
        "lost: Service api: metadata.displayName: Vigil names things by their name alone",
        "lost: SLO api-up: spec.objectives[1]: Vigil keeps one objective per SLO; left out");
  }

  @Test
  void anInvalidDocumentExitsWithTwoNamingItsLineAndField() throws IOException {
    Path file = write("slos.yaml", """
        apiVersion: openslo/v1
        kind: Service
        metadata: {name: api}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: api-up}
        spec:
          service: api
          indicatorRef: api-up
        """);

    int exit = run("slo", "import", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).containsExactly(
        file + ": document 2 (SLO api-up), line 10: spec.indicatorRef: no SLI named 'api-up' in the file");
    assertThat(run("slo", "import", dir.resolve("missing.yaml").toString())).isEqualTo(2);
  }

  @Test
  void exportReadsTheCatalogFileAndPrintsOpenSlo() throws IOException {
    Path file = write("vigil.yaml", """
        version: 1
        teams: [{name: ops}]
        prometheus:
          - name: prom
            url: http://prometheus:9090
            bearer_token: ${PROM_TOKEN:-unset}
        services:
          - name: api
            team: ops
            tier: 3
            slos:
              - name: api-up
                objective: 99.5
                window: 30d
                alerting: none
                sli:
                  prometheus: {source: prom, good: sum(ok), total: sum(all)}
        """);

    int exit = run("slo", "export", "--config", file.toString());

    assertThat(err.toString()).isEmpty();
    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("""
        apiVersion: openslo/v1
        kind: DataSource
        metadata:
          name: prom
        spec:
          type: Prometheus
          connectionDetails:
            url: http://prometheus:9090
            bearerToken: ${PROM_TOKEN}
        ---
        """).contains("  name: api-up\n  annotations:\n    vigil.dev/alerting: none\n");
  }

  @Test
  void exportOfAnInvalidCatalogListsItsErrorsAndExitsWithOne() throws IOException {
    Path file = write("vigil.yaml", "version: 1\nservices: [{name: api, team: nobody, tier: 3}]\n");

    int exit = run("slo", "export", "--config", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).last().isEqualTo(file + ": the catalog has errors; nothing exported");
  }
}
