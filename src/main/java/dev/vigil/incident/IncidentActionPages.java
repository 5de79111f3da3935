package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.security.SignedIn;
import dev.vigil.system.InvalidException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident detail page's forms for running an incident: change the severity with a reason, page more
 * responders, give a role, post a status update. Each goes through the same services as the
 * API and lands on the timeline; a refusal (bad input 400, a state that forbids it 409) shows the page again with
 * the message next to the form and what was typed kept.
 */
@UiController
class IncidentActionPages {

  private static final String CHANNEL = "web";

  private final IncidentOperations operations;
  private final StatusUpdates statusUpdates;
  private final IncidentDetailModel detail;

  IncidentActionPages(IncidentOperations operations, StatusUpdates statusUpdates, 
      IncidentDetailModel detail) {
    this.operations = operations;
    this.statusUpdates = statusUpdates;
    this.detail = detail;
  }

  @PostMapping("/incidents/{id}/severity")
  String severity(@PathVariable long id, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String reason, @AuthenticationPrincipal SignedIn me, Model model,
      RedirectAttributes flash, HttpServletResponse response) {
    return act(id, "severity", values("severity", severity, "reason", reason),
        () -> operations.changeSeverity(id, severity, reason, me.actor(), CHANNEL),
        "Severity set to " + severity + ".", me, model, flash, response);
  }

  @PostMapping("/incidents/{id}/responders")
  String responders(@PathVariable long id, @RequestParam(required = false) String target,
      @RequestParam(required = false) String message, @AuthenticationPrincipal SignedIn me, Model model,
      RedirectAttributes flash, HttpServletResponse response) {
    return act(id, "responders", values("target", target, "message", message),
        () -> operations.requestResponders(id, List.of(target(target)), message, me.actor(), CHANNEL),
        "Paging " + (target == null ? "" : target.replace(":", " ")) + " now.", me, model, flash, response);
  }

  @PostMapping("/incidents/{id}/roles")
  String role(@PathVariable long id, @RequestParam(required = false) String role,
      @RequestParam(required = false) String user, @AuthenticationPrincipal SignedIn me, Model model,
      RedirectAttributes flash, HttpServletResponse response) {
    return act(id, "roles", values("role", role, "user", user),
        () -> operations.assignRole(id, role, user, me.actor(), CHANNEL),
        user + " is " + role + ".", me, model, flash, response);
  }

  @PostMapping("/incidents/{id}/assignee")
  String handOver(@PathVariable long id, @RequestParam(required = false) String user,
      @AuthenticationPrincipal SignedIn me, Model model, RedirectAttributes flash, HttpServletResponse response) {
    return act(id, "assignee", values("assignee", user),
        () -> operations.handOver(id, user, me.actor(), CHANNEL), "Handed to " + user + ".", me, model, flash,
        response);
  }

  @PostMapping("/incidents/{id}/status-updates")
  String statusUpdate(@PathVariable long id, @RequestParam(required = false) String message,
      @AuthenticationPrincipal SignedIn me, Model model, RedirectAttributes flash, HttpServletResponse response) {
    return act(id, "statusUpdate", values("message", message),
        () -> {
          StatusUpdates.View sent = statusUpdates.post(id, message, me.actor(), CHANNEL);
          flash.addFlashAttribute("notice", "Status update sent to " + sent.recipients().size() + " stakeholders.");
        }, null, me, model, flash, response);
  }

  /** A user, team or schedule as the responders form submits it: user:alice, team:platform, schedule:primary. */
  static Catalog.Target target(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidException("target: choose a person, a team or a schedule to page");
    }
    int colon = value.indexOf(':');
    String kind = colon < 0 ? "" : value.substring(0, colon);
    String name = colon < 0 ? "" : value.substring(colon + 1).strip();
    if (name.isEmpty()) {
      throw new InvalidException("target: '" + value + "' is not user:NAME, team:NAME or schedule:NAME");
    }
    return switch (kind) {
      case "user" -> new Catalog.Target(name, null, null);
      case "schedule" -> new Catalog.Target(null, name, null);
      case "team" -> new Catalog.Target(null, null, name);
      default -> throw new InvalidException("target: '" + value + "' is not user:NAME, team:NAME or"
          + " schedule:NAME");
    };
  }

  private static Map<String, String> values(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
    }
    return values;
  }

  /**
   * Runs an action; on success back to the page with {@code notice} (post-redirect-get), on a refusal the page
   * again, with the status, the message at {@code form} and the submitted values.
   */
  private String act(long id, String form, Map<String, String> submitted, Runnable action, String notice,
      SignedIn me, Model model, RedirectAttributes flash, HttpServletResponse response) {
    return act(id, form, submitted, action, notice, "/incidents/" + id, me, model, flash, response);
  }

  /** As above, going on to {@code next} on success. */
  private String act(long id, String form, Map<String, String> submitted, Runnable action, String notice,
      String next, SignedIn me, Model model, RedirectAttributes flash, HttpServletResponse response) {
    try {
      action.run();
    } catch (InvalidException | RefusedException e) {
      response.setStatus(e instanceof RefusedException ? 409 : 400);
      model.addAttribute("errors", Map.of(form, e.getMessage()));
      model.addAttribute("form", submitted);
      detail.page(id, me, model);
      return "incident/detail";
    }
    if (notice != null) {
      flash.addFlashAttribute("notice", notice);
    }
    return "redirect:" + next;
  }
}
