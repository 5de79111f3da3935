package dev.vigil.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
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
        "2026-01-05T09:00:00Z Opened\n\n2026-01-05T10:20   Index added\nat noon rollback\n2026-01-05T10:00:00Z\n"
            + "2026-01-05T11:00+01:00 Offset kept",
        ZoneId.of("Europe/Paris"), problems);
    assertThat(entries).as("a time without an offset is in the reader's zone").containsExactly(
        new Postmortems.TimelineEntry(Instant.parse("2026-01-05T09:00:00Z"), "Opened"),
        new Postmortems.TimelineEntry(Instant.parse("2026-01-05T09:20:00Z"), "Index added"),
        new Postmortems.TimelineEntry(Instant.parse("2026-01-05T10:00:00Z"), "Offset kept"));
    assertThat(problems).containsExactly(
        "timeline, line 4: start with a time in Europe/Paris such as 2026-01-05T09:00, then the text (got 'at')",
        "timeline, line 5: no text after the time");
    assertThat(PostmortemForm.timeline(entries, ZoneId.of("Europe/Paris"))).as("to the minute, in the zone")
        .isEqualTo("2026-01-05T10:00 Opened\n2026-01-05T10:20 Index added\n2026-01-05T11:00 Offset kept\n");
    assertThat(PostmortemForm.timeline(List.of(new Postmortems.TimelineEntry(Instant.parse("2026-01-05T09:00:30Z"),
        "Paged")), ZoneId.of("UTC"))).as("seconds where there are some").isEqualTo("2026-01-05T09:00:30 Paged\n");
  }
}
