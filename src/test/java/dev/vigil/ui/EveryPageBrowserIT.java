package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.Chromium;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages on a phone (390 px) in a real browser: nothing widens the page, a table shown as stacked cards keeps each
 * cell's column name, and the dependency graph fits the screen; on a desktop, badges never break across lines.
 */
@IntegrationTest
class PhoneWidthBrowserIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  ChromeDriver browser;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "root", PASSWORD, "admin", "alice");
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  void signIn() {
    Chromium.signIn(browser, url(""), "root", PASSWORD);
  }

  @Test
  void everyPageFitsAPhoneAndEveryCardCellSaysItsColumn() {
    long id = WebTestCatalog.trigger(new Api(port), "events-api", "5xx", "API answers 503 on every route of the"
        + " public gateway, including the long ones");
    Api api = new Api(port);
    assertThat(api.put("/api/v1/incidents/" + id + "/postmortem", IntegrationTest.ADMIN_TOKEN, "{}").status())
        .isEqualTo(200);
    browser = Chromium.start(390, 844);
    signIn();
    List<String> pages = List.of("/", "/services", "/services/api", "/incidents", "/incidents/" + id,
        "/incidents/" + id + "/postmortem", "/schedules", "/schedules/platform-primary", "/admin/accounts", "/teams",
        "/teams/platform", "/users", "/users/alice", "/integrations", "/integrations/events-api");
    for (String path : pages) {
      browser.get(url(path));
      assertThat(browser.executeScript(
          "return document.documentElement.scrollWidth > document.documentElement.clientWidth"))
          .as("sideways scrolling at 390 px on %s", path).isEqualTo(false);
      Object unlabelled = browser.executeScript("""
          return [...document.querySelectorAll('table td')]
            .filter(td => td.offsetParent !== null && td.colSpan === 1 && td.textContent.trim() !== ''
              && getComputedStyle(td, '::before').content === 'none')
            .map(td => td.closest('table').querySelector('thead')?.textContent.trim() + ': ' + td.textContent.trim());
          """);
      assertThat((List<?>) unlabelled).as("table cells shown as cards without their column's name on %s", path)
          .isEmpty();
      Object clipped = browser.executeScript("""
          return [...document.querySelectorAll('figure svg')]
            .filter(svg => svg.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length;
          """);
      assertThat(clipped).as("figures wider than the screen on %s", path).isEqualTo(0L);
    }
    Chromium.screenshot(browser, "phone-admin-accounts");
    browser.get(url("/services/api"));
    Chromium.screenshot(browser, "phone-service-graph");
  }

  @Test
  void onADesktopABadgeStaysOnOneLine() {
    WebTestCatalog.trigger(new Api(port), "events-api", "ack", "Checkout slow");
    browser = Chromium.start(1280, 900);
    signIn();
    for (String path : List.of("/", "/incidents", "/services")) {
      browser.get(url(path));
      Object broken = browser.executeScript(
          "return [...document.querySelectorAll('.badge')].filter(b => b.getClientRects().length > 1"
              + " || b.getBoundingClientRect().height > 2.4 * parseFloat(getComputedStyle(b).fontSize))"
              + ".map(b => b.textContent)");
      assertThat((List<?>) broken).as("badges broken across lines on %s", path).isEmpty();
    }
  }
}
