package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's chart renderer: its scales, gaps, labels in the reader's zone, and no inline style. */
class SvgChartTest {

  static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static SvgChart.Frame frame(String css) {
    return new SvgChart.Frame("Latency <of> \"api\"", "p50 42 ms", PARIS, css, v -> Math.round(v) + " ms", 100);
  }

  static List<SvgChart.Point> points(Double... values) {
    return java.util.stream.IntStream.range(0, values.length)
        .mapToObj(i -> new SvgChart.Point(FROM.plus(Duration.ofHours(i)), values[i])).toList();
  }

  @Test
  void aLineBreaksWhereNothingWasMeasuredAndALonePointIsADot() {
    String svg = SvgChart.lines(frame("latency-chart"), FROM, FROM.plus(Duration.ofHours(6)), List.of(
        new SvgChart.Line("p50", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, points(10.0, 20.0, null, 30.0, 40.0,
            null, 50.0))));
    assertThat(Pattern.compile("<polyline class=\"line tone-link\"").matcher(svg).results().count()).isEqualTo(2);
    assertThat(svg).contains("<circle class=\"dot tone-link\"");
    // x from the plot's left edge (56) over 656 units for six hours; y from the bottom (124) up 100 units to 50 ms.
    assertThat(svg).contains("points=\"56.0,104.0 165.3,84.0\"").contains("points=\"384.0,64.0 493.3,44.0\"")
        .contains("cx=\"712.0\" cy=\"24.0\"");
  }

  @Test
  void theValueAxisEndsAtARoundValueAboveTheHighestPointWithAGridlineAtEachStep() {
    String svg = SvgChart.lines(frame("c"), FROM, FROM.plus(Duration.ofHours(1)), List.of(
        new SvgChart.Line("p95", SvgChart.Tone.AMBER, SvgChart.Stroke.DASHED, points(230.0, 410.0))));
    assertThat(svg).contains(">0 ms<").contains(">100 ms<").contains(">500 ms<").doesNotContain(">600 ms<")
        .contains("class=\"line tone-amber dashed\"");
    assertThat(SvgChart.Scale.of(3, null, 100, false).step()).isEqualTo(1);
    assertThat(SvgChart.Scale.of(7, null, 100, false).top()).isEqualTo(8);
    assertThat(SvgChart.Scale.of(0, null, 100, false).top()).isEqualTo(1);
    assertThat(SvgChart.Scale.of(40, 100.0, 100, false).top()).isEqualTo(100);
    // Counts go in whole steps: two incidents are not split in halves.
    assertThat(SvgChart.Scale.of(2, null, 100, false).step()).isEqualTo(0.5);
    assertThat(SvgChart.Scale.of(2, null, 100, true).step()).isEqualTo(1);
    // A short chart gets fewer labelled lines, so that its labels never overlap.
    assertThat(SvgChart.Scale.of(100, 100.0, 20, true).step()).isEqualTo(100);
    assertThat(SvgChart.Scale.of(100, 100.0, 40, true).step()).isEqualTo(50);
    assertThat(SvgChart.Scale.of(100, 100.0, 150, true).step()).isEqualTo(20);
  }

  @Test
  void timesAreLabelledInTheReadersZoneAsPreciselyAsTheirSpacingNeeds() {
    String day = SvgChart.lines(frame("c"), FROM, FROM.plus(Duration.ofHours(24)), List.of());
    // Midnight UTC is 01:00 in Paris in March.
    assertThat(day).contains(">01:00<").contains(">07:00<");
    String month = SvgChart.lines(frame("c"), FROM, FROM.plus(Duration.ofDays(28)), List.of());
    assertThat(month).contains(">2 Mar<").contains(">30 Mar<");
    String year = SvgChart.lines(frame("c"), FROM, FROM.plus(Duration.ofDays(365)), List.of());
    assertThat(year).contains(">Mar 2026<").contains(">Mar 2027<");
  }

  @Test
  void barsStackTheirPartsAndANonZeroPartAlwaysShows() {
    List<SvgChart.Bucket> days = List.of(
        new SvgChart.Bucket(FROM, FROM.plus(Duration.ofDays(1)), null),
        new SvgChart.Bucket(FROM.plus(Duration.ofDays(1)), FROM.plus(Duration.ofDays(2)), "quiet"));
    String svg = SvgChart.bars(frame("counts"), days, List.of(
        new SvgChart.Stack("sev1", SvgChart.Tone.RED, Arrays.asList(2.0, null)),
        new SvgChart.Stack("sev2", SvgChart.Tone.AMBER, Arrays.asList(1.0, 0.0))), null);
    assertThat(Pattern.compile("<g class=\"bucket").matcher(svg).results().count()).isEqualTo(2);
    assertThat(svg).contains("<g class=\"bucket quiet\">");
    // Three in the first bar on an axis up to 3: two thirds red at the bottom, one third amber above it.
    assertThat(svg).contains("class=\"column tone-red\" x=\"88.8\" y=\"57.3\" width=\"262.4\" height=\"66.7\"")
        .contains("class=\"column tone-amber\" x=\"88.8\" y=\"24.0\" width=\"262.4\" height=\"33.3\"")
        .contains("<title>2026-03-02 01:00 to 2026-03-03 01:00: sev1 2 ms, sev2 1 ms</title>")
        .contains(">2 Mar<").contains(">3 Mar<");
    assertThat(Pattern.compile("class=\"column").matcher(svg).results().count()).isEqualTo(2);
    assertThat(svg).contains("class=\"swatch tone-red\"").contains(">sev1</text>").contains(">sev2</text>");

    String thin = SvgChart.bars(frame("c"), days.subList(0, 1), List.of(
        new SvgChart.Stack("up", SvgChart.Tone.GREEN, List.of(99.9)),
        new SvgChart.Stack("down", SvgChart.Tone.RED, List.of(0.1))), 100.0);
    assertThat(thin).contains("class=\"column tone-red\" x=\"121.6\" y=\"22.1\" width=\"524.8\" height=\"2.0\"");
  }

  @Test
  void itSaysWhatItShowsEscapedAndCarriesNoStyle() {
    String svg = SvgChart.lines(frame("latency-chart"), FROM, FROM.plus(Duration.ofHours(6)), List.of(
        new SvgChart.Line("p<50>", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, points(1.0, 2.0))));
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"latency-chart\"")
        .contains("aria-label=\"Latency &lt;of&gt; &quot;api&quot;. p50 42 ms\"")
        .contains("<title>Latency &lt;of&gt; &quot;api&quot;</title><desc>p50 42 ms</desc>")
        .contains(">p&lt;50&gt;</text>").endsWith("</svg>");
    assertThat(svg).doesNotContain("style=").doesNotContain("fill=\"#").doesNotContain("stroke=\"#");
  }
}
