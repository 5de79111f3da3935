package dev.vigil.web;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentBoard;
import java.util.Comparator;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The services of the catalog: a list with their open incidents, and one service with its dependencies. */
@UiController
class ServicePages {

  private final CatalogQueries catalog;
  private final IncidentBoard board;

  ServicePages(CatalogQueries catalog, IncidentBoard board) {
    this.catalog = catalog;
    this.board = board;
  }

  @GetMapping("/services")
  String list(Model model) {
    model.addAttribute("services", services().stream()
        .sorted(Comparator.comparingInt(Catalog.Service::tier).thenComparing(Catalog.Service::name)).toList());
    model.addAttribute("openCounts", board.openCounts());
    return "web/services";
  }

  @GetMapping("/services/{name}")
  String detail(@PathVariable String name, Model model) {
    Catalog.Service service = catalog.one(CatalogKind.SERVICE, name, Catalog.Service.class)
        .map(CatalogQueries.Managed::object)
        .orElseThrow(() -> new NotFoundException("no service named '" + name + "'"));
    List<String> dependents = services().stream().filter(s -> s.dependsOn().contains(name))
        .map(Catalog.Service::name).sorted().toList();
    List<String> dependencies = service.dependsOn().stream().sorted().toList();
    model.addAttribute("service", service);
    model.addAttribute("dependents", dependents);
    model.addAttribute("dependencies", dependencies);
    model.addAttribute("graph", DependencyGraph.of(name, dependents, dependencies));
    model.addAttribute("open", board.openOf(List.of(name), 100));
    model.addAttribute("rto", Formats.duration(service.rto()));
    model.addAttribute("rpo", Formats.duration(service.rpo()));
    return "web/service";
  }

  private List<Catalog.Service> services() {
    return catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream().map(CatalogQueries.Managed::object)
        .toList();
  }
}
