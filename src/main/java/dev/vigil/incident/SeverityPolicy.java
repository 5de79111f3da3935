package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.SeverityRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides an incident's severity from the catalog's incident policy: the first rule whose conditions all hold for
 * the incident's service, its blast radius and the alert wins; without one, the policy's default severity.
 */
public final class SeverityPolicy {

  /** The name recorded as the deciding rule when no rule matched. */
  public static final String DEFAULT_RULE = "default";

  private SeverityPolicy() {}

  /** A severity and the name of the rule that decided it ({@value #DEFAULT_RULE} when none matched). */
  public record Classification(String severity, String rule) {}

  /**
   * What the rules look at: the incident's service, the most critical tier, the largest user share and the flags
   * over the service and everything depending on it, and the enterprise customers with contracts covering those.
   */
  public record Facts(String service, int tier, double userShare, int customers, boolean paymentPath,
      boolean dataIntegrity, boolean regulatory) {

    /** The facts of an incident on {@code service}, read from the catalog. */
    public static Facts of(Catalog catalog, String service) {
      Topology.BlastRadius radius = Topology.blastRadius(catalog, service);
      int tier = Integer.MAX_VALUE;
      double share = 0;
      boolean payment = false;
      boolean integrity = false;
      boolean regulated = false;
      for (String name : radius.affected()) {
        Optional<Catalog.Service> s = catalog.service(name);
        if (s.isEmpty()) {
          continue;
        }
        Catalog.Impact impact = s.get().impactOrNone();
        tier = Math.min(tier, s.get().tier());
        share = Math.max(share, impact.userShareOrZero());
        payment |= impact.onPaymentPath();
        integrity |= impact.risksDataIntegrity();
        regulated |= impact.isRegulated();
      }
      return new Facts(service, tier == Integer.MAX_VALUE ? 4 : tier, share, radius.customers().size(), payment,
          integrity, regulated);
    }
  }

  /** The severity of an incident that an alert with this severity and these labels opens on {@code service}. */
  public static Classification classify(Catalog catalog, String service, AlertSeverity alertSeverity,
      Map<String, String> labels) {
    return classify(catalog.incidentPolicyOrDefault(), Facts.of(catalog, service), alertSeverity, labels);
  }

  /** The first matching rule's severity, or the policy's default. */
  public static Classification classify(Catalog.IncidentPolicy policy, Facts facts, AlertSeverity alertSeverity,
      Map<String, String> labels) {
    for (SeverityRule rule : policy.rulesOrDefault()) {
      if (matches(rule, facts, alertSeverity, labels == null ? Map.of() : labels)) {
        return new Classification(rule.severity(), rule.name());
      }
    }
    return new Classification(policy.defaultSeverityOrDefault(), DEFAULT_RULE);
  }

  static boolean matches(SeverityRule rule, Facts facts, AlertSeverity alertSeverity, Map<String, String> labels) {
    return (rule.tiers().isEmpty() || rule.tiers().contains(facts.tier()))
        && (rule.minUserShare() == null || facts.userShare() >= rule.minUserShare())
        && (rule.minCustomers() == null || facts.customers() >= rule.minCustomers())
        && flag(rule.paymentPath(), facts.paymentPath())
        && flag(rule.dataIntegrity(), facts.dataIntegrity())
        && flag(rule.regulatory(), facts.regulatory())
        && (rule.services().isEmpty() || rule.services().contains(facts.service()))
        && (rule.alertSeverities().isEmpty() || alertSeverity != null
            && rule.alertSeverities().contains(alertSeverity.value()))
        && rule.labels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static boolean flag(Boolean wanted, boolean actual) {
    return wanted == null || wanted == actual;
  }

  /**
   * The urgency of an incident of this severity: high when the severity pages day and night, low when it waits for
   * support hours or pages nobody. A severity the policy does not name pages day and night, as one without paging.
   */
  public static Urgency urgency(Catalog.IncidentPolicy policy, String severity) {
    return policy.severity(severity).map(Catalog.SeverityLevel::pagingOrDefault).orElse(Catalog.Paging.ALWAYS)
        == Catalog.Paging.ALWAYS ? Urgency.HIGH : Urgency.LOW;
  }

  /** Whether {@code to} is more severe than {@code from} in the policy (earlier in its list). */
  public static boolean isUpgrade(Catalog.IncidentPolicy policy, String from, String to) {
    int a = from == null ? Integer.MAX_VALUE : policy.rank(from);
    int b = policy.rank(to);
    return b >= 0 && (a < 0 || b < a);
  }

  /** The names of the policy's severities, most severe first. */
  public static List<String> names(Catalog.IncidentPolicy policy) {
    return policy.severitiesOrDefault().stream().map(Catalog.SeverityLevel::name).toList();
  }
}
