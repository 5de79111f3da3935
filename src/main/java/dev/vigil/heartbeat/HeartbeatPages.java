package dev.vigil.heartbeat;

import dev.vigil.heartbeat.HeartbeatRepository.Row;
import dev.vigil.security.SignedIn;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The heartbeats pages: every heartbeat with its state, schedule, grace and last ping, and one heartbeat with its
 * recent pings and the line a job runs to ping it. The ping URL carries the heartbeat's token, so only admins see
 * it, as in the API and as integration keys on the integrations pages.
 */
@UiController
class HeartbeatPages {

  /** Pings shown on a heartbeat's page, newest first. */
  static final int PINGS_SHOWN = 50;

  /**
   * A heartbeat as the pages show it: {@code state} is new (never pinged), up, late or down; {@code maintenance}
   * when a window of its service holds its alerts now; {@code schedule} its period or cron; {@code pingUrl} null
   * unless the reader is an admin.
   */
  record HeartbeatView(String service, String name, String description, String state, boolean maintenance,
      String schedule, String grace, Instant lastPingAt, String lastPingKind, Instant dueAt, Instant downSince,
      String pingUrl) {

    /** The state in words: "never pinged" rather than new. */
    public String stateLabel() {
      return state.equals("new") ? "never pinged" : state;
    }
  }

  private final HeartbeatRepository heartbeats;
  private final HeartbeatMaintenance maintenance;
  private final PingUrls pingUrls;
  private final Clock clock;

  HeartbeatPages(HeartbeatRepository heartbeats, HeartbeatMaintenance maintenance, PingUrls pingUrls, Clock clock) {
    this.heartbeats = heartbeats;
    this.maintenance = maintenance;
    this.pingUrls = pingUrls;
    this.clock = clock;
  }

  @GetMapping("/heartbeats")
  String list(@AuthenticationPrincipal SignedIn me, Model model) {
    Instant now = clock.instant();
    HeartbeatMaintenance.At held = maintenance.at(now);
    model.addAttribute("heartbeats", heartbeats.all(null).stream().map(r -> view(r, now, held, me)).toList());
    model.addAttribute("section", "heartbeats");
    return "heartbeat/heartbeats";
  }

  @GetMapping("/heartbeats/{service}/{name}")
  String detail(@PathVariable String service, @PathVariable String name, @AuthenticationPrincipal SignedIn me,
      Model model) {
    Row row = heartbeats.find(service, name).orElseThrow(() -> new NotFoundException(
        "no heartbeat named '" + name + "' in service '" + service + "'"));
    Instant now = clock.instant();
    model.addAttribute("h", view(row, now, maintenance.at(now), me));
    model.addAttribute("pings", heartbeats.pings(row.id(), PINGS_SHOWN));
    model.addAttribute("section", "heartbeats");
    return "heartbeat/heartbeat";
  }

  private HeartbeatView view(Row r, Instant now, HeartbeatMaintenance.At held, SignedIn me) {
    String schedule = r.spec().cron() != null ? r.spec().cron() + " (" + r.spec().timeZoneOrDefault() + ")"
        : "every " + Formats.duration(r.spec().period());
    return new HeartbeatView(r.service(), r.name(), r.spec().description(), r.shownState(now), held.covers(r),
        schedule, Formats.duration(r.spec().graceOrDefault()), r.lastPingAt(), r.lastPingKind(), r.dueAt(),
        r.downSince(), me != null && me.admin() ? pingUrls.of(r) : null);
  }
}
