package dev.vigil.catalog;
public record Problem(Severity severity, String file, int line, int column, String message) {
  public String format() { return file + ":" + line + ":" + column + ": " + (severity == Severity.WARNING ? "warning: " : "") + message; }
}
