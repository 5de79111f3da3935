package dev.vigil.cli;

import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.generate.GeneratedFiles;
import dev.vigil.generate.PrometheusMonitoring;
import dev.vigil.system.InvalidException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil generate prometheus}: the monitoring the catalog implies, written to a folder or checked against it. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generates monitoring configuration from a catalog file.",
    subcommands = {GenerateCommand.Prometheus.class})
class GenerateCommand {

  /** {@code vigil generate prometheus --config FILE --out DIR [--check]}. */
  @Command(
      name = "prometheus",
      mixinStandardHelpOptions = true,
      description = {
        "Writes Prometheus alerting and recording rules per service (rules/), their promtool unit tests (tests/)"
            + " and the scrape configuration (prometheus/) into DIR. The same catalog gives the same bytes.",
        "With --check writes nothing: prints a unified diff and exits with 1 when DIR is stale, exits with 0 when it"
            + " is current. Exits with 2 when the catalog has errors or its monitoring cannot be generated."
      })
  static class Prometheus implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "vigil.yaml",
        description = "The catalog file. Default: ${DEFAULT-VALUE}.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write or check.")
    Path out;

    @Option(names = "--check", description = "Compare DIR with what would be written instead of writing it.")
    boolean check;

    @Option(names = "--vigil-target", paramLabel = "HOST:PORT", defaultValue = "localhost:8080",
        description = "Where Prometheus scrapes Vigil's own /actuator/prometheus. Default: ${DEFAULT-VALUE}.")
    String vigilTarget;

    @Spec
    CommandSpec spec;

    private final CatalogLoader loader;

    Prometheus() {
      this(CatalogLoader.withSystemEnvironment());
    }

    Prometheus(CatalogLoader loader) {
      this.loader = loader;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter out = spec.commandLine().getOut();
      LoadResult result = loader.load(file);
      if (!result.errors().isEmpty()) {
        result.errors().forEach(p -> err.println(p.format()));
        err.println(file + ": the catalog has errors; nothing generated");
        err.flush();
        return 2;
      }
      SortedMap<String, String> files;
      try {
        files = PrometheusMonitoring.files(result.catalog(),
            PrometheusMonitoring.source(file.getFileName().toString(), result.catalog()), vigilTarget);
      } catch (InvalidException e) {
        e.problems().forEach(p -> err.println(file + ": " + p));
        err.flush();
        return 2;
      }
      if (check) {
        String diff = GeneratedFiles.diff(this.out, files);
        out.print(diff);
        out.flush();
        if (!diff.isEmpty()) {
          err.println(this.out + " is stale; run vigil generate prometheus --config " + file + " --out " + this.out);
          err.flush();
          return 1;
        }
        err.println(this.out + " is current (" + files.size() + " files)");
        err.flush();
        return 0;
      }
      GeneratedFiles.write(this.out, files);
      err.println("wrote " + files.size() + " files to " + this.out);
      err.flush();
      return 0;
    }
  }
}
