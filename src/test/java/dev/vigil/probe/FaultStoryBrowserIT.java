package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.Chromium;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's fault story in a real browser, with the real probe scheduler: a service's health endpoint starts
 * answering 503, its probe goes down and an incident opens; the on-call person sees it arrive on the home page,
 * acknowledges and resolves it from the incident's page; the endpoint answers again and the service page shows the
 * probe up.
 */
@IntegrationTest
class FaultStoryBrowserIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired ProbeCoordinator coordinator;
  @Autowired ProbeResults results;
  HealthEndpoint simulation;
  ChromeDriver browser;

  @BeforeEach
  void setUp() throws Exception {
    simulation = HealthEndpoint.start(200, results, jdbc);
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: payments, members: [nadia]}]
        users: [{name: nadia, email: nadia@example.com}]
        escalation_policies:
          - name: payments
            steps: [{delay: 5m, targets: [{user: nadia}]}]
        services:
          - name: payment
            team: payments
            tier: 1
            escalation_policy: payments
            probes:
              - name: health
                kind: http
                interval: 1s
                timeout: 1s
                http: {url: "http://127.0.0.1:%d/health"}
        """.formatted(simulation.port())), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "nadia", PASSWORD, "admin", "nadia");
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    TestCatalogs.reset(jdbc);
    coordinator.coordinate();
    simulation.stop();
  }

  String probeState() {
    return jdbc.sql("select state from probe").query(String.class).single();
  }

  @Test
  void aFaultOpensAnIncidentThatIsHandledInTheBrowserAndTheProbeRecovers() {
    await().atMost(Duration.ofSeconds(20)).until(() -> "up".equals(probeState()));
    browser = Chromium.start(1280, 900);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Chromium.signIn(browser, "http://127.0.0.1:" + port, "nadia", PASSWORD);

    simulation.status.set(503);
    // The home page refreshes itself: the incident appears without a reload.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Probe payment/health is down"));
    assertThat(probeState()).isEqualTo("down");
    browser.findElement(By.partialLinkText("Probe payment/health is down")).click();

    wait.until(ExpectedConditions.elementToBeClickable(By.id("action-acknowledge"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("incident-status"), "acknowledged"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("action-resolve"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("incident-status"), "resolved"));
    // The timeline told in lines, which the page shows; the recorded events wait behind "Every recorded event".
    assertThat(browser.findElement(By.cssSelector("ol.story")).getText().toLowerCase(java.util.Locale.ROOT))
        .contains("acknowledged").contains("resolved");

    simulation.status.set(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> "up".equals(probeState()));
    browser.get("http://127.0.0.1:" + port + "/services/payment");
    assertThat(browser.findElement(By.cssSelector("article.probe .badge")).getText()).isEqualTo("up");
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("resolved");
  }
}
