package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.springframework.web.util.HtmlUtils;

/**
 * Every chart of the console drawn as SVG on the server in one visual language: lines over time broken where there
 * was no data, stacked bars of values per time bucket, gridlines at round values, time labels in the reader's zone,
 * a legend, and a title and description that say the figures to a screen reader. Colours come only from CSS classes
 * ({@code tone-red}...) that use the stylesheet's custom properties, and nothing carries a style attribute, which
 * the Content-Security-Policy forbids.
 */
public final class SvgChart {

  /** The drawing's width in its own units; the stylesheet scales it to the page. */
  public static final int WIDTH = 720;
  /** Room on the left for the value labels. */
  static final int LEFT = 56;
  static final int RIGHT = 8;
  /** Room above the plot for the legend. */
  static final int TOP = 24;
  /** Room below the plot for the time labels. */
  static final int BOTTOM = 20;
  /** A value that is not zero is never drawn thinner than this, so a short outage still shows. */
  static final double MIN_VISIBLE = 2;

  /** The colours a series may take, each a custom property of the stylesheet; dark themes redefine them. */
  public enum Tone {
    RED, GREEN, AMBER, LINK, MUTED, TEXT;

    String css() {
      return "tone-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a line is drawn, so that series differ by more than colour. */
  public enum Stroke {
    SOLID(""), DASHED(" dashed"), DOTTED(" dotted");

    final String css;

    Stroke(String css) {
      this.css = css;
    }
  }

  /** A measurement at an instant; a null value is a gap (nothing was measured), drawn as a break in the line. */
  public record Point(Instant at, Double value) {}

  /** A named line. */
  public record Line(String name, Tone tone, Stroke stroke, List<Point> points) {}

  /** A time bucket of a bar chart; {@code css} marks its state (such as {@code down}) for styling and tests. */
  public record Bucket(Instant start, Instant end, String css) {}

  /** A named part of each bar, one value per bucket (null counts as zero); parts stack in the order given. */
  public record Stack(String name, Tone tone, List<Double> values) {}

  /**
   * What every chart has: a title, a description that states its figures in words, the zone its times are read in,
   * the class of its {@code <svg>}, how values are written, and the plot's height.
   */
  public record Frame(String title, String description, ZoneId zone, String css, DoubleFunction<String> format,
      int height) {}

  private SvgChart() {}

  /**
   * Lines over {@code [from, to)}, each broken where a point has no value; the value axis starts at zero and ends at
   * the first round value at or above the highest point.
   */
  public static String lines(Frame frame, Instant from, Instant to, List<Line> lines) {
    double max = 0;
    for (Line l : lines) {
      for (Point p : l.points()) {
        max = p.value() == null ? max : Math.max(max, p.value());
      }
    }
    Scale y = Scale.of(max, null, frame.height(), false);
    StringBuilder svg = open(frame);
    grid(svg, y, frame);
    double span = Math.max(1, Duration.between(from, to).toMillis());
    List<Instant> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      ticks.add(from.plusMillis(Math.round(span * i / 4)));
    }
    DateTimeFormatter labels = labels(Duration.between(from, to).dividedBy(4), frame.zone());
    for (int i = 0; i < ticks.size(); i++) {
      double x = LEFT + plotWidth() * i / 4.0;
      svg.append("<line class=\"grid\" x1=\"").append(fixed(x)).append("\" y1=\"").append(TOP).append("\" x2=\"")
          .append(fixed(x)).append("\" y2=\"").append(TOP + frame.height()).append("\"/>");
      timeLabel(svg, x, frame, labels.format(ticks.get(i)), i == 0 ? "axis" : i == 4 ? "axis end" : "axis middle");
    }
    for (Line line : lines) {
      String css = line.tone().css() + line.stroke().css;
      for (List<double[]> run : runs(line.points(), from, span, y)) {
        if (run.size() == 1) {
          svg.append("<circle class=\"dot ").append(line.tone().css()).append("\" cx=\"").append(fixed(run.get(0)[0]))
              .append("\" cy=\"").append(fixed(run.get(0)[1])).append("\" r=\"2.5\"/>");
          continue;
        }
        svg.append("<polyline class=\"line ").append(css).append("\" points=\"");
        for (int i = 0; i < run.size(); i++) {
          svg.append(i == 0 ? "" : " ").append(fixed(run.get(i)[0])).append(',').append(fixed(run.get(i)[1]));
        }
        svg.append("\"/>");
      }
    }
    legend(svg, lines.stream().map(l -> new Key(l.name(), l.tone(), l.stroke())).toList());
    return svg.append("</svg>").toString();
  }

