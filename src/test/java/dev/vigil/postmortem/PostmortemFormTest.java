package dev.vigil.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The postmortem's lists and timeline as text boxes and back, and Markdown made safe. */
class PostmortemFormTest {

  @Test
  void bulletListsRoundTripWithContinuationLines() {
    List<String> entries = List.of("no load test", "alert threshold\ntoo high");
    String text = PostmortemForm.bullets(entries);
    assertThat(text).isEqualTo("- no load test\n- alert threshold\n  too high\n");
    assertThat(PostmortemForm.entries(text)).isEqualTo(entries);
  }

  @Test
  void plainLinesAndBlankLinesMakeEntriesAsMarkdownWould() {
    assertThat(PostmortemForm.entries("first\n\nsecond\ncontinued\n* third\r\n+ fourth\n\n\n"))
        .containsExactly("first", "second\ncontinued", "third", "fourth");
    assertThat(PostmortemForm.entries("")).isEmpty();
    assertThat(PostmortemForm.entries(null)).isEmpty();
  }

  @Test
  void timelineLinesStartWithAnInstantAndBadLinesAreReportedByNumber() {
    List<String> problems = new ArrayList<>();
    List<Postmortems.TimelineEntry> entries = PostmortemForm.timeline(
        "2026-01-05T09:00:00Z Opened\n\n2026-01-05T09:20:00Z   Index added\nat noon rollback\n2026-01-05T10:00:00Z",
        problems);
    assertThat(entries).containsExactly(
        new Postmortems.TimelineEntry(Instant.parse("2026-01-05T09:00:00Z"), "Opened"),
        new Postmortems.TimelineEntry(Instant.parse("2026-01-05T09:20:00Z"), "Index added"));
    assertThat(problems).containsExactly(
        "timeline, line 4: start with a UTC time such as 2026-01-05T09:00:00Z, then the text (got 'at')",
        "timeline, line 5: no text after the time");
    assertThat(PostmortemForm.timeline(entries)).isEqualTo("2026-01-05T09:00:00Z Opened\n"
        + "2026-01-05T09:20:00Z Index added\n");
  }

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
}
