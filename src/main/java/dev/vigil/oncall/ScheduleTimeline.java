package dev.vigil.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * A schedule drawn over one or two weeks on one time axis in the reader's zone: a row per layer with that layer's own
 * shifts, a row of overrides and a row of the final shifts with their gaps, days marked and labelled and now marked.
 * Positions are percentages of the drawing's width, so that it shrinks to the page instead of scrolling sideways, and
 * colours are classes (one per person, from a small palette), since the Content-Security-Policy forbids styles.
 */
final class ScheduleTimeline {

  /** How many colours people take in turn; the stylesheet defines {@code tl-person-0} to one less than this. */
  static final int PALETTE = 6;
  /** Room above the rows for the day labels. */
  static final int TOP = 20;
  /** A row: its label on one line, its bars below. */
  static final int ROW = 44;
  static final int LABEL = 14;
  static final int BAR = 22;
  /** A bar is never drawn narrower than this share of the width (in percent), so that a short override shows. */
  static final double MIN_WIDTH = 0.2;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ROOT);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d", Locale.ROOT);
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

  /** The drawing: its height in pixels, day marks, rows, where now is (null outside the range) and the people. */
  record Drawing(int height, int axisBottom, List<DayMark> days, List<Row> rows, String now, List<Key> people) {

    /**
     * The drawing as SVG markup, every text escaped: written here rather than in the page's template because the
     * layout takes the page's {@code <title>} elements for its own, and each bar's name is a {@code <title>}.
     */
    public String svg(String title) {
      StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""
          + " width=\"100%\" height=\"").append(height).append("\" role=\"group\" aria-label=\"")
          .append(escape(title)).append("\"><title>").append(escape(title)).append("</title>");
      for (DayMark d : days) {
        svg.append("<line class=\"tl-day\" x1=\"").append(d.x()).append("\" x2=\"").append(d.x())
            .append("\" y1=\"0\" y2=\"").append(axisBottom).append("\"/><text class=\"tl-day-label\" x=\"")
            .append(d.x()).append("\" dx=\"3\" y=\"13\">").append(escape(d.label())).append("</text>");
      }
      for (Row r : rows) {
        svg.append("<g class=\"tl-row\"><text class=\"tl-row-label\" x=\"2\" y=\"").append(r.labelY()).append("\">")
            .append(escape(r.label())).append("</text>");
        for (Bar b : r.bars()) {
          svg.append("<g class=\"tl-bar\"><title>").append(escape(b.text())).append("</title>");
          for (Stripe s : b.stripes()) {
            svg.append("<rect class=\"").append(s.css()).append("\" x=\"").append(s.x()).append("\" width=\"")
                .append(s.width()).append("\" y=\"").append(s.y()).append("\" height=\"").append(s.height())
                .append("\"/>");
          }
          svg.append("</g>");
        }
        svg.append("</g>");
      }
      if (now != null) {
        svg.append("<line class=\"tl-now\" x1=\"").append(now).append("\" x2=\"").append(now)
            .append("\" y1=\"0\" y2=\"").append(axisBottom).append("\"/><text class=\"tl-now-label\" x=\"")
            .append(now).append("\" dx=\"-3\" y=\"13\">now</text>");
      }
      return svg.append("</svg>").toString();
    }
  }

  /** The start of a day: where its line is drawn and its label. */
  record DayMark(String x, String label) {}

  /** A row: its label and where it sits, with its bars. */
  record Row(String label, int labelY, List<Bar> bars) {}

  /** A shift, an override or a gap: what it says in words, and its stripes (one per person, or one for a gap). */
  record Bar(String text, List<Stripe> stripes) {}

  /** One rectangle of a bar. */
  record Stripe(String x, String width, String y, String height, String css) {}

  /** A person and their colour, for the legend. */
  record Key(String person, String css) {}

  /** An override as the timeline shows it: whom it adds and whom it takes off call (either may be null). */
  record OverrideSpan(String id, Instant start, Instant end, String add, String remove) {}

  private final Instant from;
  private final Instant to;
  private final ZoneId zone;
  private final Map<String, Integer> colours;
  private final Set<String> people = new LinkedHashSet<>();

  /**
   * @param colours each person's place in the palette's order (the catalog's users by name), so that a person keeps
   *     their colour on every schedule and week
   */
  private ScheduleTimeline(Instant from, Instant to, ZoneId zone, Map<String, Integer> colours) {
    this.from = from;
    this.to = to;
    this.zone = zone;
    this.colours = colours;
  }

  /**
   * Draws {@code [from, to)} (midnights in {@code zone}): {@code layers} holds each layer's name with its own shifts,
   * then the overrides and the final shifts with the gaps between them.
   */
  static Drawing draw(Instant from, Instant to, ZoneId zone, Instant now, Map<String, List<Shift>> layers,
      List<OverrideSpan> overrides, List<Shift> shifts, Map<String, Integer> colours) {
    return new ScheduleTimeline(from, to, zone, colours).drawing(now, layers, overrides, shifts);
  }

  private Drawing drawing(Instant now, Map<String, List<Shift>> layers, List<OverrideSpan> overrides,
      List<Shift> shifts) {
    List<Row> rows = new ArrayList<>();
    layers.forEach((name, own) -> rows.add(row("Layer " + name, rows.size(),
        own.stream().map(s -> shift(s, rows.size(), "layer " + name + ": ")).toList())));
    rows.add(row("Overrides", rows.size(), overrides.stream().map(o -> override(o, rows.size())).toList()));
    List<Bar> finals = new ArrayList<>();
    Instant cursor = from;
    for (Shift s : shifts) {
      if (s.start().isAfter(cursor)) {
        finals.add(gap(cursor, s.start(), rows.size()));
      }
      finals.add(shift(s, rows.size(), "on call: "));
      cursor = s.end();
    }
    if (cursor.isBefore(to)) {
      finals.add(gap(cursor, to, rows.size()));
    }
    rows.add(row("On call", rows.size(), finals));
    int bottom = TOP + rows.size() * ROW;
    List<DayMark> days = new ArrayList<>();
    boolean twoWeeks = Duration.between(from, to).toDays() > 8;
    for (LocalDate d = LocalDate.ofInstant(from, zone); ; d = d.plusDays(1)) {
      Instant start = LocalClock.instant(d.atStartOfDay(), zone);
      if (!start.isBefore(to)) {
        break;
      }
      days.add(new DayMark(percent(start), (twoWeeks ? DATE : DAY).format(d)));
    }
    String nowAt = now.isBefore(from) || !now.isBefore(to) ? null : percent(now);
    List<Key> keys = people.stream().sorted().map(p -> new Key(p, colour(p))).toList();
    return new Drawing(bottom + 4, bottom, days, rows, nowAt, keys);
  }

  private static Row row(String label, int index, List<Bar> bars) {
    return new Row(label, TOP + index * ROW + LABEL - 2, bars);
  }

  private Bar shift(Shift s, int row, String prefix) {
    return new Bar(prefix + String.join(", ", s.users()) + ", " + span(s.start(), s.end()),
        stripes(s.start(), s.end(), row, s.users()));
  }

  private Bar override(OverrideSpan o, int row) {
    String change = o.add() != null && o.remove() != null ? o.add() + " replaces " + o.remove()
        : o.add() != null ? o.add() + " comes on call" : o.remove() + " goes off call";
    List<String> who = o.add() != null ? List.of(o.add()) : List.of();
    List<Stripe> stripes = who.isEmpty() ? List.of(stripe(o.start(), o.end(), barY(row), BAR, "tl-off"))
        : stripes(o.start(), o.end(), row, who);
    return new Bar("override " + o.id() + ": " + change + ", " + span(o.start(), o.end()), stripes);
  }

  private Bar gap(Instant start, Instant end, int row) {
    return new Bar("gap: nobody on call, " + span(start, end), List.of(stripe(start, end, barY(row), BAR, "tl-gap")));
  }

  /** One stripe per person, stacked within the bar's height, so that a shift of two shows both colours. */
  private List<Stripe> stripes(Instant start, Instant end, int row, List<String> users) {
    List<Stripe> stripes = new ArrayList<>();
    double height = (double) BAR / users.size();
    for (int i = 0; i < users.size(); i++) {
      people.add(users.get(i));
      stripes.add(stripe(start, end, barY(row) + i * height, height, colour(users.get(i))));
    }
    return stripes;
  }

  private Stripe stripe(Instant start, Instant end, double y, double height, String css) {
    Instant a = start.isBefore(from) ? from : start;
    Instant b = end.isAfter(to) ? to : end;
    double x = share(a);
    double width = Math.max(MIN_WIDTH, share(b) - x);
    return new Stripe(number(x) + "%", number(width) + "%", number(y), number(height), css);
  }

  private static double barY(int row) {
    return TOP + row * ROW + LABEL + 2;
  }

  private String colour(String person) {
    Integer place = colours.get(person);
    return "tl-person-" + Math.floorMod(place == null ? person.hashCode() : place, PALETTE);
  }

  private double share(Instant t) {
    return 100.0 * Duration.between(from, t).toMillis() / Duration.between(from, to).toMillis();
  }

  private String percent(Instant t) {
    return number(share(t)) + "%";
  }

  private String span(Instant start, Instant end) {
    return MOMENT.format(start.atZone(zone)) + " to " + MOMENT.format(end.atZone(zone));
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
  }
}
