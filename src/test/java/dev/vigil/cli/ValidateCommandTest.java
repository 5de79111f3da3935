package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.CatalogLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil validate}: what it prints where, and its exit codes. */
class ValidateCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(CommandLine cli, String... args) {
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void printsEveryErrorWithItsPositionAndExitsWithOne() throws IOException {
    Path file = write("""
        version: 1
        teams:
          - name: ops
        services:
          - name: api
            team: opz
            tier: 9
        """);

    int exit = run(new CommandLine(new ValidateCommand()), file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).containsExactly(
        file + ":6:11: undefined team 'opz' (did you mean 'ops'?)",
        file + ":7:11: tier must be between 1 and 4, got '9'",
        file + ": 2 errors");
  }

  @Test
  void schedulesWithNobodyOnCallAreWarningsSayingWhen() throws IOException {
    Path file = write("""
        version: 1
        users:
          - name: ana
            email: ana@example.com
        schedules:
          - name: office
            time_zone: Europe/Paris
            layers:
              - rotation: weekly
                start: 2026-01-05T09:00
                participants: [ana]
                restrictions:
                  - days: [mon, tue, wed, thu, fri]
                    from: "09:00"
                    to: "18:00"
        """);
    ValidateCommand command = new ValidateCommand();
    command.clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T08:00:00Z"), java.time.ZoneOffset.UTC);

    int exit = run(new CommandLine(command), "--gap-days", "1", file.toString());

    assertThat(exit).isZero();
    assertThat(err.toString().lines()).containsExactly(file + ":6:11: warning: schedule 'office' has nobody on call"
        + " once in the next day (15 hours in all): from Mon 2026-11-23 18:00 to Tue 2026-11-24 09:00 (Europe/Paris)");
    assertThat(out.toString()).contains("is valid").contains("(1 warning)");

    assertThat(run(new CommandLine(new ValidateCommand()), "--gap-days", "0", file.toString())).isZero();
    assertThat(err.toString().lines()).as("--gap-days 0: no gap check").hasSize(1);
    assertThat(run(new CommandLine(new ValidateCommand()), "--gap-days", "-1", file.toString())).isEqualTo(2);
  }

  @Test
  void warningsAloneExitWithZero() throws IOException {
    Path file = write("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 1}]
        integrations: [{name: am, type: alertmanager, service: api, key: "${AM_KEY}"}]
        """);
    CatalogLoader loader = CatalogLoader.withEnvironment(Map.of("AM_KEY", "am-key-0123456789abcdefgh")::get);

    int exit = run(new CommandLine(new ValidateCommand(loader)), file.toString());

    assertThat(exit).isZero();
    assertThat(err.toString().lines()).containsExactly(file
        + ":3:12: warning: tier-1 service 'api' has no escalation_policy; nobody would be paged when it fails");
    assertThat(out.toString().lines()).containsExactly(file + " is valid: 1 team, 0 users, 1 service, 1 integration,"
        + " 0 schedules, 0 escalation policies, 0 customers (1 warning)");
  }

  @Test
  void aCleanFileSaysSoOnStandardOutput() throws IOException {
    Path file = write("version: 1\nteams: [{name: ops}, {name: web}]\n");

    int exit = run(new CommandLine(new ValidateCommand()), file.toString());

    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).isEqualTo(file + " is valid: 2 teams, 0 users, 0 services, 0 integrations,"
        + " 0 schedules, 0 escalation policies, 0 customers" + System.lineSeparator());
  }

  @Test
  void aYamlBombIsOneClearErrorWithoutAStackTrace() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9))
          .append('*').append((char) (c - 1)).append("]\n");
    }
    Path file = write(yaml.toString());

    int exit = run(new CommandLine(new ValidateCommand()), file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(2);
    assertThat(err.toString()).contains("refusing the file").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMissingFileIsAnErrorNotACrash() {
    Path file = dir.resolve("absent.yaml");

    int exit = run(new CommandLine(new ValidateCommand()), file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly(file + ": cannot read the file: no such file", file + ": 1 error");
  }

  @Test
  void withoutAFileItPrintsUsage() {
    int exit = run(new CommandLine(new ValidateCommand()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'FILE'").contains("Usage: validate");
  }

  @Test
  void vigilValidateRunsIt() throws IOException {
    Path file = write("version: 1\n");
    CommandLine cli = new CommandLine(new VigilCommand());

    int exit = run(cli, "validate", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith(file + " is valid");
  }
}
