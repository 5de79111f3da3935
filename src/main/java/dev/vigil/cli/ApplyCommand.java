package dev.vigil.cli;

import dev.vigil.VigilApplication;
import dev.vigil.catalog.CatalogFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil apply}: prints the plan for a {@code vigil.yaml} and applies it in one transaction. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Show what FILE changes in the catalog and apply it (all or nothing).")
class ApplyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The vigil.yaml to apply.")
  Path file;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(file)) {
      err.println(file + ": cannot read the file");
      return 1;
    }
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class)
        .web(WebApplicationType.NONE)
        .properties(Map.of(
            "logging.level.root", "warn",
            "vigil.jobs.enabled", "false",
            "spring.main.log-startup-info", "false"))
        .run()) {
      long started = System.nanoTime();
      CatalogFiles.Outcome outcome = context.getBean(CatalogFiles.class).apply(file, dryRun);
      double seconds = (System.nanoTime() - started) / 1e9;
      outcome.problems().forEach(p -> err.println(p.format()));
      if (!outcome.valid()) {
        err.println(outcome.problems().stream().filter(p -> p.severity() == dev.vigil.catalog.Severity.ERROR)
            .count() + " error(s); nothing was applied.");
        return 1;
      }
      out.print(outcome.plan().render());
      if (!outcome.plan().empty()) {
        out.println(dryRun ? "Dry run: nothing was changed." : "Applied.");
      }
      // The file's own cost (read, validate, plan, write, commit), apart from starting the process around it.
      out.printf(java.util.Locale.ROOT, "Read, validated, planned%s in %.2f s.%n",
          dryRun || outcome.plan().empty() ? "" : " and applied", seconds);
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      err.println("vigil apply: " + rootMessage(e) + "; nothing was applied.");
      return 1;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
