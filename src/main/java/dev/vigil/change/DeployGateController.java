package dev.vigil.change;

import dev.vigil.security.ApiPrincipal;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/services/{name}/deploy-gate}: whether the service may be deployed now and why not, and the override
 * a deployer scoped to the service (or an admin) records to go ahead anyway.
 */
@RestController
class DeployGateController {

  private final DeployGate gate;
  private final ChangeLog changes;

  DeployGateController(DeployGate gate, ChangeLog changes) {
    this.gate = gate;
    this.changes = changes;
  }

  /** A request to deploy despite a blocked gate. */
  record OverrideRequest(String reason) {}

  /** Allowed or blocked, with every reason: change freezes, open SEV1/SEV2 incidents upstream, the error budget. */
  @GetMapping("/api/v1/services/{name}/deploy-gate")
  DeployGate.Answer gate(@PathVariable String name) {
    return gate.check(name);
  }

  /** Records an override of the blocked gate: the service's next production deploy within the hour goes through. */
  @ApiResponse(responseCode = "200", description = "Recorded: the gate as it answers now", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The gate is open: there is nothing to override")
  @PostMapping("/api/v1/services/{name}/deploy-gate/override")
  DeployGate.Answer override(@PathVariable String name, @RequestBody OverrideRequest request,
      @AuthenticationPrincipal ApiPrincipal caller) {
    changes.service(name).ifPresent(s -> {
      if (!caller.mayRecordChangesOn(name, s.team())) {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "token '" + caller.name() + "' may not override"
            + " the deploy gate of service " + name + ": it is scoped to other services and teams");
      }
    });
    return gate.override(name, request == null ? null : request.reason(), caller.name());
  }
}
