package dev.vigil.ui;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.Runbooks;
import dev.vigil.coverage.CoverageBoard;
import dev.vigil.heartbeat.HeartbeatBoard;
import dev.vigil.incident.IncidentBoard;
import dev.vigil.probe.ProbeBoard;
import dev.vigil.slo.SloBoard;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The services of the catalog: a list with their open incidents, and one service with its dependencies, runbooks,
 * probes (uptime and latency charts over 24 hours, 7 or 90 days), heartbeats, open incidents and its coverage
 * checklist.
 */
@UiController
class ServicePages {

  /** A range the charts cover: uptime in {@code slots} bars, latency merged per {@code step}. */
  record Range(String name, Duration length, int slots, Duration step) {}

  static final Map<String, Range> RANGES = new LinkedHashMap<>();

  static {
    RANGES.put("24h", new Range("24 hours", Duration.ofHours(24), 24, Duration.ofMinutes(5)));
    RANGES.put("7d", new Range("7 days", Duration.ofDays(7), 28, Duration.ofHours(1)));
    RANGES.put("90d", new Range("90 days", Duration.ofDays(90), 90, Duration.ofDays(1)));
  }

  /** A probe, and its charts over the range shown. */
  record ProbeView(ProbeBoard.ProbeLine probe, ProbeChart chart) {}

  /** One of the service's SLOs with its last state; {@code status} null before its first evaluation. */
  record SloLine(Catalog.Slo slo, SloBoard.Status status, String objective, String left) {}

  /** A runbook: the service's own, or one of a service it depends on. */
  record Runbook(String service, String url) {}

  private final CatalogQueries catalog;
  private final IncidentBoard board;
  private final ProbeBoard probes;
  private final HeartbeatBoard heartbeats;
  private final SloBoard slos;
  private final CoverageBoard coverage;

  ServicePages(CatalogQueries catalog, IncidentBoard board, ProbeBoard probes,
      HeartbeatBoard heartbeats, SloBoard slos, CoverageBoard coverage) {
    this.coverage = coverage;
    this.catalog = catalog;
    this.board = board;
    this.probes = probes;
    this.heartbeats = heartbeats;
    this.slos = slos;
  }

  @GetMapping("/services")
  String list(Model model) {
    model.addAttribute("services", services().stream()
        .sorted(Comparator.comparingInt(Catalog.Service::tier).thenComparing(Catalog.Service::name)).toList());
    model.addAttribute("openCounts", board.openCounts());
    return "ui/services";
  }

  @GetMapping("/services/{name}")
  String detail(@PathVariable String name, @RequestParam(required = false) String range, Model model) {
    Catalog.Service service = catalog.one(CatalogKind.SERVICE, name, Catalog.Service.class)
        .map(CatalogQueries.Managed::object)
        .orElseThrow(() -> new NotFoundException("no service named '" + name + "'"));
    String rangeKey = range == null || range.isBlank() ? "24h" : range;
    Range shown = RANGES.get(rangeKey);
    if (shown == null) {
      throw new InvalidException("range: '" + range + "' is not one of " + String.join(", ", RANGES.keySet()));
    }
    model.addAttribute("range", rangeKey);
    model.addAttribute("rangeName", shown.name());
    model.addAttribute("ranges", RANGES.keySet());
    model.addAttribute("probes", probes.ofService(name).stream().map(p -> new ProbeView(p, java.util.Optional
        .ofNullable(probes.history(p.id(), shown.length(), shown.slots(), shown.step()))
        .map(h -> ProbeChart.of(h, shown.name()))
        .orElse(null))).toList());
    model.addAttribute("heartbeats", heartbeats.heartbeatsOf(name));
    model.addAttribute("slos", slos(service));
    model.addAttribute("coverage", coverage.service(name).orElse(null));
    List<Runbook> runbooks = new java.util.ArrayList<>();
    if (service.runbookUrl() != null) {
      runbooks.add(new Runbook(name, service.runbookUrl()));
    }
    service.dependsOn().stream().sorted().forEach(d -> catalog.one(CatalogKind.SERVICE, d, Catalog.Service.class)
        .map(m -> m.object().runbookUrl()).ifPresent(url -> runbooks.add(new Runbook(d, url))));
    model.addAttribute("runbooks", runbooks);
    model.addAttribute("runbookHtml", Runbooks.html(catalog.catalog(), service));
    List<String> dependents = services().stream().filter(s -> s.dependsOn().contains(name))
        .map(Catalog.Service::name).sorted().toList();
    List<String> dependencies = service.dependsOn().stream().sorted().toList();
    model.addAttribute("service", service);
    model.addAttribute("dependents", dependents);
    model.addAttribute("dependencies", dependencies);
    model.addAttribute("graph", DependencyGraph.of(name, dependents, dependencies));
    List<IncidentBoard.Summary> open = board.openOf(List.of(name), 100);
    model.addAttribute("open", open);
    model.addAttribute("paging", board.beingPaged(open.stream().map(IncidentBoard.Summary::id).toList()));
    model.addAttribute("rto", Formats.duration(service.rto()));
    model.addAttribute("rpo", Formats.duration(service.rpo()));
    return "ui/service";
  }

  /** The service's SLOs, least budget left first as on the SLO list, those not measured last. */
  private List<SloLine> slos(Catalog.Service service) {
    Map<String, SloBoard.Status> states = new java.util.HashMap<>();
    slos.list().stream().filter(s -> s.service().equals(service.name())).forEach(s -> states.put(s.slo(), s));
    return service.slos().stream().map(slo -> {
      SloBoard.Status s = states.get(slo.name());
      String left = s == null ? "not evaluated yet" : s.remainingShare().map(r -> r.movePointRight(2)
          .setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " % left")
          .orElse(s.summary());
      return new SloLine(slo, s, java.math.BigDecimal.valueOf(slo.objective()).stripTrailingZeros().toPlainString()
          + " %", left);
    }).sorted(Comparator.comparing((SloLine l) -> l.status() == null ? null : l.status().remainingShare()
        .orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  private List<Catalog.Service> services() {
    return catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream().map(CatalogQueries.Managed::object)
        .toList();
  }
}
