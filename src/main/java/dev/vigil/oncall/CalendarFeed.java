package dev.vigil.oncall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Final shifts as an iCalendar feed (RFC 5545) that Google Calendar, Outlook and Apple Calendar subscribe to: one
 * event per shift, start and end in UTC, and a UID made from the shift itself, so the same shift keeps its UID from
 * one fetch to the next and a changed shift (an override, a swap) replaces the old event.
 */
final class CalendarFeed {

  /** One shift of one schedule. */
  record Entry(String schedule, Shift shift) {}

  /** How often calendar apps are asked to fetch the feed again. */
  static final Duration REFRESH = Duration.ofHours(1);

  private CalendarFeed() {}

  static String render(String title, List<Entry> entries, Instant now) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Vigil//On-call shifts//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    calendar.add(new XProperty("X-WR-CALNAME", title));
    calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));
    calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
    for (Entry e : entries) {
      VEvent event = new VEvent(false);
      event.add(new Uid(uid(e)));
      event.add(new DtStamp(now));
      event.add(new DtStart<>(e.shift().start()));
      event.add(new DtEnd<>(e.shift().end()));
      event.add(new Summary(summary(e)));
      event.add(new Description(description(e)));
      calendar.add(event);
    }
    return calendar.toString();
  }

  /** {@code On call: ana (payments-primary)}. */
  static String summary(Entry e) {
    return "On call: " + String.join(", ", e.shift().users()) + " (" + e.schedule() + ")";
  }

  private static String description(Entry e) {
    Shift s = e.shift();
    StringBuilder text = new StringBuilder("Schedule: " + e.schedule() + "\nOn call: " + String.join(", ", s.users()));
    if (s.layer() != null) {
      text.append("\nLayer: ").append(s.layer());
    }
    if (s.temporary() != null) {
      text.append("\nTemporary schedule: ").append(s.temporary());
    }
    if (!s.overrides().isEmpty()) {
      text.append("\nOverrides: ").append(String.join(", ", s.overrides()));
    }
    return text.toString();
  }

  /** The same for the same shift of the same schedule, whenever the feed is fetched. */
  static String uid(Entry e) {
    String key = e.schedule() + "|" + e.shift().start() + "|" + e.shift().end() + "|"
        + String.join(",", e.shift().users());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16) + "@vigil";
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
