package dev.vigil.postmortem;

import dev.vigil.web.FormTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postmortem as the editor shows it in text boxes, and back: a list (contributing factors, what went well...)
 * is a Markdown bullet list, one item per entry; the timeline is one line per entry, an ISO-8601 instant then the
 * text.
 */
final class PostmortemForm {

  private static final Pattern BULLET = Pattern.compile("^ {0,3}[-*+] +(.*)$");

  private PostmortemForm() {}

  /** The entries as a bullet list, continuation lines indented. */
  static String bullets(List<String> entries) {
    StringBuilder out = new StringBuilder();
    for (String e : entries) {
      out.append("- ").append(e.strip().replace("\n", "\n  ")).append('\n');
    }
    return out.toString();
  }

  /**
   * The entries of a bullet list: each bullet starts one; a line that is not a bullet continues the entry above it
   * (as in Markdown), or starts one after a blank line or at the top.
   */
  static List<String> entries(String text) {
    List<String> entries = new ArrayList<>();
    if (text == null) {
      return entries;
    }
    StringBuilder current = null;
    for (String line : text.split("\r?\n", -1)) {
      Matcher bullet = BULLET.matcher(line);
      if (bullet.matches()) {
        current = add(entries, current);
        current = new StringBuilder(bullet.group(1).strip());
      } else if (line.isBlank()) {
        current = add(entries, current);
      } else if (current == null) {
        current = new StringBuilder(line.strip());
      } else {
        current.append('\n').append(line.strip());
      }
    }
    add(entries, current);
    return entries;
  }

  private static StringBuilder add(List<String> entries, StringBuilder current) {
    if (current != null && !current.isEmpty()) {
      entries.add(current.toString());
    }
    return null;
  }

  /**
   * The timeline, one line per entry: the time in the reader's zone (seconds only where there are some), a space,
   * the text.
   */
  static String timeline(List<Postmortems.TimelineEntry> entries, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    for (Postmortems.TimelineEntry e : entries) {
      out.append(LocalDateTime.ofInstant(e.at(), zone)).append(' ').append(e.text().replace('\n', ' ')).append('\n');
    }
    return out.toString();
  }

  /**
   * The timeline's lines as entries, their times in the reader's zone unless they carry an offset; a line that does
   * not start with a time is a problem, by line number.
   */
  static List<Postmortems.TimelineEntry> timeline(String text, ZoneId zone, List<String> problems) {
    List<Postmortems.TimelineEntry> entries = new ArrayList<>();
    if (text == null) {
      return entries;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      String at = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1).strip();
      try {
        Instant instant = FormTimes.parse(at, zone);
        if (rest.isEmpty()) {
          problems.add("timeline, line " + (i + 1) + ": no text after the time");
        } else {
          entries.add(new Postmortems.TimelineEntry(instant, rest));
        }
      } catch (DateTimeParseException e) {
        problems.add("timeline, line " + (i + 1) + ": start with a time in " + zone.getId() + " such as"
            + " 2026-01-05T09:00, then the text (got '" + (at.length() > 40 ? at.substring(0, 40) + "…" : at) + "')");
      }
    }
    return entries;
  }
}
