package dev.vigil.probe;

import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;

/** Probes for tests, written in the catalog's own format and loaded (and so validated) like a file. */
final class TestProbes {

  private TestProbes() {}

  /** The probe whose YAML (indented by two, as one list item's keys) is given, on a service named web. */
  static Catalog.Probe probe(String yaml) {
    String indented = yaml.stripIndent().lines().map(l -> "        " + l).reduce("", (a, b) -> a + b + "\n");
    Catalog catalog = TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: web
            team: web
            tier: 3
            probes:
              - name: test
        """ + indented);
    return catalog.services().getFirst().probes().getFirst();
  }
}
