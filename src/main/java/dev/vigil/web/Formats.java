package dev.vigil.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the pages show them: in the reader's time zone, and as "5 min ago". */
public final class Formats {

  /** To the minute: seconds are noise on a page that people read, and the exact instant is in {@link #iso}. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final ZoneId zone;
  private final Clock clock;

  public Formats(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * {@code 2026-03-01 03:13 Europe/Paris}: a date and time in a reader's zone, which it names, for text read away from
   * the pages (messages, status updates) where no footer says the zone.
   */
  public static String named(Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone)) + " " + zoneName(zone);
  }

  /** UTC as "UTC" whichever way it was written, any other zone by its region name. */
  public static String zoneName(ZoneId zone) {
    return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** The zone times are shown in, such as Europe/Paris or UTC. */
  public String zone() {
    return zone.getId();
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  /** An ISO-8601 instant for a {@code <time datetime>} attribute. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  public String ago(Instant instant) {
    if (instant == null) {
      return "";
    }
    Duration d = Duration.between(instant, clock.instant());
    if (d.isNegative() || d.toSeconds() < 60) {
      return "just now";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + " min ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + " days ago";
  }

  /**
   * Whether a link from an alert or the catalog may be an anchor: http and https only, so that a sender cannot
   * plant a javascript: link.
   */
  public boolean safeUrl(String url) {
    return url != null && (url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7));
  }

  /** A duration as 1h 5m, 3d 2h, 40s. */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    }
    if (s < 86_400) {
      return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + "m");
    }
    return (s / 86_400) + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + (s % 86_400 / 3600) + "h");
  }

  /**
   * The period an uptime figure covers, to follow "over": the window's own name ("24 hours") only when the figure
   * covers all of it, else how long it does cover, as "the last 14 min" when that reaches the window's end; the
   * window's name too when nothing is covered, since the figure then says "no data".
   *
   * @param coveredFrom the first instant the figure counts, null when none
   * @param coveredTo the end of the last stretch it counts
   */
  public static String coverage(Instant coveredFrom, Instant coveredTo, Instant windowFrom, Instant windowTo,
      String windowName) {
    if (coveredFrom == null || !coveredFrom.isAfter(windowFrom) && !coveredTo.isBefore(windowTo)) {
      return windowName;
    }
    String length = span(Duration.between(coveredFrom, coveredTo));
    return coveredTo.isBefore(windowTo) ? length : "the last " + length;
  }

  /** A length of time as a figure's period reads: 40 s, 14 min, 2 h 5 min, 3 days 4 h (to the nearest unit shown). */
  public static String span(Duration d) {
    long seconds = Math.round(d.toMillis() / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = Math.round(seconds / 60.0);
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    long hours = Math.round(minutes / 60.0);
    return hours / 24 + (hours / 24 == 1 ? " day" : " days") + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
  }
}
