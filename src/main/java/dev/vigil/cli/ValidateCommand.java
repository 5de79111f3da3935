package dev.vigil.cli;

import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.catalog.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil validate FILE}: checks a catalog file and lists every problem, for people and for CI. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a catalog file (vigil.yaml) without applying it.",
      "Prints every problem as FILE:LINE:COL: message and exits with 1 if there is any error;"
          + " warnings alone exit with 0."
    })
class ValidateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The catalog file to check, such as vigil.yaml.")
  Path file;

  @Spec
  CommandSpec spec;

  private final CatalogLoader loader;

  ValidateCommand() {
    this(CatalogLoader.withSystemEnvironment());
  }

  ValidateCommand(CatalogLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    LoadResult result = loader.load(file);
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
