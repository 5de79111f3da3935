package dev.vigil.cli;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import dev.vigil.slo.OpenSloException;
import dev.vigil.slo.OpenSloExport;
import dev.vigil.slo.OpenSloImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil slo import|export}: SLOs to and from OpenSLO v1, with what does not carry over listed on stderr. */
@Command(
    name = "slo",
    mixinStandardHelpOptions = true,
    description = "Converts SLOs between vigil.yaml and OpenSLO v1; what does not carry over is listed on stderr.",
    subcommands = {SloCommand.Import.class, SloCommand.Export.class})
class SloCommand {

  /** {@code vigil slo import FILE}: OpenSLO documents as the part of vigil.yaml to add. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Reads OpenSLO v1 documents (SLO, SLI, DataSource, AlertPolicy, AlertCondition, Service) and prints the"
            + " vigil.yaml to add: the prometheus sources and each service's slos.",
        "Lists on stderr every field Vigil leaves out. Exits with 2 when a document cannot be read."
      })
  static class Import implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The OpenSLO file; several documents separated by ---.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      OpenSloImport imported;
      try {
        imported = OpenSloImport.read(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.println(file + ": cannot read the file: " + (Files.exists(file) ? e.getMessage() : "no such file"));
        err.flush();
        return 2;
      } catch (OpenSloException e) {
        err.println(file + ": " + e.getMessage());
        err.flush();
        return 2;
      }
      print(spec, imported.vigilYaml(), imported.lost());
      return 0;
    }
  }

  /** {@code vigil slo export [--config FILE]}: a catalog's SLOs as OpenSLO documents. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the SLOs of a catalog file as OpenSLO v1 documents, with their Prometheus sources and burn-rate"
            + " alert policies. Credentials appear only as the ${ENV} references the file has.",
        "Lists on stderr what OpenSLO cannot carry. Exits with 1 when the catalog file has errors."
      })
  static class Export implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "vigil.yaml",
        description = "The catalog file. Default: ${DEFAULT-VALUE}.")
    Path file;

    @Spec
    CommandSpec spec;

    private final CatalogLoader loader;

    Export() {
      this(CatalogLoader.withSystemEnvironment());
    }

    Export(CatalogLoader loader) {
      this.loader = loader;
    }

    @Override
    public Integer call() {
      LoadResult result = loader.load(file);
      PrintWriter err = spec.commandLine().getErr();
      if (!result.errors().isEmpty()) {
        result.errors().forEach(p -> err.println(p.format()));
        err.println(file + ": the catalog has errors; nothing exported");
        err.flush();
        return 1;
      }
      OpenSloExport exported = OpenSloExport.of(withReferences(result.catalog()));
      print(spec, exported.yaml(), exported.lost());
      return 0;
    }

    /**
     * The catalog read again with each {@code ${ENV}} left as written, so that a credential is exported as its
     * reference and never as its value; the catalog as loaded when that reading fails its checks.
     */
    private Catalog withReferences(Catalog loaded) {
      LoadResult unresolved = CatalogLoader.withEnvironment(name -> "${" + name + "}").load(file);
      return unresolved.errors().isEmpty() ? unresolved.catalog() : loaded;
    }
  }

  private static void print(CommandSpec spec, String text, List<String> lost) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    lost.forEach(line -> err.println("lost: " + line));
    err.flush();
  }
}
