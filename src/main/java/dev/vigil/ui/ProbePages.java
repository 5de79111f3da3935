package dev.vigil.ui;

import dev.vigil.probe.ProbeBoard;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The probes pages: every probe with its state, uptime over the last day and location votes, down first and
 * filtered by state or service; and one probe with its latency chart, uptime over a day, a week and 30 days, each
 * location's latest result and its recent changes of state. Here rather than in {@code probe} because they draw
 * with this package's {@link ProbeChart} and link to the service pages.
 */
@UiController
class ProbePages {

  /** The states the list filters by: a probe's agreed state, or held by a maintenance window. */
  static final List<String> STATES = List.of("down", "unknown", "up", "maintenance");

  /**
   * A probe in the list, with its latest latency (null without a result on this node) and its uptime over the last
   * 24 hours with the period that figure covers.
   */
  record ProbeRow(ProbeBoard.Standing standing, String latency, Uptime uptime) {}

  /** An uptime figure as shown: the percentage (or "no data") and the period it covers, to follow "over". */
  record Uptime(String percent, String period) {
    static Uptime of(ProbeBoard.UptimeFigure f, String rangeName) {
      return new Uptime(ProbeChart.percent(f.percent()), f.covered() == null ? rangeName
          : Formats.coverage(f.covered().start(), f.covered().end(), f.from(), f.to(), rangeName));
    }
  }

  private final ProbeBoard probes;

  ProbePages(ProbeBoard probes) {
    this.probes = probes;
  }

  @GetMapping("/probes")
  String list(@RequestParam(required = false) String state, @RequestParam(required = false) String service,
      Model model) {
    String stateFilter = state == null || state.isBlank() ? null : state;
    String serviceFilter = service == null || service.isBlank() ? null : service;
    if (stateFilter != null && !STATES.contains(stateFilter)) {
      throw new InvalidException("state: '" + state + "' is not one of " + String.join(", ", STATES));
    }
    List<ProbeBoard.Standing> all = probes.standings();
    List<String> services = all.stream().map(s -> s.probe().service()).distinct().sorted().toList();
    if (serviceFilter != null && !services.contains(serviceFilter)) {
      throw new InvalidException("service: no service named '" + service + "' has probes");
    }
    model.addAttribute("rows", all.stream()
        .filter(s -> serviceFilter == null || s.probe().service().equals(serviceFilter))
        .filter(s -> stateFilter == null || (stateFilter.equals("maintenance") ? s.maintenance()
            : s.probe().state().equals(stateFilter)))
        .map(s -> new ProbeRow(s, latency(s), Uptime.of(probes.uptime(s.probe().id(), Duration.ofHours(24)), "24 hours")))
        .toList());
    model.addAttribute("total", all.size());
    model.addAttribute("states", STATES);
    model.addAttribute("services", services);
    model.addAttribute("state", Objects.requireNonNullElse(stateFilter, ""));
    model.addAttribute("service", Objects.requireNonNullElse(serviceFilter, ""));
    model.addAttribute("section", "probes");
    return "ui/probes";
  }

  @GetMapping("/probes/{id}")
  String detail(@PathVariable String id, Model model) {
    long probeId = parse(id);
    ProbeBoard.Standing standing = probes.standing(probeId).orElseThrow(() -> notFound(id));
    ServicePages.Range day = ServicePages.RANGES.get("24h");
    ProbeBoard.History history = probes.history(probeId, day.length(), day.slots(), day.step());
    model.addAttribute("p", standing);
    model.addAttribute("chart", history == null ? null : ProbeChart.of(history, day.name()));
    model.addAttribute("latency", latency(standing));
    // A probe younger than a range covers the same time in every longer one: that figure is shown once.
    model.addAttribute("uptimes", Stream.of(
        Uptime.of(probes.uptime(probeId, Duration.ofHours(24)), "24 hours"),
        Uptime.of(probes.uptime(probeId, Duration.ofDays(7)), "7 days"),
        Uptime.of(probes.uptime(probeId, Duration.ofDays(30)), "30 days"))
        .collect(Collectors.toMap(Uptime::period, u -> u, (first, same) -> first, LinkedHashMap::new)).values());
    model.addAttribute("transitions", probes.transitions(probeId, 20));
    model.addAttribute("section", "probes");
    return "ui/probe";
  }

  /** The latest check's latency, null when this node has no result of the probe. */
  private static String latency(ProbeBoard.Standing s) {
    return s.last() == null ? null : ProbeChart.millis(s.last().duration().toNanos() / 1e6);
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw notFound(id);
    }
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no probe with id '" + id + "'; the probes page lists every probe");
  }
}
