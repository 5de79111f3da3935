package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.CatalogLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil coverage FILE} on the worked example: the score on what a file can tell, the checks that need a
 * server said as such, the ranked actions and each service's checklist; a file with errors exits with 1.
 */
class CoverageCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CoverageCommand command = new CoverageCommand(CatalogLoader.withEnvironment(k -> null));
    command.clock = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void theWorkedExamplesScorecardFromTheFileAlone() {
    assertThat(run("examples/smuvdrive/vigil.yaml")).isZero();
    String text = out.toString();
    assertThat(text).startsWith("examples/smuvdrive/vigil.yaml: coverage ");
    assertThat(text).contains("Not checked, they need a running server (GET /api/v1/coverage, or the /coverage"
        + " page): alerts received in the last 30 days; no overdue postmortem action items.");
    assertThat(text).contains("  1. payment-processor: tier 1, no probe or heartbeat: add an HTTP or TLS probe of"
        + " the vendor's endpoint");
    assertThat(text).contains("cache (tier 2, team sre): ",
        "  NO           a probe or a heartbeat: no probe or heartbeat; fix: add a redis probe",
        "  needs server alerts received in the last 30 days: needs a running server");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aFileWithErrorsHasNoScorecard() throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, "version: 1\nservices:\n  - name: shop\n");
    assertThat(run(file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("the catalog has errors; no scorecard");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theRootCommandKnowsIt() {
    CommandLine cli = new CommandLine(new VigilCommand());
    assertThat(cli.getSubcommands()).containsKey("coverage");
  }
}
