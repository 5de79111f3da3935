package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.Chromium;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.probe.ProbeRollups;
import dev.vigil.slo.SloFixture;
import dev.vigil.system.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every console page and public page in a real browser, at 1280 px and at 390 px, in the light and the dark theme:
 * nothing widens the page or is cut off, a table shown as stacked cards keeps each cell's column name, badges stay on
 * one line on a desktop, and axe-core finds no serious or critical accessibility violation. Each page's screenshot
 * goes to target/screenshots, or to the folder {@code -Dvigil.screenshots} names (docs/ui for docs/ui.md).
 */
@IntegrationTest
class EveryPageBrowserIT {

  static final String PASSWORD = "correct horse battery";

  /**
   * A page to visit: its name (the screenshot's file name) and its path, where {incident} is the test's incident,
   * {probe} its probe and {cover} the form to cover the schedule's first shift.
   */
  record Page(String name, String path) {}

  /** Every page a signed-in admin can open; a new page is one more line here. */
  static final List<Page> CONSOLE = List.of(
      new Page("home", "/"),
      new Page("services", "/services"),
      new Page("service", "/services/api"),
      new Page("incidents", "/incidents"),
      new Page("incident", "/incidents/{incident}"),
      new Page("postmortem", "/incidents/{incident}/postmortem"),
      new Page("schedules", "/schedules"),
      new Page("schedule", "/schedules/platform-primary"),
      new Page("schedule-two-weeks", "/schedules/platform-primary?weeks=2"),
      new Page("cover", "{cover}"),
      new Page("teams", "/teams"),
      new Page("team", "/teams/platform"),
      new Page("users", "/users"),
      new Page("user", "/users/alice"),
      new Page("integrations", "/integrations"),
      new Page("integration", "/integrations/events-api"),
      new Page("probes", "/probes"),
      new Page("probe", "/probes/{probe}"),
      new Page("heartbeats", "/heartbeats"),
      new Page("heartbeat", "/heartbeats/db/nightly-backup"),
      new Page("maintenance", "/maintenance"),
      new Page("changes", "/changes"),
      new Page("reports", "/reports?period=365d"),
      new Page("slos", "/slos"),
      new Page("slo", "/slos/api-availability"),
      new Page("coverage", "/coverage"),
      new Page("status-pages", "/status-pages"),
      new Page("status-pages-example", "/status-pages/example"),
      new Page("customers", "/customers"),
      new Page("customer", "/customers/Acme%20Travel"),
      new Page("customer-statement", "/customers/Acme%20Travel/statement?period=2026-12"),
      new Page("accounts", "/admin/accounts"),
      new Page("error", "/incidents/999999"));

  /** The pages someone sees without signing in. */
  static final List<Page> PUBLIC = List.of(
      new Page("login", "/login"),
      new Page("status-page", "/status/example"),
      new Page("status-subscribe", "/status/example/subscribe"));

  /** The pages also photographed on a phone and in the dark theme. */
  static final Set<String> ALSO_PHONE_AND_DARK = Set.of("home", "incident", "service", "status-page");

  /** Where .ci/run installs axe-core (.ci/npm/package.json). */
  static final Path AXE = Path.of(".ci/npm/node_modules/axe-core/axe.min.js");

  /** A width and a colour scheme the pages are checked at. */
  record Look(int width, int height, String scheme) {
    boolean phone() {
      return width < 640;
    }

    String suffix() {
      return (phone() ? "-phone" : "") + ("dark".equals(scheme) ? "-dark" : "");
    }
  }

  static final List<Look> LOOKS = List.of(new Look(1280, 900, "light"), new Look(1280, 900, "dark"),
      new Look(390, 844, "light"), new Look(390, 844, "dark"));

  /** Scrolls sideways: the page is wider than the screen. */
  static final String WIDER_THAN_THE_SCREEN =
      "return document.documentElement.scrollWidth > document.documentElement.clientWidth";

