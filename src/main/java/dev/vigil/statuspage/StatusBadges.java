package dev.vigil.statuspage;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * Shields-style SVG badges: a grey label and the state in its colour, with a title for screen readers. Widths come
 * from a per-character estimate, enough for the short texts badges carry.
 */
final class StatusBadges {

  private StatusBadges() {}

  static String svg(String label, ComponentState state) {
    String value = switch (state) {
      case OPERATIONAL -> "operational";
      case UNDER_MAINTENANCE -> "maintenance";
      case DEGRADED -> "degraded";
      case PARTIAL_OUTAGE -> "partial outage";
      case MAJOR_OUTAGE -> "major outage";
    };
    String colour = switch (state) {
      case OPERATIONAL -> "#2e7d32";
      case UNDER_MAINTENANCE -> "#1565c0";
      case DEGRADED -> "#8d6e00";
      case PARTIAL_OUTAGE -> "#c75100";
      case MAJOR_OUTAGE -> "#b71c1c";
    };
    int left = width(label);
    int right = width(value);
    int total = left + right;
    String l = htmlEscape(label);
    String v = htmlEscape(value);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\""
        + " aria-label=\"" + l + ": " + v + "\"><title>" + l + ": " + v + "</title>"
        + "<rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
        + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + colour + "\"/>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + left / 2.0 + "\" y=\"14\">" + l + "</text>"
        + "<text x=\"" + (left + right / 2.0) + "\" y=\"14\">" + v + "</text></g></svg>";
  }

  private static int width(String text) {
    return 10 + (int) Math.ceil(text.length() * 6.5);
  }
}
