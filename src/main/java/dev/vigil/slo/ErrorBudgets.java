package dev.vigil.slo;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A service's error budget decision for a deploy now, as other features read it: the very decision
 * {@code GET /api/v1/services/{name}/error-budget} answers, never computed a second way.
 */
@Service
public class ErrorBudgets {

  /**
   * The decision under the service's error budget policy.
   *
   * @param decision allowed, approval-required or frozen
   * @param exhausted the SLOs whose budget is spent
   * @param reason the decision in words
   */
  public record Decision(String policy, String decision, List<String> exhausted, String reason) {

    /** Whether the policy lets a deploy go ahead without anyone's approval. */
    public boolean allowed() {
      return "allowed".equals(decision);
    }
  }

  private final SloViews views;

  ErrorBudgets(SloViews views) {
    this.views = views;
  }

  /** The decision for this service; an unknown service is a {@code NotFoundException}. */
  public Decision decision(String service) {
    SloViews.ErrorBudgetDecision d = views.errorBudget(service);
    return new Decision(d.policy(), d.decision(), d.exhausted(), d.reason());
  }
}