  /**
   * Elements whose content is cut off: a box that hides what overflows it, or an element that reaches past the
   * screen's edge without a scrolling box around it. Form fields scroll their own text, and the skip link and
   * visually hidden text sit off screen on purpose.
   */
  static final String CLIPPED = """
      const width = document.documentElement.clientWidth;
      const scrolled = el => { for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
      const hides = o => o === 'hidden' || o === 'clip';
      return [...document.body.querySelectorAll('*')].filter(el => {
        if (el.getClientRects().length === 0 || el.closest('.visually-hidden, .skip')) return false;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        const s = getComputedStyle(el);
        const field = el.matches('input, textarea, select') || el.closest('svg') !== null;
        const cut = !field && ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
            || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1));
        return cut || ((r.right > width + 1 || r.left < -1) && !scrolled(el));
      }).slice(0, 5).map(el => el.outerHTML.slice(0, 120));
      """;

  /** Cells of a table shown as cards that do not say which column they belong to. */
  static final String UNLABELLED_CELLS = """
      return [...document.querySelectorAll('table td')]
        .filter(td => td.offsetParent !== null && td.colSpan === 1 && td.textContent.trim() !== ''
          && getComputedStyle(td, '::before').content === 'none')
        .map(td => td.closest('table').querySelector('thead')?.textContent.trim() + ': ' + td.textContent.trim());
      """;

  static final String BROKEN_BADGES = """
      return [...document.querySelectorAll('.badge')].filter(b => b.getClientRects().length > 1
        || b.getBoundingClientRect().height > 2.4 * parseFloat(getComputedStyle(b).fontSize)).map(b => b.textContent);
      """;

