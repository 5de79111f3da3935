package dev.vigil.catalog;

import dev.vigil.system.NotFoundException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * One probe of a service over the API, in the catalog file's form: read it, create or replace it, delete it. Only
 * services created through the API can be changed; a file's services are changed in the file (ADR 0003).
 */
@RestController
@RequestMapping("/api/v1/services/{service}/probes/{probe}")
class ServiceProbeController {

  private final CatalogQueries queries;
  private final CatalogEdits edits;

  ServiceProbeController(CatalogQueries queries, CatalogEdits edits) {
    this.queries = queries;
    this.edits = edits;
  }

  /** One probe of a service, as written in vigil.yaml. */
  @GetMapping
  JsonNode get(@PathVariable String service, @PathVariable String probe) {
    Catalog.Service s = queries.one(CatalogKind.SERVICE, service, Catalog.Service.class)
        .orElseThrow(() -> new NotFoundException("no service named '" + service + "'")).object();
    return s.probes().stream().filter(p -> p.name().equals(probe)).findFirst().map(JsonDeclarations::shown)
        .orElseThrow(() -> new NotFoundException("service '" + service + "' has no probe named '" + probe + "'"));
  }

  /** Creates or replaces a probe, written as in vigil.yaml, of a service made through the API. */
  @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The service is managed by a config file")
  @PutMapping
  ResponseEntity<JsonNode> put(@PathVariable String service, @PathVariable String probe, @RequestBody JsonNode body) {
    boolean created = edits.putProbe(service, probe, body);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(get(service, probe));
  }

  /** Deletes a probe of a service made through the API, and its results. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The service is managed by a config file")
  @DeleteMapping
  ResponseEntity<Void> delete(@PathVariable String service, @PathVariable String probe) {
    edits.deleteProbe(service, probe);
    return ResponseEntity.noContent().build();
  }
}