  /**
   * Bars, one per bucket in order, each a stack of the parts' values; {@code max} fixes the value axis (such as 100
   * for shares), else it ends at the first round value at or above the highest bar.
   */
  public static String bars(Frame frame, List<Bucket> buckets, List<Stack> stacks, Double max) {
    int n = buckets.size();
    double highest = 0;
    for (int b = 0; b < n; b++) {
      highest = Math.max(highest, total(stacks, b));
    }
    Scale y = Scale.of(highest, max, frame.height(), true);
    StringBuilder svg = open(frame);
    grid(svg, y, frame);
    double slot = n == 0 ? 0 : plotWidth() / n;
    // Thin gaps between many bars, wider ones between a few, so that each reads as its own bucket.
    double gap = n > 40 ? 1 : Math.max(1, slot * 0.2);
    Duration length = n == 0 ? Duration.ZERO : Duration.between(buckets.get(0).start(), buckets.get(0).end());
    DateTimeFormatter labels = labels(length, frame.zone());
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int b = 0; b < n; b++) {
      Bucket bucket = buckets.get(b);
      double x = LEFT + b * slot;
      svg.append("<g class=\"bucket").append(bucket.css() == null ? "" : " " + escape(bucket.css())).append("\">")
          .append("<title>").append(escape(bucketTitle(bucket, stacks, b, frame))).append("</title>");
      double base = TOP + frame.height();
      for (Stack s : stacks) {
        Double v = b < s.values().size() ? s.values().get(b) : null;
        if (v == null || v <= 0) {
          continue;
        }
        double h = Math.max(MIN_VISIBLE, y.height(v));
        svg.append("<rect class=\"column ").append(s.tone().css()).append("\" x=\"").append(fixed(x + gap / 2))
            .append("\" y=\"").append(fixed(base - h)).append("\" width=\"").append(fixed(Math.max(1, slot - gap)))
            .append("\" height=\"").append(fixed(h)).append("\"/>");
        base -= h;
      }
      svg.append("</g>");
      if (b % every == 0) {
        timeLabel(svg, x + slot / 2, frame, labels.format(bucket.start()), "axis middle");
      }
    }
    legend(svg, stacks.stream().map(s -> new Key(s.name(), s.tone(), null)).toList());
    return svg.append("</svg>").toString();
  }

  /**
   * The value axis: from zero to {@code top} in steps of a round value, at most one labelled line per
   * {@link #LABEL_ROOM} units of height so that labels never overlap, and in whole steps for counts.
   */
  record Scale(double top, double step, int height) {

    static final int LABEL_ROOM = 20;

    static Scale of(double highest, Double fixed, int height, boolean whole) {
      double top = fixed != null ? fixed : highest <= 0 ? 1 : highest;
      double step = step(top, Math.max(1, Math.min(5, height / LABEL_ROOM)));
      if (whole) {
        step = Math.max(1, step);
      }
      return new Scale(fixed != null ? fixed : Math.ceil(top / step - 1e-9) * step, step, height);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that divides {@code top} into at most {@code steps} steps. */
    static double step(double top, int steps) {
      double power = Math.pow(10, Math.floor(Math.log10(top / 4)));
      for (double m : new double[] {1, 2, 5, 10, 20, 50, 100}) {
        if (top / (m * power) <= steps + 1e-9) {
          return m * power;
        }
      }
      return 100 * power;
    }

    double height(double value) {
      return value / top * height;
    }

    double y(double value) {
      return TOP + height - height(value);
    }
  }

  private record Key(String name, Tone tone, Stroke stroke) {}