  /** axe-core's serious and critical violations, each as its rule, the element and what the rule asks. */
  static final String ACCESSIBILITY = """
      const done = arguments[arguments.length - 1];
      axe.run(document, {resultTypes: ['violations']})
        .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + ') at ' + n.target.join(' ') + ': ' + v.help))))
        .catch(e => done(['axe-core failed: ' + e]));
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  @Autowired ApplicationContext context;
  ChromeDriver browser;
  long probe;
  /** Read from the schedule page once signed in; the public pages, visited before, have no {cover}. */
  String cover = "";

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    catalog.apply(TestCatalogs.load(withProbeAndHeartbeat(WebTestCatalog.YAML) + WebTestCatalog.STATUS_PAGE
        + WebTestCatalog.CUSTOMERS),
        "/etc/vigil-web.yaml", "y");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "root", PASSWORD, "admin", "alice");
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  /**
   * The web catalog with a probe of this application's own health on api, an SLO on that probe, and a heartbeat on
   * db.
   */
  String withProbeAndHeartbeat(String yaml) {
    String api = "    escalation_policy: platform\n  - name: db\n";
    assertThat(yaml).contains(api);
    return yaml.replace(api, """
            escalation_policy: platform
            probes:
              - {name: api-health, kind: http, interval: 10s, http: {url: "http://127.0.0.1:%d/actuator/health"}}
            slos:
              - {name: api-availability, objective: 99, window: 7d, sli: {probe: {probe: api-health}}}
          - name: db
            heartbeats:
              - {name: nightly-backup, period: 1d, grace: 1h}
        """.formatted(port));
  }

  /** The probe's id, once the probe coordinator has taken the catalog's probe (it looks every second). */
  long probeId() {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select id from probe where name = 'api-health'").query(Long.class).optional(), Optional::isPresent).get();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void everyPageFitsEveryScreenInBothThemesAndPassesTheAccessibilityRules() throws IOException {
    if (!Files.isReadable(AXE)) {
      throw new AssertionError("axe-core is not installed in " + AXE.toAbsolutePath()
          + ": run `npm ci --prefix .ci/npm` (as .ci/run does; Debian packages nodejs and npm)");
    }
    String axe = Files.readString(AXE);
    Api api = new Api(port);
    // A deploy that failed just before the incident, for the incident page's recent changes and the changes page.
    assertThat(api.post("/api/v1/deploys", IntegrationTest.ADMIN_TOKEN, """
        {"id": "api-1.4.2", "service": "api", "version": "1.4.2", "author": "alice",
         "description": "checkout on the new payment client", "phase": "failed"}""").status()).isEqualTo(201);
    long id = WebTestCatalog.trigger(api, "events-api", "5xx", "API answers 503 on every route of the"
        + " public gateway, including the long ones");
    WebTestCatalog.trigger(api, "events-api", "ack", "Checkout slow");
    assertThat(api.put("/api/v1/incidents/" + id + "/postmortem", IntegrationTest.ADMIN_TOKEN, "{}").status())
        .isEqualTo(200);
    assertThat(api.post("/api/v1/maintenance-windows", IntegrationTest.ADMIN_TOKEN,
        "{\"service\": \"payment\", \"duration\": \"PT2H\", \"reason\": \"Card processor upgrade\"}").status())
        .isEqualTo(201);
    probe = probeId();
    // An hour of the probe's checks, one failed in 600, for the SLO to burn a little of its budget.
    Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
    for (int i = 0; i < 12; i++) {
      ProbeRollups.write(jdbc, "api", "api-health", hour.minus(Duration.ofMinutes(5L * (12 - i))), 50, i == 6 ? 1 : 0,
          Duration.ofMillis(30));
    }
    SloFixture.evaluateNow(context);
    browser = Chromium.start(1280, 900);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    List<String> problems = new ArrayList<>();
    visit(PUBLIC, id, axe, problems);
    Chromium.signIn(browser, url(""), "root", PASSWORD);
    browser.get(url("/schedules/platform-primary"));
    cover = browser.findElement(By.cssSelector("a.cover")).getAttribute("href").substring(url("").length());
    visit(CONSOLE, id, axe, problems);
    assertThat(problems).as("problems found on the pages").isEmpty();
  }

  /**
   * Opens each page once and checks it in every look: the pages draw themselves with CSS alone (no script of theirs
   * reads the screen), so changing the emulated screen and colour scheme on the open page re-lays it out as a new
   * load would, and axe-core, injected once per page, runs again for each look.
   */
  void visit(List<Page> pages, long incident, String axe, List<String> problems) throws IOException {
    for (Page page : pages) {
      String path = page.path().replace("{incident}", String.valueOf(incident))
          .replace("{probe}", String.valueOf(probe)).replace("{cover}", cover);
      look(LOOKS.getFirst());
      browser.get(url(path));
      browser.executeScript(axe);
      for (Look look : LOOKS) {
        look(look);
        String where = path + " at " + look.width() + " px, " + look.scheme();
        if (Boolean.TRUE.equals(browser.executeScript(WIDER_THAN_THE_SCREEN))) {
          problems.add("sideways scrolling on " + where);
        }
        for (Object element : (List<?>) browser.executeScript(CLIPPED)) {
          problems.add("content cut off on " + where + ": " + element);
        }
        if (look.phone()) {
          for (Object cell : (List<?>) browser.executeScript(UNLABELLED_CELLS)) {
            problems.add("a card's cell without its column's name on " + where + ": " + cell);
          }
        } else {
          for (Object badge : (List<?>) browser.executeScript(BROKEN_BADGES)) {
            problems.add("a badge broken across lines on " + where + ": " + badge);
          }
        }
        for (Object violation : (List<?>) browser.executeAsyncScript(ACCESSIBILITY)) {
          problems.add("accessibility on " + where + ": " + violation);
        }
        if (look.suffix().isEmpty() || ALSO_PHONE_AND_DARK.contains(page.name())) {
          screenshot(page.name() + look.suffix());
        }
      }
    }
  }

  /** Emulates the look's screen and colour scheme on the open page, and on the pages opened after. */
  void look(Look look) {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", look.width(), "height",
        look.height(), "deviceScaleFactor", 1, "mobile", false));
    browser.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", look.scheme()))));
  }

  /** The page as the screen shows it (not the whole page, to keep the committed pictures small). */
  void screenshot(String name) throws IOException {
    Path dir = Path.of(System.getProperty("vigil.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
