package dev.vigil.incident;

import dev.vigil.incident.IncidentRepository.EventRow;
import dev.vigil.web.Formats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's timeline as people tell it: one line per person paged, with what each message did and when the
 * person acknowledged ("Paged Elena (step 1): SMS failed (...), email sent 0.1 s later, acknowledged 2 min later
 * from the email link"), and one line for each other change. Built from the recorded events alone: what was not
 * recorded is not said.
 */
final class TimelineLines {

  /** One line: when it starts, a class for its kind ({@code paged} for a person paged) and its words. */
  record Line(Instant at, String kind, String text) {}

  /** Reads stored details leniently, as {@link TimelineText} does: older rows may hold keys no record has now. */
  private static final JsonMapper STORED = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A person's page while it is being told: the step's words, then each thing that happened, with its time. */
  private static final class Page {
    private final Instant at;
    private final StringBuilder text;
    private Instant last;
    private int parts;

    Page(Instant at, String text) {
      this.at = at;
      this.last = at;
      this.text = new StringBuilder(text);
    }

    /** Adds what happened at {@code when}, saying how long after the previous thing when some time passed. */
    void then(Instant when, String what) {
      then(when, what, "");
    }

    /** As above, with words that follow the delay. */
    void then(Instant when, String what, String tail) {
      text.append(parts++ == 0 ? ": " : ", ").append(what);
      Duration after = Duration.between(last, when);
      if (!after.isNegative() && !after.isZero()) {
        text.append(' ').append(span(after)).append(" later");
      }
      text.append(tail);
      last = when;
    }

    Line line() {
      return new Line(at, "paged", text.toString());
    }
  }

  private TimelineLines() {}

  /** The lines of these events, oldest first; {@code names} gives people's full names by handle. */
  static List<Line> of(List<EventRow> events, Map<String, String> names) {
    List<Object> lines = new ArrayList<>(); // a Line, or a Page still being told
    Map<String, Page> pageOf = new HashMap<>(); // by person: their latest page in this run of the escalation
    Map<Long, Page> byNotification = new HashMap<>();
    Map<Integer, List<String>> told = new HashMap<>(); // by escalated event: the people whose page has its line
    List<TimelineEvent> read = events.stream().map(TimelineLines::read).toList();
    for (int i = 0; i < events.size(); i++) {
      EventRow row = events.get(i);
      TimelineEvent event = read.get(i);
      int index = i; // for the guards below, which need a variable that does not change
      switch (event) {
        case TimelineEvent.Escalated e when e.paged() != null -> {
          for (String user : e.paged()) {
            if (!told.getOrDefault(i, List.of()).contains(user)) {
              Page page = new Page(row.at(), paged(names, user, e));
              pageOf.put(user, page);
              lines.add(page);
            }
          }
        }
        case TimelineEvent.NotificationQueued e when e.bulletin() == null -> {
          int step = stepAhead(read, i, e.user());
          Page page = pageOf.get(e.user());
          if (step >= 0) {
            // A step queues its pages, then records whom it paged: the page's line starts with its first message.
            page = new Page(row.at(), paged(names, e.user(), (TimelineEvent.Escalated) read.get(step)));
            told.computeIfAbsent(step, s -> new ArrayList<>()).add(e.user());
            pageOf.put(e.user(), page);
            lines.add(page);
          } else if (page == null) {
            page = new Page(row.at(), "Paged " + name(names, e.user()));
            pageOf.put(e.user(), page);
            lines.add(page);
          }
          byNotification.put(e.notification(), page);
        }
        case TimelineEvent.NotificationHeld e when byNotification.containsKey(e.notification()) ->
            byNotification.get(e.notification()).then(row.at(), channel(row.channel()) + " held back",
                e.until() == null ? "" : " for " + span(Duration.between(row.at(), Instant.parse(e.until()))));
        case TimelineEvent.NotificationSent e when byNotification.containsKey(e.notification()) ->
            byNotification.get(e.notification()).then(row.at(), channel(row.channel()) + " sent"
                + (e.bundled() == null ? "" : " with " + e.bundled() + " held messages"));
        case TimelineEvent.NotificationDelivered e when byNotification.containsKey(e.notification()) ->
            byNotification.get(e.notification()).then(row.at(), channel(row.channel()) + " delivered");
        case TimelineEvent.NotificationFailed e when e.notification() != null
            && byNotification.containsKey(e.notification()) ->
            byNotification.get(e.notification()).then(row.at(), channel(row.channel()) + " failed ("
                + e.error() + ")");
        case TimelineEvent.NotificationFailed e when e.notification() == null && pageOf.containsKey(e.user()) ->
            pageOf.get(e.user()).then(row.at(), "no message could leave (" + e.error() + ")");
        case TimelineEvent.NotificationFailed e when e.notification() == null
            && stepAhead(read, index, e.user()) >= 0 -> {
          // A step found no way to reach the person before it recorded whom it paged: the same line tells both.
          int step = stepAhead(read, index, e.user());
          Page page = new Page(row.at(), paged(names, e.user(), (TimelineEvent.Escalated) read.get(step)));
          told.computeIfAbsent(step, s -> new ArrayList<>()).add(e.user());
          pageOf.put(e.user(), page);
          lines.add(page);
          page.then(row.at(), "no message could leave (" + e.error() + ")");
        }
        case TimelineEvent.Acknowledged e when row.actor() != null && pageOf.containsKey(row.actor()) ->
            pageOf.get(row.actor()).then(row.at(), "acknowledged", how(row.channel()));
        case TimelineEvent.Reopened e -> {
          pageOf.clear(); // a new run of the escalation pages afresh
          lines.add(line(row));
        }
        case TimelineEvent.NotificationQueued e -> { } // a bulletin: its status update or reminder says it
        case TimelineEvent.NotificationHeld e -> { }
        case TimelineEvent.NotificationSent e -> { }
        case TimelineEvent.NotificationDelivered e -> { }
        case null -> lines.add(new Line(row.at(), row.kind(), words(row.kind()) + by(row.actor())));
        default -> lines.add(line(row));
      }
    }
    return lines.stream().map(l -> l instanceof Page p ? p.line() : (Line) l).toList();
  }

  private static TimelineEvent read(EventRow row) {
    return Timeline.Kind.stored(row.kind()).<TimelineEvent>map(k -> STORED.convertValue(row.detail(), k.type()))
        .orElse(null);
  }

  private static String paged(Map<String, String> names, String user, TimelineEvent.Escalated step) {
    return "Paged " + name(names, user) + (step.step() == null ? "" : " (step " + step.step() + ")");
  }

  /**
   * The escalated event that records the page queued at {@code queued}, when one follows the step's other queued
   * pages and pages {@code user}; -1 when the page was queued on its own (the next contact method after a failure).
   */
  private static int stepAhead(List<TimelineEvent> events, int queued, String user) {
    for (int j = queued + 1; j < events.size(); j++) {
      switch (events.get(j)) {
        case TimelineEvent.NotificationQueued q -> { }
        case TimelineEvent.NotificationFailed f when f.notification() == null -> { }
        case TimelineEvent.Escalated e -> {
          return e.paged() != null && e.paged().contains(user) ? j : -1;
        }
        case null, default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  /** Any other event as one line: a postmortem's words where it has some, else its kind in words. */
  private static Line line(EventRow row) {
    String text = TimelineText.describe(row.kind(), row.actor(), row.channel(), row.detail());
    if (text == null) {
      Object summary = row.detail().get("summary");
      text = switch (row.kind()) {
        case "alert_added" -> "Alert fired: " + summary;
        case "alert_resolved" -> "Alert stopped firing: " + summary;
        default -> words(row.kind()) + by(row.actor());
      };
    }
    if (row.kind().equals("acknowledged") && row.channel() != null) {
      text = "Acknowledged by " + (row.actor() == null ? "Vigil" : row.actor()) + how(row.channel());
    }
    return new Line(row.at(), row.kind(), text);
  }

  private static String name(Map<String, String> names, String user) {
    return names.getOrDefault(user, user);
  }

  private static String words(String kind) {
    String words = kind.replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  private static String by(String actor) {
    return actor == null ? "" : " by " + actor;
  }

  /** A contact method's type as people name it. */
  private static String channel(String type) {
    if (type == null) {
      return "message";
    }
    return switch (type) {
      case "sms" -> "SMS";
      case "voice" -> "voice call";
      case "slack" -> "Slack message";
      case "teams" -> "Teams message";
      default -> type;
    };
  }

  /** Where an acknowledgement came from, as people say it. */
  private static String how(String channel) {
    if (channel == null) {
      return "";
    }
    return switch (channel) {
      case "email" -> " from the email link";
      case "slack" -> " from Slack";
      case "sms" -> " by SMS reply";
      case "voice" -> " on the phone call";
      case "web" -> " in the console";
      case "api" -> " through the API";
      default -> " via " + channel;
    };
  }

  /** A delay as people read it: tenths of a second under a second, else as {@link Formats#span}. */
  static String span(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return String.format(Locale.ROOT, "%.1f s", Math.max(d.toMillis(), 100) / 1000.0);
    }
    return Formats.span(d);
  }
}
