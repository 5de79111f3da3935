package dev.vigil.cli;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.DemoAccount;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The end of {@code vigil demo}'s start-up: a short "try it now" block with where to sign in and as whom, the fault to
 * switch in the simulation, and requests for the example's Alertmanager and PagerDuty integrations carrying their
 * real keys, ready to paste.
 */
@Component
// The demo account's condition: the welcome gives its password, and only the demo has one.
@ConditionalOnProperty(name = "vigil.web.demo-account", havingValue = "true")
@Order(20) // after the catalog is applied (CatalogStartup, order 10): the integrations' keys and nadia exist then
class DemoWelcome implements ApplicationRunner {

  /** Set by {@code vigil demo}: where its simulation of the example's endpoints listens. */
  static final String SIMULATION_PORT = "vigil.demo.simulation-port";

  private final DemoAccount account;
  private final CatalogQueries catalog;
  private final Environment environment;

  DemoWelcome(DemoAccount account, CatalogQueries catalog, Environment environment) {
    this.account = account;
    this.catalog = catalog;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    String password = account.reset();
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    String simulation = environment.getRequiredProperty(SIMULATION_PORT);
    print(System.out, "http://localhost:" + port, "http://127.0.0.1:" + simulation, password, keysByType());
  }

  /** The key of the example's first integration of each type, by type ("alertmanager", "pagerduty"). */
  private Map<String, String> keysByType() {
    Map<String, String> keys = catalog.integrationKeys();
    Map<String, String> byType = new TreeMap<>();
    for (var managed : catalog.all(CatalogKind.INTEGRATION, Catalog.Integration.class)) {
      Catalog.Integration integration = managed.object();
      byType.putIfAbsent(integration.type().value(), keys.get(integration.name()));
    }
    return byType;
  }

  static void print(PrintStream out, String vigil, String simulation, String password, Map<String, String> keys) {
    StringBuilder b = new StringBuilder("\n");
    b.append("  Try it now\n\n");
    b.append("    Sign in       ").append(vigil).append("/login   user demo, password ").append(password)
        .append("   (new at every start)\n");
    b.append("    Mail sent     ").append(vigil).append("/demo/mail   every email Vigil sends in the demo lands here\n");
    b.append("    Probes        turn green about 30 s after start; the simulated endpoints: ").append(simulation)
        .append("/\n\n");
    b.append("    Break payment (its on-call is paged within about half a minute; .../payment/ok recovers):\n");
    b.append("      curl -X POST ").append(simulation).append("/faults/payment/5xx\n");
    String alertmanager = keys.get("alertmanager");
    if (alertmanager != null) {
      b.append("\n    An alert as Alertmanager sends it (integration 'prometheus', routed by its service label):\n");
      b.append("      curl -H 'Content-Type: application/json' ").append(vigil).append("/api/v1/integrations/")
          .append(alertmanager).append("/alertmanager -d '{\"version\": \"4\", \"status\": \"firing\", \"alerts\": ")
          .append("[{\"status\": \"firing\", \"labels\": {\"alertname\": \"SearchLatencyHigh\", \"service\": ")
          .append("\"search\", \"severity\": \"critical\"}, \"annotations\": {\"summary\": \"Search p99 above 2 s\"}}]}'\n");
    }
    String pagerduty = keys.get("pagerduty");
    if (pagerduty != null) {
      b.append("\n    An event as a PagerDuty Events API v2 client sends it (integration 'payment-processor-status'):\n");
      b.append("      curl -H 'Content-Type: application/json' ").append(vigil).append("/v2/enqueue -d '{\"routing_key\": \"")
          .append(pagerduty).append("\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"Card payments ")
          .append("declined\", \"source\": \"processor\", \"severity\": \"critical\"}}'\n");
    }
    out.print(b.append('\n'));
    out.flush();
  }
}
