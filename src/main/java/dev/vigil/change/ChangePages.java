package dev.vigil.change;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.SignedIn;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The changes page, {@code /changes}: deploys and other changes newest first, filtered by service, team,
 * environment and outcome as the API filters them; and the incident page's verdict on a recent change.
 */
@UiController
class ChangePages {

  /** A change as a row of the page: the view, and its duration in words (empty while under way). */
  record Row(ChangeView change, String duration) {}

  private final ChangeLog changes;
  private final ChangeVerdicts verdicts;
  private final CatalogQueries catalog;

  ChangePages(ChangeLog changes, ChangeVerdicts verdicts, CatalogQueries catalog) {
    this.changes = changes;
    this.verdicts = verdicts;
    this.catalog = catalog;
  }

  @GetMapping("/changes")
  String page(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String outcome,
      Model model) {
    ChangeRepository.Filter filter = ChangeLog.filter(service, team, environment, outcome, null, null, null, 200);
    Catalog all = catalog.catalog();
    model.addAttribute("section", "changes");
    model.addAttribute("services", all.services().stream().map(Catalog.Service::name).sorted().toList());
    model.addAttribute("teams", all.teams().stream().map(Catalog.Team::name).sorted().toList());
    model.addAttribute("outcomes", java.util.Arrays.stream(DeployOutcome.values()).map(DeployOutcome::value)
        .toList());
    model.addAttribute("service", filter.service());
    model.addAttribute("team", filter.team());
    model.addAttribute("environment", filter.environment());
    model.addAttribute("outcome", filter.outcome() == null ? null : filter.outcome().value());
    List<Row> rows = changes.list(filter).stream().map(c -> new Row(c, c.durationSeconds() == null ? ""
        : Formats.duration(Duration.ofMillis(Math.round(c.durationSeconds() * 1000))))).toList();
    model.addAttribute("rows", rows);
    return "change/changes";
  }

  /** A responder marks a recent change as the incident's cause or not, from the incident's page. */
  @PostMapping("/incidents/{id}/changes/{change}/verdict")
  String mark(@PathVariable long id, @PathVariable String change, @RequestParam(required = false) String cause,
      @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    if (!"true".equals(cause) && !"false".equals(cause)) {
      throw new dev.vigil.system.InvalidException("cause: expected true or false");
    }
    verdicts.mark(id, change, Boolean.parseBoolean(cause), me.actor(), "web");
    flash.addFlashAttribute("notice", "Change " + change + " marked as " + ("true".equals(cause) ? "the cause."
        : "not the cause."));
    return "redirect:/incidents/" + id + "#recent-changes";
  }
}
