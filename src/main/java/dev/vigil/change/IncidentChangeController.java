package dev.vigil.change;

import dev.vigil.incident.RecentChanges;
import dev.vigil.security.ApiPrincipal;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/incidents/{id}/changes}: an incident's recent changes, likeliest first, and a verdict on one. */
@RestController
class IncidentChangeController {

  private final RecentChanges suspects;
  private final ChangeVerdicts verdicts;

  IncidentChangeController(RecentChanges suspects, ChangeVerdicts verdicts) {
    this.suspects = suspects;
    this.verdicts = verdicts;
  }

  /** A responder's verdict: whether the change caused the incident. */
  record Verdict(Boolean cause) {}

  /** The recent changes on the incident's service and upstream of it, likeliest cause first. */
  @GetMapping("/api/v1/incidents/{id}/changes")
  List<RecentChanges.Suspect> list(@PathVariable long id) {
    return suspects.of(id);
  }

  /** Marks a change as the incident's cause ({@code cause: true}) or not; it goes on the incident's timeline. */
  @PostMapping("/api/v1/incidents/{id}/changes/{change}/verdict")
  List<RecentChanges.Suspect> mark(@PathVariable long id, @PathVariable String change, @RequestBody Verdict verdict,
      @AuthenticationPrincipal ApiPrincipal caller) {
    if (verdict.cause() == null) {
      throw new dev.vigil.system.InvalidException("cause: is required: true when the change caused the incident,"
          + " false when it did not");
    }
    verdicts.mark(id, change, verdict.cause(), caller.name(), "api");
    return suspects.of(id);
  }
}