  private static StringBuilder open(Frame frame) {
    int height = TOP + frame.height() + BOTTOM;
    String label = frame.title() + ". " + frame.description();
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"")
        .append(escape(frame.css())).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" aria-label=\"").append(escape(label)).append("\"><title>").append(escape(frame.title()))
        .append("</title><desc>").append(escape(frame.description())).append("</desc>");
  }

  private static void grid(StringBuilder svg, Scale y, Frame frame) {
    for (double v = 0; v <= y.top() + 1e-9; v += y.step()) {
      double at = y.y(v);
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(fixed(at)).append("\" x2=\"")
          .append(WIDTH - RIGHT).append("\" y2=\"").append(fixed(at)).append("\"/>")
          .append("<text class=\"axis end\" x=\"").append(LEFT - 4).append("\" y=\"").append(fixed(at + 4))
          .append("\">").append(escape(frame.format().apply(v))).append("</text>");
    }
  }

  private static void timeLabel(StringBuilder svg, double x, Frame frame, String text, String css) {
    svg.append("<text class=\"").append(css).append("\" x=\"").append(fixed(x)).append("\" y=\"")
        .append(TOP + frame.height() + 15).append("\">").append(escape(text)).append("</text>");
  }

  private static void legend(StringBuilder svg, List<Key> keys) {
    double x = LEFT;
    for (Key k : keys) {
      if (k.stroke() == null) {
        svg.append("<rect class=\"swatch ").append(k.tone().css()).append("\" x=\"").append(fixed(x))
            .append("\" y=\"5\" width=\"10\" height=\"10\"/>");
      } else {
        svg.append("<line class=\"line ").append(k.tone().css()).append(k.stroke().css).append("\" x1=\"")
            .append(fixed(x)).append("\" y1=\"10\" x2=\"").append(fixed(x + 16)).append("\" y2=\"10\"/>");
      }
      double text = x + (k.stroke() == null ? 14 : 20);
      svg.append("<text class=\"legend\" x=\"").append(fixed(text)).append("\" y=\"14\">").append(escape(k.name()))
          .append("</text>");
      x = text + k.name().length() * 7 + 16;
    }
  }

  /** The runs of consecutive points with a value, as drawing coordinates. */
  private static List<List<double[]>> runs(List<Point> points, Instant from, double span, Scale y) {
    List<List<double[]>> runs = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (Point p : points) {
      if (p.value() == null) {
        if (!current.isEmpty()) {
          runs.add(current);
          current = new ArrayList<>();
        }
        continue;
      }
      double x = LEFT + Math.max(0, Math.min(1, Duration.between(from, p.at()).toMillis() / span)) * plotWidth();
      current.add(new double[] {x, y.y(p.value())});
    }
    if (!current.isEmpty()) {
      runs.add(current);
    }
    return runs;
  }

  private static double total(List<Stack> stacks, int bucket) {
    double sum = 0;
    for (Stack s : stacks) {
      Double v = bucket < s.values().size() ? s.values().get(bucket) : null;
      sum += v == null ? 0 : v;
    }
    return sum;
  }

  private static String bucketTitle(Bucket bucket, List<Stack> stacks, int b, Frame frame) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(frame.zone());
    StringBuilder title = new StringBuilder(f.format(bucket.start())).append(" to ").append(f.format(bucket.end()))
        .append(':');
    for (int i = 0; i < stacks.size(); i++) {
      Double v = b < stacks.get(i).values().size() ? stacks.get(i).values().get(b) : null;
      title.append(i == 0 ? " " : ", ").append(stacks.get(i).name()).append(' ')
          .append(frame.format().apply(v == null ? 0 : v));
    }
    return title.toString();
  }

  /** Time labels as precise as the distance between them needs: hours, days or months. */
  static DateTimeFormatter labels(Duration between, ZoneId zone) {
    String pattern = between.compareTo(Duration.ofHours(20)) < 0 ? "HH:mm"
        : between.compareTo(Duration.ofDays(27)) < 0 ? "d MMM" : "MMM yyyy";
    return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(zone);
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Text and attribute values with the five characters XML gives meaning to escaped (Spring's, as elsewhere). */
  static String escape(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
