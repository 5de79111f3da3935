package dev.vigil.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.change.ChangeLog;
import dev.vigil.change.NewChange;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.IngestOutcome;
import dev.vigil.system.InvalidException;
import dev.vigil.web.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's Events API v2 at {@code POST /v2/enqueue}, answering as PagerDuty does, so that any PagerDuty client
 * (Alertmanager's {@code pagerduty_configs}, Grafana's PagerDuty contact point, SDKs) can send to Vigil by changing
 * only the URL. The {@code routing_key} is the key of a Vigil integration of any type. PagerDuty's Change Events at
 * {@code POST /v2/change/enqueue} likewise, recorded in the change log on the integration's service.
 */
@RestController
class PagerDutyController {

  private static final Logger log = LoggerFactory.getLogger(PagerDutyController.class);

  private final CatalogQueries catalog;
  private final AlertIntake intake;
  private final ChangeLog changes;
  private final RateLimits rateLimits;
  private final Clock clock;

  PagerDutyController(CatalogQueries catalog, AlertIntake intake, ChangeLog changes, RateLimits rateLimits,
      Clock clock) {
    this.catalog = catalog;
    this.intake = intake;
    this.changes = changes;
    this.rateLimits = rateLimits;
    this.clock = clock;
  }

  /** PagerDuty's answer: status and message always, the dedup key when accepted, errors when not. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(String status, String message, @JsonProperty("dedup_key") String dedupKey, List<String> errors) {
    static Answer invalid(List<String> errors) {
      return new Answer("invalid event", "Event object is invalid", null, errors);
    }
  }

  @Operation(summary = "PagerDuty Events API v2: trigger, acknowledge or resolve an alert by dedup_key",
      description = "No token: routing_key is a Vigil integration key. See docs/api/events.md.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
      responses = {
          @ApiResponse(responseCode = "202", description = "Event processed",
              content = @Content(schema = @Schema(implementation = Answer.class))),
          @ApiResponse(responseCode = "400", description = "Invalid event, or invalid routing key",
              content = @Content(schema = @Schema(implementation = Answer.class))),
          @ApiResponse(responseCode = "429", description = IntakeController.RATE_LIMITED,
              content = @Content(schema = @Schema(implementation = Answer.class)))})
  @PostMapping("/v2/enqueue")
  ResponseEntity<Answer> enqueue(@Parameter(hidden = true) InputStream body) {
    // Read as it came, whatever its Content-Type: PagerDuty's clients and curl -d do not all send application/json.
    JsonNode json = PayloadReader.parse(PayloadReader.read(body));
    String key = PagerDutyEvent.routingKey(json);
    Optional<KnownIntegration> integration = key == null ? Optional.empty() : catalog.integrationByKey(key);
    if (key != null && integration.isEmpty()) {
      intake.rejected(PagerDutyEvent.SOURCE, "unknown_key");
      return invalidRoutingKey();
    }
    // Without a usable routing key this throws, naming routing_key among the other problems.
    AlertEvent event;
    try {
      event = PagerDutyEvent.read(json, Fingerprints::newDedupKey);
    } catch (InvalidPayloadException e) {
      integration.ifPresent(i -> log.warn("Refused an invalid PagerDuty event for integration '{}': {}",
          i.integration().name(), StorableText.printable(e.getMessage())));
      throw e;
    }
    return switch (intake.accept(integration.orElseThrow(), PagerDutyEvent.SOURCE, List.of(event))) {
      case IngestOutcome.Accepted accepted -> ResponseEntity.status(HttpStatus.ACCEPTED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(new Answer("success", "Event processed", event.fingerprint(), null));
      case IngestOutcome.Unroutable unroutable -> ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
          .body(Answer.invalid(List.of(unroutable.reason())));
      // Deleted while this event was being stored: the answer an unknown key gets.
      case IngestOutcome.IntegrationGone gone -> invalidRoutingKey();
    };
  }

  @Operation(summary = "PagerDuty Change Events: record a change (a deploy when it names a revision) on the"
      + " integration's service", description = "No token: routing_key is a Vigil integration key. See docs/changes.md.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
      responses = {
          @ApiResponse(responseCode = "202", description = "Change event processed",
              content = @Content(schema = @Schema(implementation = Answer.class))),
          @ApiResponse(responseCode = "400", description = "Invalid event, or invalid routing key",
              content = @Content(schema = @Schema(implementation = Answer.class))),
          @ApiResponse(responseCode = "429", description = IntakeController.RATE_LIMITED,
              content = @Content(schema = @Schema(implementation = Answer.class)))})
  @PostMapping("/v2/change/enqueue")
  ResponseEntity<Answer> enqueueChange(@Parameter(hidden = true) InputStream body) {
    JsonNode json = PayloadReader.parse(PayloadReader.read(body));
    String key = PagerDutyEvent.routingKey(json);
    Optional<KnownIntegration> integration = key == null ? Optional.empty() : catalog.integrationByKey(key);
    if (key != null && integration.isEmpty()) {
      intake.rejected(PagerDutyChangeEvent.SOURCE, "unknown_key");
      return invalidRoutingKey();
    }
    // Without a usable routing key this throws, naming routing_key among the other problems.
    String service = integration.map(i -> i.integration().service()).orElse(null);
    NewChange change = PagerDutyChangeEvent.read(json, service, clock.instant());
    KnownIntegration known = integration.orElseThrow();
    rateLimits.take(known.id(), known.integration().name(), known.integration().rateLimitOrDefault(), 1);
    try {
      changes.change(change, PagerDutyChangeEvent.SOURCE, "integration " + known.integration().name());
    } catch (InvalidException e) {
      rateLimits.giveBack(known.id(), 1);
      intake.rejected(PagerDutyChangeEvent.SOURCE, "invalid");
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
          .body(Answer.invalid(e.problems()));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
        .body(new Answer("success", "Change event processed", null, null));
  }

  private static ResponseEntity<Answer> invalidRoutingKey() {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(Answer.invalid(List.of("Invalid routing key")));
  }

  @ExceptionHandler(InvalidPayloadException.class)
  ResponseEntity<Answer> invalid(InvalidPayloadException e) {
    intake.rejected(PagerDutyEvent.SOURCE, "invalid");
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Answer.invalid(e.problems()));
  }

  @ExceptionHandler(RateLimitedException.class)
  ResponseEntity<Answer> rateLimited(RateLimitedException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new Answer("throttled", "Request limit exceeded; retry later", null, List.of(e.getMessage())));
  }
}
