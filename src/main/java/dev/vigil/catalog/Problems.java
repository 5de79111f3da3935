package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Mark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects the problems of one file as the loader's stages find them, so none stops at the first. */
final class Problems {

  private final String file;
  private final List<Problem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void error(Mark mark, String message) {
    found.add(new Problem(Severity.ERROR, file, mark.line(), mark.column(), message));
  }

  void warning(Mark mark, String message) {
    found.add(new Problem(Severity.WARNING, file, mark.line(), mark.column(), message));
  }

  /** A problem with the file as a whole, such as one that cannot be read. */
  void fileError(String message) {
    found.add(new Problem(Severity.ERROR, file, 0, 0, message));
  }

  boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /**
   * The problems in file order. Content reached through a YAML alias is checked once per use, so the
   * same problem at the same place is listed once.
   */
  List<Problem> sorted() {
    List<Problem> unique = new ArrayList<>(new LinkedHashSet<>(found));
    unique.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return unique;
  }
}
