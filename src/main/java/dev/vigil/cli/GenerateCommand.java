package dev.vigil.cli;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.generate.AlertmanagerConfig;
import dev.vigil.generate.GeneratedFiles;
import dev.vigil.generate.GrafanaDashboards;
import dev.vigil.generate.PrometheusMonitoring;
import dev.vigil.system.InvalidException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil generate prometheus|alertmanager|grafana|all}: the monitoring the catalog implies, written to a folder or
 * checked against it.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generates monitoring configuration from a catalog file.",
    subcommands = {GenerateCommand.Prometheus.class, GenerateCommand.Alertmanager.class, GenerateCommand.Grafana.class,
      GenerateCommand.All.class})
class GenerateCommand {

  private static final String CHECK = "With --check writes nothing: prints a unified diff and exits with 1 when DIR is"
      + " stale, exits with 0 when it is current. Exits with 2 when the catalog has errors or its monitoring cannot"
      + " be generated.";

  /** {@code vigil generate prometheus --config FILE --out DIR [--check]}. */
  @Command(
      name = "prometheus",
      mixinStandardHelpOptions = true,
      description = {
        "Writes Prometheus alerting and recording rules per service (rules/), their promtool unit tests (tests/)"
            + " and the scrape configuration (prometheus/) into DIR. The same catalog gives the same bytes.",
        CHECK
      })
  static class Prometheus extends Generation {

    @Override
    SortedMap<String, String> files(Catalog catalog, String source) {
      return PrometheusMonitoring.files(catalog, source, vigilTarget);
    }
  }

  /** {@code vigil generate alertmanager --config FILE --out DIR [--check]}. */
  @Command(
      name = "alertmanager",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the Alertmanager configuration (alertmanager/alertmanager.yml: routes by team and service to Vigil,"
            + " inhibit rules from the dependencies) and its amtool route tests (alertmanager/routes.test) into DIR.",
        CHECK
      })
  static class Alertmanager extends Generation {

    @Override
    SortedMap<String, String> files(Catalog catalog, String source) {
      return AlertmanagerConfig.files(catalog, source, vigilUrl);
    }
  }

  /** {@code vigil generate grafana --config FILE --out DIR [--check]}. */
  @Command(
      name = "grafana",
      mixinStandardHelpOptions = true,
      description = {
        "Writes Grafana dashboards (grafana/dashboards/: one per service, the SLOs, an overview by tier) and their"
            + " provisioning (grafana/provisioning/) into DIR.",
        CHECK
      })
  static class Grafana extends Generation {

    @Override
    SortedMap<String, String> files(Catalog catalog, String source) {
      return GrafanaDashboards.files(catalog, source);
    }
  }

  /** {@code vigil generate all --config FILE --out DIR [--check]}: every generator into one folder. */
  @Command(
      name = "all",
      mixinStandardHelpOptions = true,
      description = {"Writes what generate prometheus, alertmanager and grafana write into DIR.", CHECK})
  static class All extends Generation {

    @Override
    SortedMap<String, String> files(Catalog catalog, String source) {
      SortedMap<String, String> files = new TreeMap<>(PrometheusMonitoring.files(catalog, source, vigilTarget));
      files.putAll(AlertmanagerConfig.files(catalog, source, vigilUrl));
      files.putAll(GrafanaDashboards.files(catalog, source));
      return files;
    }
  }

  /** What every generator shares: the catalog read, the files written or checked. */
  abstract static class Generation implements Callable<Integer> {

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

    @Option(names = "--vigil-url", paramLabel = "URL", defaultValue = "http://localhost:8080",
        description = "The base URL Alertmanager sends alerts to Vigil at. Default: ${DEFAULT-VALUE}.")
    String vigilUrl;

    @Spec
    CommandSpec spec;

    private final CatalogLoader loader;

    Generation() {
      this(CatalogLoader.withSystemEnvironment());
    }

    Generation(CatalogLoader loader) {
      this.loader = loader;
    }

    abstract SortedMap<String, String> files(Catalog catalog, String source);

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
        files = files(result.catalog(), PrometheusMonitoring.source(file.getFileName().toString(), result.catalog()));
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
          err.println(this.out + " is stale; run vigil generate " + spec.name() + " --config " + file + " --out "
              + this.out);
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
