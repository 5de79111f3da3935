package dev.vigil.cli;

import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.coverage.CoverageCheck;
import dev.vigil.coverage.Evidence;
import dev.vigil.coverage.Scorecard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil coverage [FILE]}: the coverage scorecard of a catalog file, from the file alone. The checks only a
 * running server can answer (alerts received, overdue action items) are listed as such and left out of the score.
 */
@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the coverage scorecard of a catalog file: each service's checklist, the score in total, per tier and"
          + " per team, and the next ten actions.",
      "Alerts received and overdue postmortem action items are in a running server's database: the file alone"
          + " cannot tell them, so they are said to need one and left out of the score (GET /api/v1/coverage has"
          + " them). Exits with 1 when the catalog file has errors."
    })
class CoverageCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "vigil.yaml",
      description = "The catalog file. Default: ${DEFAULT-VALUE}.")
  Path file;

  @Spec
  CommandSpec spec;

  /** The instant on-call gaps are looked for from; a test sets its own. */
  Clock clock = Clock.systemUTC();

  private final CatalogLoader loader;

  CoverageCommand() {
    this(CatalogLoader.withSystemEnvironment());
  }

  CoverageCommand(CatalogLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    LoadResult result = loader.load(file);
    if (!result.errors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      result.errors().forEach(p -> err.println(p.format()));
      err.println(file + ": the catalog has errors; no scorecard");
      err.flush();
      return 1;
    }
    Scorecard card = Scorecard.of(result.catalog(), Evidence.fromFile(result.catalog(), clock.instant()));
    PrintWriter out = spec.commandLine().getOut();
    List<String> needServer = Arrays.stream(CoverageCheck.values())
        .filter(c -> card.services().stream().anyMatch(s -> s.result(c).outcome() == Scorecard.Outcome.NEEDS_SERVER))
        .map(CoverageCheck::label).toList();
    out.println(file + ": coverage " + percent(card.total()) + " on what the file alone can tell");
    if (!needServer.isEmpty()) {
      out.println("Not checked, they need a running server (GET /api/v1/coverage, or the /coverage page): "
          + String.join("; ", needServer) + ".");
    }
    out.println("By tier: " + card.byTier().entrySet().stream()
        .map(e -> "tier " + e.getKey() + " " + percent(e.getValue())).collect(Collectors.joining(", ")));
    out.println("By team: " + card.byTeam().entrySet().stream().map(CoverageCommand::team)
        .collect(Collectors.joining(", ")));
    out.println();
    out.println("Next actions:");
    card.nextActions().forEach(a -> out.println(String.format("%3d. %s", a.rank(), a.text())));
    if (card.nextActions().isEmpty()) {
      out.println("  none: every check the file can answer passes");
    }
    for (Scorecard.ServiceCard s : card.services()) {
      out.println();
      out.println(s.service() + " (tier " + s.tier() + ", team " + s.team() + "): " + percent(s.score()));
      for (Scorecard.Result r : s.checks()) {
        out.println(String.format("  %-12s %s: %s%s", word(r.outcome()), r.label(), r.reason(),
            r.fix() == null ? "" : "; fix: " + r.fix()));
      }
    }
    out.flush();
    return 0;
  }

  private static String team(Map.Entry<String, Scorecard.Score> e) {
    return e.getKey() + " " + percent(e.getValue());
  }

  private static String percent(Scorecard.Score score) {
    return score.percent() == null ? "nothing to check" : score.percent().toPlainString() + " %";
  }

  private static String word(Scorecard.Outcome outcome) {
    return switch (outcome) {
      case PASSED -> "yes";
      case FAILED -> "NO";
      case NOT_APPLICABLE -> "n/a";
      case NEEDS_SERVER -> "needs server";
    };
  }
}
