package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil apply} as a user runs it: plan, dry run, apply, no-op re-apply, on its own embedded database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyCommandIT {

  @TempDir static Path dir;
  static Path file;

  /** What one run of the command printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void dataDir() throws Exception {
    System.setProperty("vigil.system.data-dir", dir.resolve("data").toString());
    file = dir.resolve("vigil.yaml");
    Files.writeString(file, """
        version: 1
        teams:
          - name: platform
        users:
          - name: alice
            full_name: Alice Martin
            email: alice@example.com
            time_zone: Europe/Paris
            role: admin
        services:
          - name: api
            team: platform
            tier: 3
            kind: http-service
        """);
  }

  @AfterAll
  static void clear() {
    System.clearProperty("vigil.system.data-dir");
  }

  static Run apply(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new VigilCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "apply";
    System.arraycopy(args, 0, full, 1, args.length);
    int exit = cli.execute(full);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  @Order(1)
  void dryRunPrintsThePlanAndChangesNothing() {
    Run dry = apply(file.toString(), "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("+ team platform", "+ user alice", "+ service api",
        "Plan: 3 to create, 0 to update, 0 to delete.", "Dry run: nothing was changed.");

    Run again = apply(file.toString(), "--dry-run");
    assertThat(again.out()).as("the dry run stored nothing").contains("Plan: 3 to create");
  }

  @Test
  @Order(2)
  void applyThenReapplyChangesNothing() throws Exception {
    Run first = apply(file.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("Plan: 3 to create", "Applied.").containsPattern("planned and applied in \\d+\\.\\d\\d s");

    Run second = apply(file.toString());
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("No changes");

    Files.writeString(file, Files.readString(file).replace("tier: 3", "tier: 2"));
    Run third = apply(file.toString());
    assertThat(third.out()).contains("~ service api\n      tier: 3 -> 2\n", "Plan: 0 to create, 1 to update, 0 to delete.");
  }

  @Test
  @Order(3)
  void aCopyOfTheWorkedExampleWithThreeEditsPlansThreeChangesAndOneMove() throws Exception {
    Path original = Files.createDirectories(dir.resolve("etc")).resolve("vigil.yaml");
    Files.copy(Path.of("examples/smuvdrive/vigil.yaml"), original);
    // The runbooks the example declares, beside the original and beside the copy.
    for (Path runbooks : List.of(dir.resolve("etc/runbooks"), dir.resolve("runbooks"))) {
      Files.createDirectories(runbooks);
      try (var files = Files.list(Path.of("examples/smuvdrive/runbooks"))) {
        for (Path runbook : files.toList()) {
          Files.copy(runbook, runbooks.resolve(runbook.getFileName()));
        }
      }
    }
    Run first = apply(original.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("Applied.");

    Path copy = dir.resolve("copy.yaml");
    Files.writeString(copy, edit(edit(edit(Files.readString(original),
        "    runbook: runbooks/api.md\n    rto: 30m\n",
        "    runbook: runbooks/api.md\n    rto: 20m\n"),
        "users:\n",
        "users:\n  - name: zoe\n    full_name: Zoe Laurent\n    email: zoe@smuvdrive.example\n"
            + "    time_zone: Europe/Paris\n    role: responder\n"),
        "participants: [lucas, amara, jonas]", "participants: [lucas, jonas]"));

    Run dry = apply(copy.toString(), "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out().lines().filter(line -> line.matches("  [+~-] .*")))
        .containsExactly("  + user zoe", "  ~ schedule core-api-primary", "  ~ service api");
    assertThat(dry.out()).contains(
        "  ~ schedule core-api-primary\n      layers[weekly].participants: [lucas, amara, jonas] -> [lucas, jonas]\n",
        "  ~ service api\n      rto: 30m -> 20m\n",
        "  53 objects move from " + original + " to " + copy + "\n",
        "Plan: 1 to create, 2 to update, 0 to delete.\n");

    Run applied = apply(copy.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("53 objects move", "Plan: 1 to create, 2 to update, 0 to delete.", "Applied.");
    assertThat(apply(copy.toString(), "--dry-run").out()).as("the objects now belong to the copy")
        .startsWith("No changes. The catalog matches the file.");
  }

  private static String edit(String yaml, String from, String to) {
    assertThat(yaml).contains(from);
    return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  @Test
  @Order(4)
  void unreadableFileIsAnError() {
    Run missing = apply(dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.yaml: cannot read the file");
  }
}
