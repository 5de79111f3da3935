package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.InvalidException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Running an incident through the API: mitigate, severity, roles, responders, merge, split and status updates.
 * Every action is recorded with the caller's token name and
 * the channel {@code api}.
 */
@RestController
class IncidentOperationsController {

  private static final String CHANNEL = "api";

  private final IncidentOperations operations;
  private final StatusUpdates statusUpdates;
  private final IncidentDetails incidents;

  IncidentOperationsController(IncidentOperations operations, StatusUpdates statusUpdates,
      IncidentDetails incidents) {
    this.operations = operations;
    this.statusUpdates = statusUpdates;
    this.incidents = incidents;
  }

  /** A severity change: both fields are required. */
  record SeverityChange(String severity, String reason) {}

  /** A role given to a user. */
  record RoleAssignment(String role, String user) {}

  /** People to page now, with an optional message for the timeline. */
  record ResponderRequest(List<Catalog.Target> targets, String message) {}

  /** Incidents to merge into the one in the path. */
  record MergeRequest(List<Long> incidents) {}

  /** Alerts to move to a new incident, on {@code service} (default: the same) with {@code title}. */
  record SplitRequest(List<Long> alerts, String service, String title) {}

  /** A written update to stakeholders. */
  record StatusUpdateRequest(String message) {}

  /** The new incident of a split. */
  record Split(long incident, long splitFrom) {}

  /** Marks the incident mitigated: the impact is over, the cause may not be fixed yet. */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The incident is resolved")
  @PostMapping("/api/v1/incidents/{id}/mitigate")
  IncidentController.IncidentDetail mitigate(@PathVariable long id, @AuthenticationPrincipal ApiPrincipal caller) {
    operations.mitigate(id, caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Changes the incident's severity by hand, with the reason, which goes on the timeline. */
  @PostMapping("/api/v1/incidents/{id}/severity")
  IncidentController.IncidentDetail severity(@PathVariable long id, @RequestBody(required = false) SeverityChange body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    if (body == null) {
      throw new InvalidException("body: {\"severity\": ..., \"reason\": ...}");
    }
    operations.changeSeverity(id, body.severity(), body.reason(), caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Gives a role on the incident (commander, communications or scribe) to a user of the catalog. */
  @PostMapping("/api/v1/incidents/{id}/roles")
  IncidentController.IncidentDetail assignRole(@PathVariable long id,
      @RequestBody(required = false) RoleAssignment body, @AuthenticationPrincipal ApiPrincipal caller) {
    if (body == null) {
      throw new InvalidException("body: {\"role\": \"commander\", \"user\": ...}");
    }
    operations.assignRole(id, body.role(), body.user(), caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Takes a role on the incident back from whoever holds it. */
  @DeleteMapping("/api/v1/incidents/{id}/roles/{role}")
  IncidentController.IncidentDetail removeRole(@PathVariable long id, @PathVariable String role,
      @AuthenticationPrincipal ApiPrincipal caller) {
    operations.removeRole(id, role, caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Pages more people now (users, teams, or whoever a schedule has on call), with an optional message. */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The incident is resolved")
  @PostMapping("/api/v1/incidents/{id}/responders")
  IncidentController.IncidentDetail responders(@PathVariable long id,
      @RequestBody(required = false) ResponderRequest body, @AuthenticationPrincipal ApiPrincipal caller) {
    operations.requestResponders(id, body == null ? null : body.targets(), body == null ? null : body.message(),
        caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Merges other open incidents into this one: their alerts move here and they are resolved as merged. */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "This incident or one to merge is resolved")
  @PostMapping("/api/v1/incidents/{id}/merge")
  IncidentController.IncidentDetail merge(@PathVariable long id, @RequestBody(required = false) MergeRequest body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    operations.merge(id, body == null ? null : body.incidents(), caller.name(), CHANNEL);
    return incidents.detail(id);
  }

  /** Moves some of the incident's alerts to a new incident. */
  @ApiResponse(responseCode = "201", description = "The new incident", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The incident is resolved")
  @PostMapping("/api/v1/incidents/{id}/split")
  @ResponseStatus(HttpStatus.CREATED)
  Split split(@PathVariable long id, @RequestBody(required = false) SplitRequest body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    if (body == null) {
      throw new InvalidException("body: {\"alerts\": [alert ids], \"service\": optional, \"title\": optional}");
    }
    return new Split(operations.split(id, body.alerts(), body.service(), body.title(), caller.name(), CHANNEL), id);
  }

  /** Posts a written status update, sent at once to the incident's stakeholders. */
  @PostMapping("/api/v1/incidents/{id}/status-updates")
  @ResponseStatus(HttpStatus.CREATED)
  StatusUpdates.View statusUpdate(@PathVariable long id, @RequestBody(required = false) StatusUpdateRequest body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    return statusUpdates.post(id, body == null ? null : body.message(), caller.name(), CHANNEL);
  }

  /** The incident's status updates, oldest first. */
  @GetMapping("/api/v1/incidents/{id}/status-updates")
  List<StatusUpdates.View> statusUpdates(@PathVariable long id) {
    return statusUpdates.list(id);
  }
}
