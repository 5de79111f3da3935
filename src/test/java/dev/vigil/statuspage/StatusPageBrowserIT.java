package dev.vigil.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.Chromium;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public status page in a real browser (Debian's Chromium, headless), with an active incident, on a laptop and a phone. */
@IntegrationTest
class StatusPageBrowserIT {

  static final String PAGE = WebTestCatalog.STATUS_PAGE;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  ChromeDriver browser;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    catalog.apply(TestCatalogs.load(WebTestCatalog.YAML + PAGE), "/etc/vigil-web.yaml", "y");
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aVisitorSeesTheActiveIncidentAndItsUpdateWithoutSigningIn() {
    Api api = new Api(port);
    long incident = WebTestCatalog.trigger(api, "events-api", "latency", "p99 over 2s <b>internal</b>");
    Api.Response update = api.post("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN,
        "{\"message\": \"Requests are slow; we are adding capacity. <img src=x>\"}");
    assertThat(update.status()).as(update.body()).isEqualTo(201);

    browser = Chromium.start(1280, 900);
    browser.get("http://127.0.0.1:" + port + "/status/example");
    assertThat(browser.getTitle()).isEqualTo("Example status");
    assertThat(browser.findElement(By.cssSelector(".banner")).getText()).startsWith("Partial outage");
    WebElement active = browser.findElement(By.id("incident-" + incident));
    assertThat(active.findElement(By.tagName("h3")).getText()).isEqualTo("Partial outage affecting Public API");
    assertThat(active.findElement(By.cssSelector(".updates .text")).getText())
        .isEqualTo("Requests are slow; we are adding capacity. <img src=x>");
    assertThat(browser.findElements(By.cssSelector(".updates img"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain("p99 over 2s").doesNotContain("events-api");
    List<WebElement> states = browser.findElements(By.cssSelector(".component .state"));
    assertThat(states).extracting(WebElement::getText).containsExactly("Partial outage", "Operational");
    assertThat(browser.findElements(By.cssSelector(".uptime .day"))).hasSize(180);
    Chromium.screenshot(browser, "status-1-active-incident");

    // The keyboard reaches the skip link first, then the page's links and each day of the uptime bars.
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    WebElement day = browser.findElement(By.cssSelector(".uptime .day:last-child"));
    assertThat(day.getAttribute("tabindex")).isEqualTo("0");
    assertThat(day.getAttribute("title")).contains("uptime");

    browser.quit();
    browser = Chromium.start(390, 844);
    browser.get("http://127.0.0.1:" + port + "/status/example");
    Number overflow = (Number) browser.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
    assertThat(browser.findElement(By.id("incident-" + incident)).isDisplayed()).isTrue();
    Chromium.screenshot(browser, "status-2-phone");
  }
}
