package dev.vigil.catalog;

import java.util.List;

/**
 * The outcome of loading a catalog file: the catalog when there are no errors (else null) and every
 * problem found, errors and warnings, in file order.
 */
public record LoadResult(Catalog catalog, List<Problem> problems) {

  public LoadResult {
    problems = List.copyOf(problems);
  }

  /** True when the file has no errors; warnings do not count. */
  public boolean ok() {
    return errors().isEmpty();
  }

  public List<Problem> errors() {
    return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
  }
}
