package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

  @Test
  void markdownEscapesHtmlAndDropsScriptLinks() {
    String html = MarkdownHtml.render("# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) "
        + "![i](data:image/svg+xml;base64,PHN2Zz4=) [ok](https://example.com) <a href=\"#\" onclick=\"x()\">a</a>");
    assertThat(html).contains("<h1>Title</h1>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script").doesNotContain("javascript:").doesNotContain("data:")
        .doesNotContain("<a href=\"#\"").contains("&lt;a href=&quot;#&quot; onclick=&quot;x()&quot;&gt;")
        .contains("href=\"https://example.com\"");
    assertThat(MarkdownHtml.render("  ")).isEmpty();
    assertThat(MarkdownHtml.render(null)).isEmpty();
  }

  @Test
  void headingsGetGitHubsAnchorsRepeatedOnesNumbered() {
    assertThat(MarkdownHtml.anchors("# The first 5 minutes!\n\n## Who to call? (`pg_ctl`)\n\n## Recover\n\n# Recover\n"))
        .containsExactly("the-first-5-minutes", "who-to-call-pg_ctl", "recover", "recover-1");
  }

  @Test
  void aDocumentsHeadingsAndInternalLinksShareAPrefixAndRelativeLinksGoWhereTheyAreSent() {
    String html = MarkdownHtml.renderDocument("""
        # Recover

        See [below](#recover-1), [the database](primary.md#fail-over), [a file](notes.txt) and
        [a site](https://example.com/x). <b>bold</b>

        ## Recover
        """, "runbook-", link -> link.startsWith("primary.md") ? "/services/primary#runbook-fail-over" : null);
    assertThat(html).contains("<h1 id=\"runbook-recover\">Recover</h1>")
        .contains("<h2 id=\"runbook-recover-1\">Recover</h2>")
        .contains("href=\"#runbook-recover-1\">below</a>")
        .contains("href=\"/services/primary#runbook-fail-over\">the database</a>")
        .contains(" a file and").doesNotContain("notes.txt")
        .contains("href=\"https://example.com/x\"").contains("&lt;b&gt;bold&lt;/b&gt;");
  }

  @Test
  void relativeLinksSayWhereTheyStart() {
    assertThat(MarkdownHtml.relativeLinks("""
        # Title

        Go [up](#title) or to [the mail](mailto:a@example.com).
        - a list item with [another](other.md#x)
        > quoted [third](../third.md)
        """)).containsExactly(new MarkdownHtml.LinkAt(3, 4, "#title"), new MarkdownHtml.LinkAt(4, 20, "other.md#x"),
        new MarkdownHtml.LinkAt(5, 10, "../third.md"));
  }
}
