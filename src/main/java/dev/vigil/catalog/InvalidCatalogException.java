package dev.vigil.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A config file that does not validate; its message lists every error as {@code FILE:LINE:COL: message}. */
public class InvalidCatalogException extends RuntimeException {

  public InvalidCatalogException(Path file, List<Problem> problems) {
    super(file + " is not valid:\n" + problems.stream().filter(p -> p.severity() == Severity.ERROR)
        .map(Problem::format).collect(Collectors.joining("\n")));
  }
}
