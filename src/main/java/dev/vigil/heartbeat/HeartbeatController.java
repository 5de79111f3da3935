package dev.vigil.heartbeat;

import dev.vigil.heartbeat.HeartbeatRepository.Row;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.security.Role;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heartbeats over the API (viewer role): {@code GET /api/v1/heartbeats} lists them with their state, and their ping
 * URLs to admins; one heartbeat and its recent pings are under its service,
 * {@code /api/v1/services/{service}/heartbeats/{name}}, because {@code /api/v1/heartbeats/...} below the list
 * belongs to the ping URLs.
 */
@RestController
class HeartbeatController {

  /**
   * A heartbeat and where it stands: {@code state} is new (never pinged), up, late (past {@code nextDueAt}, within
   * the grace time) or down; {@code running} after a start signal until the run ends; {@code pingUrl} only for
   * admins, null for others.
   */
  record HeartbeatView(String service, String name, String description, String state, boolean running,
      Duration period, String cron, String timeZone, Duration grace, String severity, Instant lastPingAt,
      String lastPingKind, Instant lastSuccessAt, Double lastDurationSeconds, Instant startedAt, Instant nextDueAt,
      Instant downAt, Instant downSince, String pingUrl) {}

  /** One ping as received; {@code message} is the start of its body. */
  record PingView(Instant at, String kind, Integer exitStatus, Double durationSeconds, String method,
      String remoteAddress, String userAgent, String message, boolean messageTruncated) {}

  private final HeartbeatRepository heartbeats;
  private final PingUrls pingUrls;
  private final Clock clock;

  HeartbeatController(HeartbeatRepository heartbeats, PingUrls pingUrls, Clock clock) {
    this.heartbeats = heartbeats;
    this.pingUrls = pingUrls;
    this.clock = clock;
  }

  @Operation(summary = "Heartbeats with their state, last ping, next due time and ping URL",
      description = "Optionally of one service. Viewer role; pingUrl is null unless the token is an admin's.")
  @GetMapping("/api/v1/heartbeats")
  List<HeartbeatView> list(@RequestParam(required = false) String service,
      @AuthenticationPrincipal ApiPrincipal caller) {
    Instant now = clock.instant();
    return heartbeats.all(service).stream().map(r -> view(r, now, caller)).toList();
  }

  @Operation(summary = "One heartbeat of a service",
      description = "Viewer role; pingUrl is null unless the token is an admin's.")
  @GetMapping("/api/v1/services/{service}/heartbeats/{name}")
  HeartbeatView one(@PathVariable String service, @PathVariable String name,
      @AuthenticationPrincipal ApiPrincipal caller) {
    return view(find(service, name), clock.instant(), caller);
  }

  @Operation(summary = "A heartbeat's most recent pings, newest first",
      description = "limit: 1 to 1000, 50 when absent; Vigil keeps vigil.heartbeat.pings-kept pings. Viewer role.")
  @GetMapping("/api/v1/services/{service}/heartbeats/{name}/pings")
  List<PingView> pings(@PathVariable String service, @PathVariable String name,
      @RequestParam(required = false) String limit) {
    int n = 50;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 1000) {
        throw new InvalidException("limit: expected a whole number from 1 to 1000, got '" + limit + "'");
      }
    }
    return heartbeats.pings(find(service, name).id(), n).stream()
        .map(p -> new PingView(p.at(), p.kind(), p.exitStatus(), seconds(p.durationMs()), p.method(),
            p.remoteAddress(), p.userAgent(), p.body(), p.bodyTruncated()))
        .toList();
  }

  private Row find(String service, String name) {
    return heartbeats.find(service, name).orElseThrow(() -> new NotFoundException(
        "no heartbeat named '" + name + "' in service '" + service + "'"));
  }

  /** The ping URL is a credential: only admins see it, as only they see integration keys. */
  private HeartbeatView view(Row r, Instant now, ApiPrincipal caller) {
    String pingUrl = caller != null && caller.role() == Role.ADMIN ? pingUrls.of(r) : null;
    return new HeartbeatView(r.service(), r.name(), r.spec().description(), r.shownState(now), r.startedAt() != null
        && !"down".equals(r.state()), r.spec().period(), r.spec().cron(), r.spec().cron() == null ? null
        : r.spec().timeZoneOrDefault(), r.spec().graceOrDefault(), r.spec().severityOrDefault(), r.lastPingAt(),
        r.lastPingKind(), r.lastSuccessAt(), seconds(r.lastDurationMs()), r.startedAt(), r.dueAt(), r.deadlineAt(),
        r.downSince(), pingUrl);
  }

  private static Double seconds(Long millis) {
    return millis == null ? null : millis / 1000.0;
  }
}
