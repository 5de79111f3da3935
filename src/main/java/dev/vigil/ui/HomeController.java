package dev.vigil.ui;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.heartbeat.HeartbeatBoard;
import dev.vigil.incident.IncidentBoard;
import dev.vigil.oncall.OnCallService;
import dev.vigil.probe.ProbeBoard;
import dev.vigil.security.SignedIn;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page, "now": the reader's open incidents, who is on call for each team now and next, the probes down and
 * heartbeats late, and every open incident.
 */
@UiController
class HomeController {

  static final int LIMIT = 100;
  /** How far ahead "next on call" looks for a handoff. */
  static final Duration LOOK_AHEAD = Duration.ofDays(14);

  private final IncidentBoard board;
  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final ProbeBoard probes;
  private final HeartbeatBoard heartbeats;
  private final Clock clock;

  HomeController(IncidentBoard board, CatalogQueries catalog, OnCallService onCall, ProbeBoard probes,
      HeartbeatBoard heartbeats, Clock clock) {
    this.onCall = onCall;
    this.probes = probes;
    this.heartbeats = heartbeats;
    this.board = board;
    this.catalog = catalog;
    this.clock = clock;
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal SignedIn me, Model model) {
    now(me, model);
    return "ui/home";
  }

  /** The page's incident lists alone: what it fetches every few seconds. */
  @GetMapping(value = "/", headers = "HX-Request=true")
  String refresh(@AuthenticationPrincipal SignedIn me, Model model) {
    now(me, model);
    return "ui/home :: live";
  }

  private void now(SignedIn me, Model model) {
    Catalog all = catalog.catalog();
    List<IncidentBoard.Summary> open = board.open(LIMIT);
    List<IncidentBoard.Summary> mine = me.userName() == null ? null : board.openFor(me.userName(), LIMIT);
    model.addAttribute("mine", mine);
    model.addAttribute("open", open);
    Set<Long> shown = new HashSet<>();
    open.forEach(i -> shown.add(i.id()));
    if (mine != null) {
      mine.forEach(i -> shown.add(i.id()));
    }
    model.addAttribute("paging", board.beingPaged(shown));
    model.addAttribute("limit", LIMIT);
    model.addAttribute("lookAheadDays", LOOK_AHEAD.toDays());
    Instant now = clock.instant();
    Instant until = now.plus(LOOK_AHEAD);
    model.addAttribute("onCallRows", OnCallBoard.rows(OnCallBoard.at(all, now,
        OnCallBoard.shifts(onCall.schedules(now, until), now, until))));
    model.addAttribute("probesDown", probes.down());
    model.addAttribute("heartbeatsLate", heartbeats.lateOrDown());
    model.addAttribute("people", OnCallBoard.names(all));
  }
}
