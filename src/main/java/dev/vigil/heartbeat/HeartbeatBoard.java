package dev.vigil.heartbeat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Heartbeats as other features' pages show them: a service's, and the heartbeats late or down now. */
@Service
public class HeartbeatBoard {

  /**
   * A heartbeat and where it stands: new (never pinged), up, late (past due, within the grace time) or down;
   * {@code dueAt} is when the next ping was due.
   */
  public record HeartbeatLine(String service, String name, String description, String state, Instant lastPingAt,
      Instant dueAt, Instant downSince) {}

  private final HeartbeatRepository heartbeats;
  private final Clock clock;

  HeartbeatBoard(HeartbeatRepository heartbeats, Clock clock) {
    this.heartbeats = heartbeats;
    this.clock = clock;
  }

  public List<HeartbeatLine> heartbeatsOf(String service) {
    Instant now = clock.instant();
    return heartbeats.all(service).stream().map(r -> line(r, now)).toList();
  }

  /** Heartbeats down, or past their due time now, the longest overdue first. */
  public List<HeartbeatLine> lateOrDown() {
    Instant now = clock.instant();
    return heartbeats.lateOrDown(now).stream().map(r -> line(r, now)).toList();
  }

  private static HeartbeatLine line(HeartbeatRepository.Row r, Instant now) {
    return new HeartbeatLine(r.service(), r.name(), r.spec().description(), r.shownState(now), r.lastPingAt(),
        r.dueAt(), r.downSince());
  }
}
