package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The UI in a real browser (Debian's Chromium, headless): what a newcomer does on a new installation. */
@IntegrationTest
class WebBrowserIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  void open(int width, int height) {
    browser = Chromium.start(width, height);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  void signIn(String username) {
    Chromium.signIn(browser, url(""), username, PASSWORD);
  }

  @Test
  void setUpTheFirstAdminSeeAnIncidentArriveAcknowledgeItAndSignOut() {
    open(1280, 900);
    browser.get(url("/"));
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.linkText("set up the first admin")).click();
    browser.findElement(By.id("token")).sendKeys(IntegrationTest.ADMIN_TOKEN);
    browser.findElement(By.id("username")).sendKeys("root");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("confirm")).sendKeys(PASSWORD);
    new Select(browser.findElement(By.id("user"))).selectByValue("alice");
    Chromium.screenshot(browser, "web-1-setup");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    // The click may return before the answer to the form's POST has replaced the page: wait for it.
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice"))).getText())
        .contains("'root' is ready");

    signIn("root");
    assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains("root").contains("admin");
    browser.findElement(By.linkText("Incidents")).click();
    assertThat(browser.findElement(By.id("incident-rows")).getText()).contains("No incidents match");
    // A mark on this very page: still there after the incident shows up means the page was not reloaded.
    browser.executeScript("window.vigilPageMark = 'same page'");

    long id = WebTestCatalog.trigger(new Api(port), "events-api", "disk-full", "Disk full on db-1");
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-" + id)));
    assertThat(row.getText()).contains("Disk full on db-1").contains("triggered");
    assertThat(browser.executeScript("return window.vigilPageMark")).isEqualTo("same page");
    Chromium.screenshot(browser, "web-2-incident-arrived");

    row.findElement(By.linkText("Disk full on db-1")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("action-acknowledge"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("incident-status"), "acknowledged"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Acknowledged.");
    browser.findElement(By.cssSelector("#raw-events summary")).click(); // the recorded events, on demand
    assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText()).contains("acknowledged")
        .contains("by alice").contains("via web");
    Chromium.screenshot(browser, "web-3-acknowledged");

    browser.findElement(By.cssSelector("header .who button")).click();
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("signed out");
    browser.get(url("/incidents"));
    assertThat(browser.getCurrentUrl()).contains("/login");
    Chromium.screenshot(browser, "web-4-signed-out");
  }

  @Test
  void changeTheSeverityWithAReasonFromTheKeyboardAndSeeItOnTheTimeline() {
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    long id = WebTestCatalog.trigger(new Api(port), "events-api", "5xx", "API answers 503");
    open(1280, 900);
    signIn("bob");
    browser.get(url("/incidents/" + id));
    assertThat(browser.findElement(By.id("incident-severity")).getText()).isEqualTo("SEV2");
    WebElement summary = browser.findElement(By.xpath("//details[form[@id='form-severity']]/summary"));
    // Opened with the keyboard: the form is folded in a disclosure widget.
    summary.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("severity-reason")));
    new Select(browser.findElement(By.id("severity"))).selectByValue("SEV1");
    // Without a reason the browser itself asks for one; the server refuses too (tested over HTTP).
    browser.findElement(By.id("severity-reason")).sendKeys("Checkout fails for every customer <b>now</b>");
    Chromium.screenshot(browser, "web-7-severity-form");
    browser.findElement(By.id("action-severity")).click();
    wait.until(ExpectedConditions.textToBe(By.id("incident-severity"), "SEV1"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Severity set to SEV1.");
    browser.findElement(By.cssSelector("#raw-events summary")).click();
    WebElement changed = browser.findElement(By.cssSelector("ol.timeline li.kind-severity_changed"));
    assertThat(changed.getText()).contains("severity changed").contains("by bob").contains("via web")
        .contains("SEV2").contains("SEV1").contains("Checkout fails for every customer <b>now</b>");
    browser.executeScript("arguments[0].scrollIntoView()", changed);
    Chromium.screenshot(browser, "web-8-severity-on-timeline");
  }

  @Test
  void writeAPostmortemAndSeeTheMarkdownPreviewAsOneTypes() {
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    long id = WebTestCatalog.trigger(new Api(port), "events-api", "disk", "Disk full on db-1");
    open(1280, 1000);
    signIn("bob");
    browser.get(url("/incidents/" + id));
    browser.findElement(By.id("action-postmortem")).click();
    wait.until(ExpectedConditions.urlToBe(url("/incidents/" + id + "/postmortem")));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("Postmortem started");
    assertThat(browser.findElement(By.id("preview-timeline")).getText()).contains("Opened: Disk full on db-1");

    WebElement summary = browser.findElement(By.id("pm-summary"));
    summary.clear();
    summary.sendKeys("The **disk** filled up. <script>window.vigilInjected = true</script>");
    WebElement contributing = browser.findElement(By.id("pm-contributing"));
    contributing.sendKeys("- logs were never rotated\n- no disk alert");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-contributing-factors"),
        "no disk alert"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview-summary strong")));
    assertThat(browser.findElement(By.cssSelector("#preview-summary strong")).getText()).isEqualTo("disk");
    assertThat(browser.findElement(By.id("preview-summary")).getText())
        .contains("<script>window.vigilInjected = true</script>");
    assertThat(browser.executeScript("return window.vigilInjected === undefined")).isEqualTo(true);
    assertThat(browser.findElements(By.cssSelector("#preview-contributing-factors li"))).hasSize(2);
    Chromium.screenshot(browser, "web-9-postmortem-preview");

    browser.findElement(By.id("action-save-postmortem")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Postmortem saved."));
    browser.findElement(By.id("item-title")).sendKeys("Rotate the logs daily");
    new Select(browser.findElement(By.id("item-owner"))).selectByValue("alice");
    browser.findElement(By.id("item-tracker")).sendKeys("https://tracker.example.com/OPS-7");
    browser.findElement(By.id("action-add-item")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Action item added."));
    assertThat(browser.findElement(By.cssSelector("#action-items + .table-wrap")).getText())
        .contains("Rotate the logs daily").contains("alice");
    Chromium.screenshot(browser, "web-10-postmortem-saved");

    // On a phone the editor, its preview and the incident page's forms fit without sideways scrolling.
    browser.manage().window().setSize(new Dimension(390, 844));
    for (String path : new String[] {"/incidents/" + id + "/postmortem", "/incidents/" + id}) {
      browser.get(url(path));
      assertThat(browser.executeScript(
          "return document.documentElement.scrollWidth > document.documentElement.clientWidth"))
          .as("no sideways scrolling at 390 px on %s", path).isEqualTo(false);
    }
    browser.findElement(By.xpath("//details[form[@id='form-status-update']]/summary")).sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status-template")));
    assertThat(browser.executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth")).isEqualTo(false);
    Chromium.screenshot(browser, "web-11-phone-status-update");
  }

  @Test
  void onAPhoneTheNavigationAndListFitAndTheKeyboardReachesTheSkipLinkFirst() {
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    long id = WebTestCatalog.trigger(new Api(port), "events-api", "cpu", "CPU saturated on api-2");
    open(390, 844);
    signIn("vera");
    browser.get(url("/incidents"));
    WebElement row = browser.findElement(By.id("incident-" + id));
    assertThat(row.getText()).contains("CPU saturated on api-2");
    Object overflow = browser.executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertThat(overflow).as("no sideways scrolling at 390 px").isEqualTo(false);
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement focused = browser.switchTo().activeElement();
    assertThat(focused.getText()).isEqualTo("Skip to content");
    Chromium.screenshot(browser, "web-5-phone-incidents");
    browser.get(url("/incidents/" + id));
    assertThat(browser.findElements(By.id("action-acknowledge"))).as("a viewer has no actions").isEmpty();
    Chromium.screenshot(browser, "web-6-phone-incident-viewer");
  }

  @Test
  void onAPhoneTheTeamsUsersAndIntegrationsPagesFitAndATestAlertLinksToItsIncident() {
    WebSession.account(jdbc, "ada", PASSWORD, "admin", "alice");
    open(390, 844);
    signIn("ada");
    for (String path : new String[] {"/teams", "/teams/platform", "/users", "/users/alice", "/integrations",
        "/integrations/events-api"}) {
      browser.get(url(path));
      assertThat(browser.executeScript(
          "return document.documentElement.scrollWidth > document.documentElement.clientWidth"))
          .as("no sideways scrolling at 390 px on %s", path).isEqualTo(false);
    }
    Chromium.screenshot(browser, "web-12-phone-integration");
    browser.findElement(By.xpath("//button[text()='Send a test alert']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "opened incident"));
    browser.findElement(By.partialLinkText("Open incident")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Test alert from integration"));
  }
}
