package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import java.util.List;
import java.util.Map;

/**
 * A catalog's SLOs as OpenSLO v1 documents (DataSource, Service, SLO, AlertPolicy), with a line for every part of
 * the catalog that OpenSLO cannot carry or that only Vigil reads back.
 */
public record OpenSloExport(List<Map<String, Object>> documents, List<String> lost) {

  public OpenSloExport {
    documents = List.copyOf(documents);
    lost = List.copyOf(lost);
  }

  /** The catalog's Prometheus sources and SLOs, never a credential written out. */
  public static OpenSloExport of(Catalog catalog) {
    return new OpenSloWriter().write(catalog);
  }

  /** The documents as one YAML stream, separated by {@code ---}. */
  public String yaml() {
    return documents.isEmpty() ? "" : OpenSloYaml.dumpAll(documents);
  }
}
