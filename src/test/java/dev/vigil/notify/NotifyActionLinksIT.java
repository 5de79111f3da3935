package dev.vigil.notify;

import static dev.vigil.notify.NotifyITSupport.get;
import static dev.vigil.notify.NotifyITSupport.lastEvent;
import static dev.vigil.notify.NotifyITSupport.postForm;
import static dev.vigil.notify.NotifyITSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertIngest;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signed action links on the running application: confirm page, one use, expiry, forgery, escaping. */
@IntegrationTest
class NotifyActionLinksIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired AlertIngest ingest;
  @Autowired ActionLinks links;
  @Autowired NotifyProperties properties;
  @Autowired PublicUrl publicUrl;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @BeforeEach
  void setUp() {
    NotifyITSupport.resetCatalog(jdbc, catalog);
  }

  @AfterEach
  void realTime() {
  }

  long incident(String title) {
    return NotifyITSupport.openIncident(jdbc, queries, ingest, title);
  }

  /** The path of an action link, to call it on this test's port rather than the configured public URL. */
  static String path(String url) {
    return url.substring(url.indexOf(ActionLinks.PATH));
  }

  @Test
  void anEmailedLinkAsksFirstThenAcknowledgesOnceAsTheUserThroughEmail() throws Exception {
    String title = "<script>alert('pwned')</script> API 5xx & \"errors\"";
    long id = incident(title);
    Message message = new Message(1, "ntf-1-0", ContactType.EMAIL, "alice@example.com", "alice",
        new Message.Page(new Message.IncidentSummary(id, title, "api", "triggered", "high", clock.instant(), null, null),
            List.of(), links.acknowledgeUrl(id, "alice", ContactType.EMAIL),
            links.resolveUrl(id, "alice", ContactType.EMAIL)));
    new EmailChannel(new NotifyProperties(null,
        new NotifyProperties.Smtp("127.0.0.1", smtp.getSmtp().getPort(), null, null, null, false), null, null, null, null), publicUrl)
        .send(message);
    String text = EmailChannelTest.parts(smtp.getReceivedMessages()[0], "text/plain").get(0);
    Matcher link = Pattern.compile("Acknowledge: (\\S+)").matcher(text);
    assertThat(link.find()).isTrue();
    assertThat(link.group(1)).startsWith(publicUrl.base() + "/api/v1/actions/");
    String path = path(link.group(1));

    HttpResponse<String> page = get(port, path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.body()).contains("<form method=\"post\">", "Acknowledge as alice",
            "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; API 5xx &amp; &quot;errors&quot;")
        .doesNotContain("<script>");
    assertThat(status(jdbc, id)).as("a GET, as a mail scanner sends, changes nothing").isEqualTo("triggered");
    assertThat(get(port, path).statusCode()).as("and can be repeated").isEqualTo(200);

    HttpResponse<String> done = postForm(port, path, "");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("acknowledged by alice").doesNotContain("<script>");
    assertThat(status(jdbc, id)).isEqualTo("acknowledged");
    assertThat(jdbc.sql("select acknowledged_by from incident where id = :id").param("id", id).query(String.class)
        .single()).isEqualTo("alice");
    assertThat(lastEvent(jdbc, id)).containsExactly("acknowledged", "alice", "email");

    HttpResponse<String> again = postForm(port, path, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already been used").doesNotContain("<script>");
    assertThat(get(port, path).statusCode()).isEqualTo(409);
  }

  @Test
  void aResolveLinkResolvesAndRecordsTheChannelItWasSentThrough() {
    long id = incident("queue backlog");
    String path = path(links.resolveUrl(id, "alice", ContactType.TEAMS));
    assertThat(get(port, path).body()).contains("Resolve as alice");
    assertThat(postForm(port, path, "").statusCode()).isEqualTo(200);
    assertThat(status(jdbc, id)).isEqualTo("resolved");
    assertThat(lastEvent(jdbc, id)).containsExactly("resolved", "alice", "teams");

    String late = path(links.acknowledgeUrl(id, "alice", ContactType.EMAIL));
    assertThat(get(port, late).body()).contains("already resolved").doesNotContain("<form");
    HttpResponse<String> acknowledged = postForm(port, late, "");
    assertThat(acknowledged.statusCode()).isEqualTo(200);
    assertThat(acknowledged.body()).contains("already resolved", "Nothing to acknowledge");
    assertThat(lastEvent(jdbc, id)).containsExactly("resolved", "alice", "teams");
  }

  @Test
  void anExpiredLinkIsGone() {
    long id = incident("disk full");
    String path = path(links.acknowledgeUrl(id, "alice", ContactType.EMAIL));
    clock.advance(properties.actionLinkLifetime().plus(Duration.ofMinutes(1)));

    HttpResponse<String> page = get(port, path);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("expired");
    assertThat(postForm(port, path, "").statusCode()).isEqualTo(410);
    assertThat(status(jdbc, id)).isEqualTo("triggered");
  }

  @Test
  void tamperedGarbledAndOrphanedLinksAreNotFound() {
    long id = incident("cache down");
    String token = links.token(id, ActionLinks.Action.RESOLVE, "alice", ContactType.EMAIL);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String otherIncident = links.token(id + 1000, ActionLinks.Action.RESOLVE, "alice", ContactType.EMAIL);
    for (String bad : List.of(tampered, "nonsense", "a.b", "%3Cscript%3E", otherIncident)) {
      HttpResponse<String> page = get(port, ActionLinks.PATH + bad);
      assertThat(page.statusCode()).as(bad).isEqualTo(404);
      assertThat(page.body()).as(bad).contains("not valid").doesNotContain("<script>");
      assertThat(postForm(port, ActionLinks.PATH + bad, "").statusCode()).as(bad).isEqualTo(404);
    }
    assertThat(status(jdbc, id)).isEqualTo("triggered");
  }

  @Test
  void concurrentUsesOfOneLinkActOnce() throws Exception {
    long id = incident("payments failing");
    String path = path(links.acknowledgeUrl(id, "alice", ContactType.EMAIL));
    var pool = Executors.newFixedThreadPool(6);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Callable<Integer>> clicks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        clicks.add(() -> postForm(port, path, "").statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(clicks)) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
    assertThat(jdbc.sql("select count(*) from incident_event where incident_id = :id and kind = 'acknowledged'")
        .param("id", id).query(Long.class).single()).isEqualTo(1);
  }
}
