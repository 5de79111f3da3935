package dev.vigil.catalog;

import dev.vigil.web.Formats;

/**
 * One thing wrong with a catalog file, at the line and column (both 1-based) of the node it is about.
 *
 * <p>A line of 0 means the problem concerns the whole file (it could not be read, for example).
 */
public record Problem(Severity severity, String file, int line, int column, String message) {

  /** Formats the problem the way compilers do, so editors and CI logs can jump to it. */
  public String format() {
    String where = line > 0 ? file + ":" + line + ":" + column + ": " : file + ": ";
    return where + (severity == Severity.WARNING ? "warning: " : "") + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
