package dev.vigil.catalog;

/** How bad a {@link Problem} is: errors make a catalog unusable, warnings only point at risks. */
public enum Severity {
  ERROR,
  WARNING
}
