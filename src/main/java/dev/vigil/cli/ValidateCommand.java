package dev.vigil.cli;

import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.catalog.Problem;
import dev.vigil.oncall.OnCallService;
import dev.vigil.oncall.ScheduleGaps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil validate FILE}: checks a catalog file and lists every problem, for people and for CI. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a catalog file (vigil.yaml) without applying it.",
      "Prints every problem as FILE:LINE:COL: message and exits with 1 if there is any error;"
          + " warnings alone exit with 0. Schedules with nobody on call in the coming weeks are warnings."
    })
class ValidateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The catalog file to check, such as vigil.yaml.")
  Path file;

  @Option(names = "--gap-days", paramLabel = "DAYS", defaultValue = "28",
      description = "Warn about on-call gaps (nobody on call) in the next DAYS days; 0 turns it off."
          + " Default: ${DEFAULT-VALUE}.")
  int gapDays;

  @Spec
  CommandSpec spec;

  /** The instant gaps are looked for from; a test sets its own. */
  Clock clock = Clock.systemUTC();

  private final CatalogLoader loader;

  ValidateCommand() {
    this(CatalogLoader.withSystemEnvironment());
  }

  ValidateCommand(CatalogLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    if (gapDays < 0 || gapDays > OnCallService.MAX_RANGE.toDays()) {
      spec.commandLine().getErr().println("--gap-days must be between 0 and " + OnCallService.MAX_RANGE.toDays());
      spec.commandLine().getErr().flush();
      return 2;
    }
    CatalogLoader checked = gapDays == 0 ? loader
        : loader.withCheck(c -> ScheduleGaps.findings(c, clock.instant(), Duration.ofDays(gapDays)));
    LoadResult result = checked.load(file);
    PrintWriter err = spec.commandLine().getErr();
    for (Problem problem : result.problems()) {
      err.println(problem.format());
    }
    int errors = result.errors().size();
    int warnings = result.warnings().size();
    if (errors > 0) {
      err.println(file + ": " + count(errors, "error") + (warnings > 0 ? ", " + count(warnings, "warning") : ""));
      err.flush();
      return 1;
    }
    err.flush();
    var catalog = result.catalog();
    PrintWriter out = spec.commandLine().getOut();
    out.println(file + " is valid: " + String.join(", ",
        count(catalog.teams().size(), "team"),
        count(catalog.users().size(), "user"),
        count(catalog.services().size(), "service"),
        count(catalog.integrations().size(), "integration"),
        count(catalog.schedules().size(), "schedule"),
        count(catalog.escalationPolicies().size(), "escalation policy"),
        count(catalog.customers().size(), "customer"))
        + (warnings > 0 ? " (" + count(warnings, "warning") + ")" : ""));
    out.flush();
    return 0;
  }

  private static String count(int n, String noun) {
    String plural = noun.endsWith("policy") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }
}
