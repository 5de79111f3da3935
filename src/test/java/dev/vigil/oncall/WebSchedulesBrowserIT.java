package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Chromium;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The schedule pages in a real browser (Debian's Chromium, headless): take a shift in two clicks and give it back. */
@IntegrationTest
class WebSchedulesBrowserIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  ChromeDriver browser;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
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

  @Test
  void takeAShiftSeeTheOverrideAndRemoveIt() {
    browser = Chromium.start(1280, 900);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Chromium.signIn(browser, url(""), "bob", PASSWORD);

    browser.findElement(By.linkText("Schedules")).click();
    assertThat(browser.findElement(By.id("schedule-platform-primary")).getText()).contains("alice");
    assertThat(browser.findElement(By.id("policy-platform")).getText()).contains("schedule platform-primary")
        .contains("10m");
    browser.findElement(By.linkText("platform-primary")).click();
    // Next week, whose every shift is still to come: this week's first one may have ended, and is offered to nobody.
    browser.findElement(By.cssSelector("a[rel=next]")).click();
    // alice has the whole week (one weekly layer): the first shift of the week is hers, and bob may take it.
    WebElement first = browser.findElement(By.cssSelector(".day li.shift"));
    assertThat(first.findElement(By.cssSelector(".people")).getText()).isEqualTo("alice");
    assertThat(browser.findElements(By.cssSelector("#overrides"))).isEmpty();
    first.findElement(By.xpath(".//button[text()='Take this shift']")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice")));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("You are on call from");
    first = browser.findElement(By.cssSelector(".day li.shift"));
    assertThat(first.findElement(By.cssSelector(".people")).getText()).isEqualTo("bob");
    assertThat(first.getText()).contains("layer weekly").containsPattern("override [0-9]+");
    WebElement override = browser.findElement(By.cssSelector("#overrides tbody tr"));
    assertThat(override.getText()).contains("bob replaces alice").contains("by bob");
    Chromium.screenshot(browser, "schedules-1-shift-taken");

    override.findElement(By.xpath(".//button[text()='Remove']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "removed"));
    assertThat(browser.findElements(By.cssSelector("#overrides"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector(".day li.shift .people")).getText()).isEqualTo("alice");
    Chromium.screenshot(browser, "schedules-2-override-removed");
  }
}
