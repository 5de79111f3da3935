package dev.vigil.probe;

import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.InvalidException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * The hub's side of remote agents ({@code vigil agent}): an agent fetches the probes assigned to its token's location
 * and posts their results in batches, which are queued for the node that runs each probe. See ADR 0011.
 */
@RestController
@RequestMapping("/api/v1/agent")
class AgentController {

  /** Results per request; an agent posts about once a second, so this is far above need. */
  static final int MAX_BATCH = 1000;
  /** A result dated further ahead than this is refused: the agent's clock is wrong, and uptime would be too. */
  static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
  static final int MAX_MESSAGE = 2000;

  private final ProbeRepository probes;
  private final AgentResultQueue queue;
  private final AgentLocations locations;
  private final Clock clock;

  AgentController(ProbeRepository probes, AgentResultQueue queue, AgentLocations locations, Clock clock) {
    this.probes = probes;
    this.queue = queue;
    this.locations = locations;
    this.clock = clock;
  }

  /** A probe as an agent runs it: its id, service and declaration in the catalog's own (snake_case) form. */
  record AssignedProbe(long id, String service, String name, JsonNode spec) {}

  record Assignment(String location, List<AssignedProbe> probes) {}

  /** The probes assigned to the token's location, in the catalog's own form, for the agent to run. */
  @GetMapping("/probes")
  Assignment probes(@AuthenticationPrincipal ApiPrincipal agent) {
    locations.seen(agent.location(), clock.instant());
    List<AssignedProbe> out = new ArrayList<>();
    for (ProbeRepository.ProbeRow row : probes.assignedTo(agent.location())) {
      ProbeDefinition d = row.definition();
      out.add(new AssignedProbe(d.id(), d.service(), d.name(), ProbeRepository.SPEC.valueToTree(d.spec())));
    }
    return new Assignment(agent.location(), out);
  }

  /** One result as an agent posts it. */
  record PostedResult(Long probeId, Instant at, Boolean success, Double durationMs, String message,
      Instant certExpiry) {}

  record PostedResults(List<PostedResult> results) {}

  record Accepted(int accepted) {}

  /** Takes up to 1000 results of probes assigned to the token's location, queued for the node that runs each. */
  @ApiResponse(responseCode = "202", description = "Queued", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "403", description = "The token is not an agent's, or a result is of a probe not"
      + " assigned to its location")
  @PostMapping("/results")
  ResponseEntity<Accepted> results(@RequestBody PostedResults body, @AuthenticationPrincipal ApiPrincipal agent) {
    if (body == null || body.results() == null || body.results().isEmpty()) {
      throw new InvalidException("'results' must list at least one result");
    }
    if (body.results().size() > MAX_BATCH) {
      throw new InvalidException("at most " + MAX_BATCH + " results per request, got " + body.results().size());
    }
    Map<Long, ProbeDefinition> assigned = new HashMap<>();
    for (ProbeRepository.ProbeRow row : probes.assignedTo(agent.location())) {
      assigned.put(row.definition().id(), row.definition());
    }
    Instant latest = clock.instant().plus(MAX_CLOCK_AHEAD);
    List<AgentResultQueue.Queued> queued = new ArrayList<>();
    for (int i = 0; i < body.results().size(); i++) {
      PostedResult r = body.results().get(i);
      String where = "results[" + i + "]";
      if (r == null || r.probeId() == null || r.at() == null || r.success() == null || r.durationMs() == null) {
        throw new InvalidException(where + " needs probeId, at, success and durationMs");
      }
      if (r.durationMs() < 0 || r.durationMs().isNaN() || r.durationMs() > Duration.ofHours(1).toMillis()) {
        throw new InvalidException(where + ".durationMs must be between 0 and 3600000, got " + r.durationMs());
      }
      if (r.at().isAfter(latest)) {
        throw new InvalidException(where + ".at " + r.at() + " is in the future; check the agent's clock");
      }
      if (r.message() != null && r.message().length() > MAX_MESSAGE) {
        throw new InvalidException(where + ".message is longer than " + MAX_MESSAGE + " characters");
      }
      if (!assigned.containsKey(r.probeId())) {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, where + ": probe " + r.probeId()
            + " is not assigned to location " + agent.location());
      }
      queued.add(new AgentResultQueue.Queued(r.probeId(), new ProbeResult(r.at(), r.success(),
          Duration.ofNanos(Math.round(r.durationMs() * 1_000_000)), r.message(), r.certExpiry(), agent.location())));
    }
    queue.add(queued);
    locations.seen(agent.location(), clock.instant());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(queued.size()));
  }
}
