package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Mapping;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a catalog file ({@code vigil.yaml}): parses it safely, fills in {@code ${...}} references, checks
 * it against the format and across entries, reads the runbooks beside it, and returns either the catalog or every
 * problem found.
 */
public final class CatalogLoader {

  /** A warning about a declared object, from a check that needs more than the catalog package (on-call gaps). */
  public record Finding(CatalogKind kind, String name, String message) {}

  private final Function<String, String> environment;
  private final List<Function<Catalog, List<Finding>>> checks;

  private CatalogLoader(Function<String, String> environment) {
    this(environment, List.of());
  }

  private CatalogLoader(Function<String, String> environment, List<Function<Catalog, List<Finding>>> checks) {
    this.environment = Objects.requireNonNull(environment);
    this.checks = List.copyOf(checks);
  }

  /**
   * A loader that also runs {@code check} on a catalog without errors; each finding is reported as a warning at the
   * declaration of the object it names.
   */
  public CatalogLoader withCheck(Function<Catalog, List<Finding>> check) {
    List<Function<Catalog, List<Finding>>> all = new java.util.ArrayList<>(checks);
    all.add(check);
    return new CatalogLoader(environment, all);
  }

  /** A loader that fills in {@code ${VAR}} from the given lookup, which returns null for an unset variable. */
  public static CatalogLoader withEnvironment(Function<String, String> environment) {
    return new CatalogLoader(environment);
  }

  /** A loader that fills in {@code ${VAR}} from the process environment. */
  public static CatalogLoader withSystemEnvironment() {
    return new CatalogLoader(System::getenv);
  }

  /**
   * Loads a file; problems are reported under the path as given. Relative {@code ${file:...}} paths are
   * resolved against the file's directory.
   */
  public LoadResult load(Path file) {
    String name = file.toString();
    Problems problems = new Problems(name);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > YamlReader.MAX_CODE_POINTS) {
        problems.fileError("the file is larger than " + YamlReader.MAX_CODE_POINTS / (1024 * 1024)
            + " MiB; refusing to read it");
        return new LoadResult(null, problems.sorted());
      }
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte order mark some Windows editors write
      }
      Path dir = file.toAbsolutePath().getParent();
      return load(name, text, dir == null ? Path.of("") : dir);
    } catch (CharacterCodingException e) {
      problems.fileError("cannot read the file: it is not UTF-8 text");
    } catch (NoSuchFileException e) {
      problems.fileError("cannot read the file: no such file");
    } catch (AccessDeniedException e) {
      problems.fileError("cannot read the file: permission denied");
    } catch (IOException e) {
      problems.fileError("cannot read the file: " + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
    }
    return new LoadResult(null, problems.sorted());
  }

  /** Loads YAML text; {@code fileName} is only used in problems. */
  public LoadResult load(String fileName, String yaml) {
    return load(fileName, yaml, Path.of("").toAbsolutePath());
  }

  /**
   * Checks a whole catalog's tree against the format and across entries; the API checks its edits with this too, so
   * that both accept the same catalogs. The declared names, for placing later findings.
   */
  static Names check(YamlValue root, Problems problems) {
    Names names = new Names();
    new SchemaValidator(problems, names).validateDocument(root, CatalogSchema.ROOT);
    names.resolve(problems);
    if (root instanceof Mapping mapping) {
      new CatalogChecks(problems, names).check(mapping);
    }
    return names;
  }

  private LoadResult load(String fileName, String yaml, Path baseDirectory) {
    Problems problems = new Problems(fileName);
    YamlValue parsed = YamlReader.read(yaml, problems);
    if (parsed == null) {
      return new LoadResult(null, problems.sorted());
    }
    YamlValue root = new Interpolator(environment, baseDirectory).interpolate(parsed, problems);
    Names names = check(root, problems);
    RunbookFiles.Read runbooks = RunbookFiles.read(root, baseDirectory, fileName, problems);
    Catalog catalog = problems.hasErrors() || runbooks.hasErrors() ? null
        : runbooks.attach(CatalogBinder.bind((Mapping) root));
    if (catalog != null) {
      for (Function<Catalog, List<Finding>> check : checks) {
        for (Finding f : check.apply(catalog)) {
          YamlValue.Mark mark = names.markOf(Kind.valueOf(f.kind().name()), f.name());
          if (mark != null) {
            problems.warning(mark, f.message());
          }
        }
      }
    }
    List<Problem> all = new java.util.ArrayList<>(problems.sorted());
    all.addAll(runbooks.problems());
    return new LoadResult(catalog, all);
  }
}
