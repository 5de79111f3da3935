package dev.vigil.intake;

import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.IngestOutcome;
import dev.vigil.incident.IngestedAlert;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The alert intake routes keyed by an integration's key in the path: Alertmanager's and Grafana's webhooks and
 * Vigil's generic events. The key is the credential, so these routes need no token. A key works on every route,
 * whatever its integration's declared type, because teams point several tools at one integration.
 */
@RestController
@RequestMapping("/api/v1/integrations/{key}")
class IntakeController {

  private static final Logger log = LoggerFactory.getLogger(IntakeController.class);

  private final CatalogQueries catalog;
  private final AlertIntake intake;

  IntakeController(CatalogQueries catalog, AlertIntake intake) {
    this.catalog = catalog;
    this.intake = intake;
  }

  /**
   * What was stored: how many alert events, the incidents they are in (each once, in the order of the events,
   * without resolves of alerts Vigil never saw), and each event's fingerprint in the order of the request.
   */
  record Accepted(int accepted, List<Long> incidents, List<String> fingerprints) {}

  private static final String UNKNOWN_KEY = "unknown integration key";

  static final String RATE_LIMITED = "Over the integration's rate_limit; nothing was stored. Retry after Retry-After"
      + " seconds";

  // The body is read as it came and parsed here, whatever its Content-Type, so that a malformed payload gets a
  // problem naming where it is, unknown fields of third-party payloads are ignored, and JSON sent with curl's
  // default form type (or any other) is read as JSON: these routes take nothing else.

  @Operation(summary = "Alertmanager webhook, payload version 4", description = "No token: the integration key is the credential."
      + " See docs/api/events.md.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
      responses = {
          @ApiResponse(responseCode = "202", description = "Stored, every alert of the request",
              content = @Content(schema = @Schema(implementation = Accepted.class))),
          @ApiResponse(responseCode = "429", description = RATE_LIMITED)})
  @PostMapping("/alertmanager")
  ResponseEntity<Accepted> alertmanager(@PathVariable String key, @Parameter(hidden = true) InputStream body) {
    return take(key, body, AlertmanagerWebhook.SOURCE, AlertmanagerWebhook::read);
  }

  @Operation(summary = "Grafana unified alerting webhook", description = "No token: the integration key is the credential."
      + " See docs/api/events.md.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
      responses = {
          @ApiResponse(responseCode = "202", description = "Stored, every alert of the request",
              content = @Content(schema = @Schema(implementation = Accepted.class))),
          @ApiResponse(responseCode = "429", description = RATE_LIMITED)})
  @PostMapping("/grafana")
  ResponseEntity<Accepted> grafana(@PathVariable String key, @Parameter(hidden = true) InputStream body) {
    return take(key, body, GrafanaWebhook.SOURCE, GrafanaWebhook::read);
  }

  @Operation(summary = "Vigil's generic events: one event, or several in events", description = "No token: the integration key is the credential."
      + " See docs/api/events.md.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
      responses = {
          @ApiResponse(responseCode = "202", description = "Stored, every alert of the request",
              content = @Content(schema = @Schema(implementation = Accepted.class))),
          @ApiResponse(responseCode = "429", description = RATE_LIMITED)})
  @PostMapping("/events")
  ResponseEntity<Accepted> events(@PathVariable String key, @Parameter(hidden = true) InputStream body) {
    return take(key, body, GenericEvents.SOURCE, GenericEvents::read);
  }

  private ResponseEntity<Accepted> take(String key, InputStream body, String source,
      Function<JsonNode, List<AlertEvent>> adapter) {
    KnownIntegration integration = catalog.integrationByKey(key).orElseThrow(() -> {
      intake.rejected(source, "unknown_key");
      // Says nothing more: not whether the key exists in another form, nor anything about other integrations.
      return new NotFoundException(UNKNOWN_KEY);
    });
    List<AlertEvent> events;
    try {
      events = adapter.apply(PayloadReader.parse(PayloadReader.read(body)));
    } catch (InvalidPayloadException e) {
      // The sender is misconfigured and will not say so to anyone: the operator finds out here.
      log.warn("Refused an invalid {} payload for integration '{}': {}", source, integration.integration().name(),
          StorableText.printable(e.getMessage()));
      intake.rejected(source, "invalid");
      throw e;
    }
    List<IngestedAlert> ingested = switch (intake.accept(integration, source, events)) {
      case IngestOutcome.Accepted accepted -> accepted.alerts();
      case IngestOutcome.Unroutable unroutable -> throw new InvalidException(unroutable.reason());
      // Deleted while this request was being stored: a 404, as for any unknown key.
      case IngestOutcome.IntegrationGone gone -> throw new NotFoundException(UNKNOWN_KEY);
    };
    List<Long> incidents = List.copyOf(ingested.stream().map(IngestedAlert::incidentId).filter(Objects::nonNull)
        .collect(Collectors.toCollection(LinkedHashSet::new)));
    return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(new Accepted(ingested.size(),
        incidents, ingested.stream().map(IngestedAlert::fingerprint).toList()));
  }

  @ExceptionHandler(InvalidPayloadException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidPayloadException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The payload is invalid and nothing of it was stored: " + e.getMessage());
    problem.setProperty("errors", e.problems());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(RateLimitedException.class)
  ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
  }
}
