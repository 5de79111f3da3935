package dev.vigil.change;

import dev.vigil.security.ApiPrincipal;
import dev.vigil.web.RequestTimes;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/deploys} and {@code /api/v1/changes}: pipelines record deploys through their phases and other
 * changes with a deployer token scoped to the change's service or team; anyone who may read lists them.
 */
@RestController
class ChangeController {

  /** A replayed request is answered as the first was; this header tells the sender it was a replay. */
  static final String REPLAYED = "Idempotent-Replayed";

  private final ChangeLog changes;

  ChangeController(ChangeLog changes) {
    this.changes = changes;
  }

  /** A phase a pipeline reports for a deploy under way: succeeded, failed or rolled_back, at a time or now. */
  record NewPhase(DeployPhase phase, Instant at) {}

  /**
   * Records a deploy as it starts, or once it is over; the same id and body again is answered the same, another
   * body under the same id is a 409.
   */
  @ApiResponse(responseCode = "201", description = "Recorded, or recorded before with the same body",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The id was recorded with another body")
  @PostMapping("/api/v1/deploys")
  ResponseEntity<ChangeView> deploy(@RequestBody NewDeploy deploy, @AuthenticationPrincipal ApiPrincipal caller) {
    inScope(caller, deploy.service());
    return answer(changes.deploy(deploy, caller.name()));
  }

  /** Moves a deploy on: succeeded, failed or rolled_back; the phase it is in already is answered as it stands. */
  @ApiResponse(responseCode = "409", description = "The deploy has ended otherwise, or was rolled back")
  @PostMapping("/api/v1/deploys/{id}/phases")
  ChangeView phase(@PathVariable String id, @RequestBody NewPhase phase,
      @AuthenticationPrincipal ApiPrincipal caller) {
    inScope(caller, changes.view(id).service());
    return changes.phase(id, phase.phase(), phase.at(), caller.name()).change();
  }

  /** Records a config, feature flag or infrastructure change, idempotent by its id when it has one. */
  @ApiResponse(responseCode = "201", description = "Recorded, or recorded before with the same body",
      useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The id was recorded with another body")
  @PostMapping("/api/v1/changes")
  ResponseEntity<ChangeView> change(@RequestBody NewChange change, @AuthenticationPrincipal ApiPrincipal caller) {
    inScope(caller, change.service());
    return answer(changes.change(change, "api", caller.name()));
  }

  /** One deploy with its commits, phases, outcome, duration and the incidents it is linked to. */
  @GetMapping("/api/v1/deploys/{id}")
  ChangeView deploy(@PathVariable String id) {
    ChangeView change = changes.view(id);
    if (!"deploy".equals(change.kind())) {
      throw new dev.vigil.system.NotFoundException("no deploy with id '" + id + "'; '" + id + "' is a "
          + change.kind() + " change, at /api/v1/changes");
    }
    return change;
  }

  /** Changes newest first, filtered by service, team, environment, outcome, kind and the time they started. */
  @GetMapping("/api/v1/changes")
  List<ChangeView> list(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String kind, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
    return changes.list(ChangeLog.filter(service, team, environment, outcome, kind,
        from == null ? null : RequestTimes.instant("from", from), to == null ? null : RequestTimes.instant("to", to),
        limit));
  }

  /** A deployer token records changes only on the services, and the teams' services, it is scoped to. */
  private void inScope(ApiPrincipal caller, String service) {
    var declared = service == null ? java.util.Optional.<dev.vigil.catalog.Catalog.Service>empty()
        : changes.service(service);
    if (declared.isEmpty()) {
      return; // no such service: the change log refuses it with a 400 naming the field
    }
    if (!caller.mayRecordChangesOn(service, declared.get().team())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "token '" + caller.name() + "' may not record"
          + " changes on service " + service + ": it is scoped to other services and teams");
    }
  }

  private static ResponseEntity<ChangeView> answer(ChangeLog.Recorded recorded) {
    return ResponseEntity.status(HttpStatus.CREATED).header(REPLAYED, Boolean.toString(!recorded.created()))
        .body(recorded.change());
  }
}
