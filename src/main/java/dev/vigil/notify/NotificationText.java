package dev.vigil.notify;

import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import dev.vigil.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The wording all channels share, so that an incident reads the same in a mail, a chat and a text message. */
final class NotificationText {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private NotificationText() {}

  /** {@code #42 high: API 5xx above 5% (api)}. */
  static String headline(IncidentSummary incident) {
    return "#" + incident.id() + " " + incident.urgency() + ": " + oneLine(incident.title()) + " ("
        + oneLine(incident.service()) + ")";
  }

  /**
   * {@code [Vigil] #42 high: API 5xx above 5% (api)} for a page, with how many bundled incidents come along; the
   * subject line of a bulletin or a notice.
   */
  static String subject(Message message) {
    return "[Vigil] " + switch (message.content()) {
      case Page page -> headline(page.incident()) + more(page);
      case Bulletin bulletin -> oneLine(bulletin.subject());
      case Notice notice -> oneLine(notice.subject());
    };
  }

  /** {@code  (+2 more)}, or nothing when no incident is bundled. */
  static String more(Page page) {
    return page.bundled().isEmpty() ? "" : " (+" + page.bundled().size() + " more)";
  }

  /** {@code 10:16:20 UTC}: when, within the day, a message was queued or is held until, as the timeline says it. */
  static String clockTime(Instant at) {
    return clockTime(at, ZoneOffset.UTC);
  }

  /** {@code 2026-03-01 03:13 Europe/Paris}: a date and time in the reader's zone, which it names. */
  static String time(Instant at, ZoneId zone) {
    return at == null ? "unknown" : Formats.named(at, zone);
  }

  /** {@code 10:16:20 Europe/Paris}: when, within the day, in the reader's zone. */
  static String clockTime(Instant at, ZoneId zone) {
    return CLOCK.format(at.atZone(zone)) + " " + Formats.zoneName(zone);
  }

  /** Collapses line breaks and control characters, which must not reach a mail header or a one-line summary. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
  }

  /** Escapes text for XML content and attribute values (TwiML). */
  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  /**
   * Escapes the Markdown that Adaptive Cards render in text blocks and facts, so that an alert's text shows as
   * written: "[x](https://...)" must not become a link, nor "*x*" emphasis, nor "- x" a list item.
   */
  static String markdown(String text) {
    return text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!|>~<])", "\\\\$1");
  }

  /** Shortens to at most {@code max} characters with a trailing "...". */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return max <= 3 ? text.substring(0, Math.max(0, max)) : text.substring(0, max - 3).stripTrailing() + "...";
  }
}
