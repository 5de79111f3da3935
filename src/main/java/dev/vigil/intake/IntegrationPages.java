package dev.vigil.intake;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.IncidentBoard;
import dev.vigil.incident.IngestOutcome;
import dev.vigil.incident.IngestedAlert;
import dev.vigil.security.SignedIn;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import dev.vigil.web.UiController;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The integrations pages: every integration with its service and when it last received an alert, and one
 * integration with, for admins only (its key is the sender's credential), what each kind of sender needs to send to
 * it, and a button that sends a sample alert through the same intake as a real sender.
 */
@UiController
class IntegrationPages {

  /** The label every sample alert carries, so that its incident is told from a real one wherever it is read. */
  static final String TEST_LABEL = "vigil_test";

  /** An integration as the list shows it; {@code lastAlert} is null when it never received one. */
  record IntegrationRow(String name, String type, String routesTo, Instant lastAlert) {}

  /** What one kind of sender is given: where it sends, and a snippet to paste into its configuration. */
  record Sender(String id, String name, String url, String snippet, String language) {}

  private final CatalogQueries catalog;
  private final IncidentBoard board;
  private final AlertIntake intake;
  private final PublicUrl publicUrl;
  private final Clock clock;

  IntegrationPages(CatalogQueries catalog, IncidentBoard board, AlertIntake intake, PublicUrl publicUrl,
      Clock clock) {
    this.catalog = catalog;
    this.board = board;
    this.intake = intake;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  @GetMapping("/integrations")
  String list(Model model) {
    List<KnownIntegration> all = catalog.integrations();
    Map<Long, Instant> last = board.lastAlerts(all.stream().map(KnownIntegration::id).toList());
    model.addAttribute("integrations", all.stream()
        .map(k -> new IntegrationRow(k.integration().name(), k.integration().type().value(),
            routesTo(k.integration()), last.get(k.id())))
        .sorted(Comparator.comparing(IntegrationRow::name)).toList());
    return "intake/integrations";
  }

  @GetMapping("/integrations/{name}")
  String detail(@PathVariable String name, @AuthenticationPrincipal SignedIn me, Model model) {
    KnownIntegration known = find(name);
    Catalog.Integration integration = known.integration();
    model.addAttribute("integration", integration);
    model.addAttribute("type", integration.type().value());
    model.addAttribute("routesTo", routesTo(integration));
    model.addAttribute("lastAlert", board.lastAlerts(List.of(known.id())).get(known.id()));
    model.addAttribute("managedBy", catalog.one(dev.vigil.catalog.CatalogKind.INTEGRATION, name,
        Catalog.Integration.class).map(CatalogQueries.Managed::managedBy).orElse(null));
    // The key is the only credential a sender has: it reaches the page only for an admin, as in the API.
    if (me.admin()) {
      String key = catalog.integrationKey(name).orElseThrow(() -> notFound(name));
      model.addAttribute("key", key);
      model.addAttribute("senders", senders(integration.type(), key));
    }
    return "intake/integration";
  }

  /**
   * Sends one sample alert, labelled as a test, through the intake every sender uses (rate limit, routing, grouping,
   * severity policy, escalation), so that it opens an incident as a real alert would; the page then says what
   * became of it.
   */
  @PostMapping("/integrations/{name}/test")
  String test(@PathVariable String name, @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    KnownIntegration known = find(name);
    Instant now = clock.instant();
    // A fingerprint of its own each time: every press opens its own incident instead of repeating the last one.
    AlertEvent sample = new AlertEvent("test", "vigil-test/" + UUID.randomUUID(), AlertEvent.Action.TRIGGER,
        "Test alert from integration " + name + ", sent by " + me.actor() + " from the console: nothing is wrong",
        AlertSeverity.INFO, Map.of(TEST_LABEL, "true", "integration", name),
        Map.of("description", "A sample alert sent with the integration's \"Send a test alert\" button, to show"
            + " that alerts reach this service and page as its escalation policy says. Resolve it when done."),
        List.of(), now, null);
    try {
      switch (intake.accept(known, "test", List.of(sample))) {
        case IngestOutcome.Accepted accepted -> {
          IngestedAlert alert = accepted.alerts().getFirst();
          flash.addFlashAttribute("testIncident", alert.incidentId());
          flash.addFlashAttribute("notice", "The test alert was accepted and "
              + (alert.openedIncident() ? "opened" : "joined") + " incident " + alert.incidentId() + ".");
        }
        case IngestOutcome.Unroutable unroutable -> flash.addFlashAttribute("problem",
            "The test alert was refused, as a sender's would be: " + unroutable.reason());
        case IngestOutcome.IntegrationGone gone -> throw notFound(name);
      }
    } catch (RateLimitedException e) {
      flash.addFlashAttribute("problem", "The test alert was refused, as a sender's would be: " + e.getMessage());
    }
    return "redirect:/integrations/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
  }

  private KnownIntegration find(String name) {
    return catalog.integration(name).orElseThrow(() -> notFound(name));
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("no integration named '" + name + "'");
  }

  /** Where its alerts go: its service, or its routing rules and the default service. */
  static String routesTo(Catalog.Integration integration) {
    if (integration.service() != null) {
      return integration.service();
    }
    String rules = integration.routing().size() == 1 ? "1 routing rule" : integration.routing().size()
        + " routing rules";
    return integration.defaultService() == null ? rules : rules + ", else " + integration.defaultService();
  }

  /** Every kind of sender, the integration's own type first: a key works on every intake route. */
  List<Sender> senders(Catalog.IntegrationType type, String key) {
    String base = publicUrl.base();
    String path = base + "/api/v1/integrations/" + key;
    List<Sender> senders = new ArrayList<>(List.of(
        new Sender("alertmanager", "Prometheus Alertmanager", path + "/alertmanager", """
            receivers:
              - name: vigil
                webhook_configs:
                  - url: %s/alertmanager
                    send_resolved: true""".formatted(path), "yaml"),
        new Sender("grafana", "Grafana", path + "/grafana",
            "Contact point: integration Webhook, URL " + path + "/grafana", "text"),
        new Sender("pagerduty", "PagerDuty Events API v2", base + "/v2/enqueue", """
            curl -sS -X POST '%s/v2/enqueue' -H 'Content-Type: application/json' \\
              -d '{"routing_key": "%s", "event_action": "trigger", "dedup_key": "example",
                   "payload": {"summary": "Example alert", "source": "example", "severity": "critical"}}'"""
            .formatted(base, key), "sh"),
        new Sender("events", "Events API", path + "/events", """
            curl -sS -X POST '%s/events' -H 'Content-Type: application/json' \\
              -d '{"fingerprint": "example", "summary": "Example alert", "severity": "critical"}'"""
            .formatted(path), "sh")));
    senders.sort(Comparator.comparing(s -> !s.id().equals(type.value())));
    return senders;
  }
}
