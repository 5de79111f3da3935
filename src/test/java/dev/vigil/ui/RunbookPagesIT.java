package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogFiles;
import dev.vigil.catalog.CatalogService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runbooks kept beside the catalog file: stored when it is applied, and shown on service and incident pages. */
@IntegrationTest
class RunbookPagesIT {

  static final String PASSWORD = "correct horse battery";

  static final String API_RUNBOOK = """
      # API errors

      <script>alert('runbook')</script>

      ## First steps

      Read the [error budget](#error-budget) first. Payment's runbook: [payment](payment.md).

      ## Error budget
      """;

  static final String PAYMENT_RUNBOOK = """
      # Payment failing

      When the API fails too, start with [its first steps](api.md#first-steps).
      """;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired CatalogFiles files;
  @TempDir Path dir;

  @BeforeEach
  void setUp() throws IOException {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, WebTestCatalog.YAML
        .replace("    runbook_url: https://runbooks.example.com/api\n",
            "    runbook_url: https://runbooks.example.com/api\n    runbook: runbooks/api.md\n")
        .replace("    correlate_upstream: false\n", "    correlate_upstream: false\n    runbook: runbooks/payment.md\n"));
    Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(dir.resolve("runbooks/api.md"), API_RUNBOOK);
    Files.writeString(dir.resolve("runbooks/payment.md"), PAYMENT_RUNBOOK);
    CatalogFiles.Outcome applied = files.apply(file, false);
    assertThat(applied.valid()).as(applied.problems().toString()).isTrue();
    assertThat(applied.plan().changes()).filteredOn(c -> c.name().equals("api")).singleElement()
        .satisfies(c -> assertThat(c.fields()).contains("runbook"));
    // From here on the node has only the stored catalog, as every other node of the cluster has.
    Files.delete(dir.resolve("runbooks/api.md"));
    Files.delete(dir.resolve("runbooks/payment.md"));
  }

  WebSession vera() {
    WebSession web = new WebSession(port);
    assertThat(web.signIn("vera", PASSWORD).location()).isEqualTo("/");
    return web;
  }

  @Test
  void applyingTheFileStoresTheRunbooksTextWithTheService() {
    assertThat(jdbc.sql("select spec -> 'runbook' ->> 'markdown' from service where name = 'api'")
        .query(String.class).single()).isEqualTo(API_RUNBOOK);
    assertThat(jdbc.sql("select spec -> 'runbook' ->> 'path' from service where name = 'payment'")
        .query(String.class).single()).isEqualTo("runbooks/payment.md");
  }

  @Test
  void theServicePageShowsItsRunbookRenderedWithHtmlAsText() {
    String page = vera().get("/services/api").body();
    String runbook = page.substring(page.indexOf("<article id=\"runbook\""));
    assertThat(runbook).contains("runbooks/api.md, beside the catalog file")
        .contains("<h2 id=\"runbook-first-steps\">First steps</h2>")
        .contains("href=\"#runbook-error-budget\">error budget</a>")
        .contains("href=\"/services/payment#runbook\">payment</a>")
        .contains("&lt;script&gt;alert('runbook')&lt;/script&gt;").doesNotContain("<script>alert");
    assertThat(page).contains("https://runbooks.example.com/api");
  }

  @Test
  void theIncidentPageShowsTheRunbookUnderTheIncidentsFactsWithTheOpenIncidentsUpstream() {
    Api api = new Api(port);
    long upstream = WebTestCatalog.trigger(api, "events-api", "api-down", "API down");
    long incident = WebTestCatalog.trigger(api, "events-payment", "pay-down", "Payments <b>failing</b>");

    String page = vera().get("/incidents/" + incident).body();
    assertThat(page).contains("<a href=\"#runbook\">below</a>");
    String runbook = page.substring(page.indexOf("<section id=\"runbook\""));
    assertThat(runbook.indexOf("Upstream incidents")).isLessThan(runbook.indexOf("<h1 id=\"runbook-payment-failing\""));
    assertThat(runbook).contains("href=\"/services/payment\">payment</a>")
        .contains("href=\"/incidents/" + upstream + "\">#" + upstream + " api: API down</a>")
        .contains("href=\"/services/api#runbook-first-steps\">its first steps</a>");

    String upstreamPage = vera().get("/incidents/" + upstream).body();
    assertThat(upstreamPage.substring(upstreamPage.indexOf("<section id=\"runbook\"")))
        .contains("none open").contains("&lt;script&gt;").doesNotContain("<script>alert");
  }
}
