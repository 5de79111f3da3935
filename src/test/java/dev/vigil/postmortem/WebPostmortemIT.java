package dev.vigil.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The postmortem editor: the pre-filled timeline, Markdown rendered on the server with HTML and script made inert,
 * saving with refusals next to the form, action items added, moved on and deleted, the Markdown export, and the
 * viewer's read-only page.
 */
@IntegrationTest
class WebPostmortemIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  long id;
  WebSession bob;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    WebSession.account(jdbc, "alice", PASSWORD, "responder", "alice");
    id = WebTestCatalog.trigger(new Api(port), "events-api", "latency", "API latency high");
    bob = as("bob");
    bob.get(page());
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  String page() {
    return "/incidents/" + id;
  }

  String pm() {
    return page() + "/postmortem";
  }

  /** Starts the postmortem and follows the redirect, as a browser does. */
  void start() {
    assertThat(bob.post(pm(), Map.of()).location()).isEqualTo(pm());
    assertThat(bob.get(pm()).body()).contains("Postmortem started");
  }

  List<String> timeline(String kind) {
    return WebTestCatalog.events(jdbc, id, kind);
  }

  static Map<String, String> document(String summary, String timeline) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("summary", summary);
    form.put("impact", "Searches were *slow* for 20 minutes.");
    form.put("rootCause", "A missing index.\n\n```\nselect * from car\n```");
    form.put("contributingFactors", "- no load test\n- alert threshold\n  too high\n");
    form.put("fiveWhys", "");
    form.put("wentWell", "- paging worked");
    form.put("wentBadly", "");
    form.put("timeline", timeline);
    form.put("owner", "alice");
    form.put("status", "in_review");
    return form;
  }

  @Test
  void withoutAPostmortemThePageIsNotFound() {
    assertThat(bob.get(pm()).status()).isEqualTo(404);
    assertThat(bob.get(pm()).body()).contains("has no postmortem");
    assertThat(bob.post(pm() + "/preview", Map.of("summary", "x")).status()).isEqualTo(404);
  }

  @Test
  void aReopenedIncidentsImpactSaysWhenItWasOpen() {
    Api api = new Api(port);
    Api.Response resolved = api.post("/api/v1/integrations/" + WebTestCatalog.key(api, "events-api") + "/events", null,
        "{\"fingerprint\": \"latency\", \"action\": \"resolve\"}");
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(WebTestCatalog.trigger(api, "events-api", "latency", "API latency high again")).isEqualTo(id);
    // Its severity required a postmortem when it resolved: the page is there.
    String page = bob.get(pm()).body();
    assertThat(page).contains("<dt>Open</dt>");
    assertThat(page.replaceAll("<[^>]+>", ""))
        .containsPattern("[0-9-]+ [0-9:]+ to [0-9-]+ [0-9:]+; [0-9-]+ [0-9:]+ to now");
  }

  @Test
  void theEditorStartsFromTheIncidentsTimelineAndThePreviewRendersMarkdownWithScriptInert() {
    start();
    String editor = bob.get(pm()).body();
    assertThat(editor).contains("id=\"postmortem-form\"").contains("hx-post=\"/incidents/" + id
        + "/postmortem/preview\"").contains("Opened: API latency high (from events)")
        .contains(">API latency high</textarea>").contains("href=\"/incidents/" + id + "/postmortem.md\"");

    Map<String, String> hostile = document("**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)>"
        + " [click](javascript:alert(3)) [docs](https://docs.example.com/a)",
        "2026-01-05T09:00:00Z Opened <b>here</b>\nnot a time line");
    WebSession.Page preview = bob.post(pm() + "/preview", hostile);
    assertThat(preview.status()).isEqualTo(200);
    String html = preview.body();
    assertThat(html).startsWith("<div id=\"preview\"").doesNotContain("<html")
        .contains("<strong>Bold</strong>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(2)&gt;").doesNotContain("<script").doesNotContain("<img")
        .doesNotContain("javascript:")
        .contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://docs.example.com/a\">docs</a>")
        .contains("<em>slow</em>").contains("<code>select * from car").contains("<li><p>no load test</p>")
        .contains("alert threshold\ntoo high").contains("Opened &lt;b&gt;here&lt;/b&gt;")
        .contains("timeline, line 2: start with a time in UTC such as 2026-01-05T09:00");
    assertThat(Pattern.compile("<li>").matcher(html.substring(html.indexOf("preview-contributing-factors")))
        .results().count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theTimelineIsWrittenAndShownInTheReadersZone() {
    start();
    WebSession alice = as("alice"); // Europe/Paris
    alice.get(pm());
    WebSession.Page saved = alice.post(pm() + "/document", document("Slow search.",
        "2026-01-05T10:20 Index added\n2026-01-05T09:30:00Z Rolled back"));
    assertThat(saved.location()).as(saved.body()).isEqualTo(pm());
    assertThat(jdbc.sql("select document::text from postmortem where incident_id = :id").param("id", id)
        .query(String.class).single()).contains("2026-01-05T09:20:00Z").contains("2026-01-05T09:30:00Z");
    String editor = alice.get(pm()).body();
    assertThat(editor).contains("a time in Europe/Paris such as").contains("2026-01-05T10:20 Index added\n"
        + "2026-01-05T10:30 Rolled back");
    assertThat(bob.get(pm()).body()).as("bob has no zone: UTC, said so")
        .contains("a time in UTC such as").contains("2026-01-05T09:20 Index added");
  }

  @Test
  void savingTheDocumentStoresEveryFieldAndRefusesBadLinesNextToTheForm() {
    start();
    WebSession.Page bad = bob.post(pm() + "/document", document("Kept summary",
        "2026-01-05T09:00:00Z Opened\nyesterday at noon we rolled back"));
    assertThat(bad.status()).isEqualTo(400);
    String form = bad.body().substring(bad.body().indexOf("id=\"error-document\""));
    assertThat(form).contains("timeline, line 2: start with a time in UTC").contains(">Kept summary</textarea>")
        .contains("yesterday at noon we rolled back</textarea>");
    WebSession.Page badStatus = bob.post(pm() + "/document", Map.of("status", "finished"));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body()).contains("status: &#39;finished&#39; is not one of draft, in_review, published");
    WebSession.Page badOwner = bob.post(pm() + "/document", Map.of("owner", "mallory"));
    assertThat(badOwner.status()).isEqualTo(400);
    assertThat(badOwner.body()).contains("owner: no user named &#39;mallory&#39;");

    WebSession.Page saved = bob.post(pm() + "/document", document("Search was **slow**.",
        "2026-01-05T09:00:00Z Opened\n2026-01-05T09:20:00Z Index added"));
    assertThat(saved.location()).isEqualTo(pm());
    String stored = jdbc.sql("select document::text from postmortem where incident_id = :id").param("id", id)
        .query(String.class).single();
    assertThat(stored).contains("\"summary\": \"Search was **slow**.\"")
        .contains("\"contributingFactors\": [\"no load test\", \"alert threshold\\ntoo high\"]")
        .contains("\"wentWell\": [\"paging worked\"]").contains("\"fiveWhys\": []")
        .contains("\"text\": \"Index added\"").contains("2026-01-05T09:20:00Z");
    assertThat(jdbc.sql("select status || ':' || owner from postmortem where incident_id = :id").param("id", id)
        .query(String.class).single()).isEqualTo("in_review:alice");
    assertThat(timeline("postmortem_updated")).last().asString().startsWith("bob:web:").contains("in_review");

    String after = bob.get(pm()).body();
    assertThat(after).contains("Postmortem saved.").contains("Search was <strong>slow</strong>.")
        .contains("id=\"postmortem-status\">in review<");
    // The editor shows the stored lists as bullets, ready for the next edit.
    assertThat(after).contains("- no load test\n- alert threshold\n  too high\n</textarea>");

    String viewer = as("vera").get(pm()).body();
    assertThat(viewer).contains("Search was <strong>slow</strong>.").doesNotContain("postmortem-form")
        .doesNotContain("form-item").contains("The postmortem");
  }

  @Test
  void actionItemsAreAddedMovedOnAndDeleted() {
    start();
    WebSession.Page badDate = bob.post(pm() + "/action-items", Map.of("title", "Add the index", "dueDate",
        "next week", "trackerUrl", ""));
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body().substring(badDate.body().indexOf("id=\"error-item\"")))
        .contains("dueDate: expected a date such as 2026-12-01, got &#39;next week&#39;")
        .contains("value=\"Add the index\"");
    WebSession.Page badLink = bob.post(pm() + "/action-items", Map.of("title", "x", "trackerUrl",
        "javascript:alert(1)"));
    assertThat(badLink.status()).isEqualTo(400);
    assertThat(badLink.body()).contains("trackerUrl: expected an http:// or https:// URL");
    WebSession.Page noTitle = bob.post(pm() + "/action-items", Map.of("title", " "));
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.body()).contains("title: an action item needs a title");

    WebSession.Page added = bob.post(pm() + "/action-items", Map.of("title", "Add the <index>", "owner", "alice",
        "dueDate", "2026-12-01", "trackerUrl", "https://tracker.example.com/OPS-1"));
    assertThat(added.location()).isEqualTo(pm() + "#action-items");
    long item = jdbc.sql("select id from action_item where incident_id = :id").param("id", id)
        .query(Long.class).single();
    String listed = bob.get(pm()).body();
    String row = listed.substring(listed.indexOf("id=\"item-" + item + "\""));
    assertThat(row).contains("Add the &lt;index&gt;").contains(">alice<").contains(">2026-12-01<")
        .contains("href=\"https://tracker.example.com/OPS-1\"");
    assertThat(timeline("action_item_added")).singleElement().asString().startsWith("bob:web:");

    WebSession.Page badStatus = bob.post(pm() + "/action-items/" + item, Map.of("status", "finished"));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body().substring(badStatus.body().indexOf("id=\"error-item-" + item + "\"")))
        .contains("status: &#39;finished&#39; is not one of open, in_progress, done, wont_do");
    assertThat(bob.post(pm() + "/action-items/" + item, Map.of("status", "done")).status()).isEqualTo(302);
    assertThat(jdbc.sql("select status from action_item where id = :id").param("id", item).query(String.class)
        .single()).isEqualTo("done");
    assertThat(bob.post(pm() + "/action-items/" + (item + 1000), Map.of("status", "done")).status())
        .isEqualTo(404);

    assertThat(bob.post(pm() + "/action-items/" + item + "/delete", Map.of()).location())
        .isEqualTo(pm() + "#action-items");
    assertThat(jdbc.sql("select count(*) from action_item where incident_id = :id").param("id", id)
        .query(Integer.class).single()).isZero();
    assertThat(timeline("action_item_deleted")).singleElement().asString().contains("Add the <index>");
    assertThat(bob.post(pm() + "/action-items/" + item + "/delete", Map.of()).status()).isEqualTo(404);
    assertThat(bob.get(pm()).body()).contains("No action items yet.");
  }

  @Test
  void theMarkdownExportIsTheApisDocument() {
    start();
    bob.post(pm() + "/document", document("Search was slow.", "2026-01-05T09:00:00Z Opened"));
    WebSession.Page md = as("vera").get(pm() + ".md");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/markdown"));
    assertThat(md.body()).startsWith("# Postmortem: #" + id + " API latency high")
        .contains("## Summary\n\nSearch was slow.").contains("- no load test");
  }

  @Test
  void viewersCannotEditAndFormsWithoutCsrfAreRefused() {
    start();
    bob.post(pm() + "/action-items", Map.of("title", "Keep me"));
    long item = jdbc.sql("select id from action_item where incident_id = :id").param("id", id)
        .query(Long.class).single();
    WebSession vera = as("vera");
    vera.get(pm());
    for (String path : new String[] {"/document", "/preview", "/action-items", "/action-items/" + item,
        "/action-items/" + item + "/delete"}) {
      assertThat(vera.post(pm() + path, Map.of("summary", "changed", "title", "t", "status", "done")).status())
          .as(path).isEqualTo(403);
      assertThat(bob.postWithoutCsrf(pm() + path, Map.of("summary", "changed", "title", "t", "status", "done"))
          .status()).as("%s without CSRF", path).isEqualTo(403);
    }
    assertThat(jdbc.sql("select title || ':' || status from action_item where id = :id").param("id", item)
        .query(String.class).single()).isEqualTo("Keep me:open");
    assertThat(jdbc.sql("select document->>'summary' from postmortem where incident_id = :id").param("id", id)
        .query(String.class).single()).isEqualTo("API latency high");
  }
}
