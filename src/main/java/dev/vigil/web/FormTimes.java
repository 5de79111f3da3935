package dev.vigil.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.ui.Model;

/**
 * Times in the pages' forms: read and written in the reader's zone, to the minute, as a {@code datetime-local} field
 * sends them ({@code 2026-01-05T09:00}), or with an offset when one is typed.
 */
public final class FormTimes {

  private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  private FormTimes() {}

  /** The reader's zone, which the layout's model holds (its {@code fmt}); UTC for a page made without it. */
  public static ZoneId readerZone(Model model) {
    return model.getAttribute("fmt") instanceof Formats fmt ? ZoneId.of(fmt.zone()) : ZoneOffset.UTC;
  }

  /** {@code at} as a form field holds it, in {@code zone}. */
  public static String field(Instant at, ZoneId zone) {
    return FIELD.format(at.atZone(zone));
  }

  /** {@code at} as a message quotes a field's time: {@code 2026-01-05 09:00}. */
  public static String shown(Instant at, ZoneId zone) {
    return field(at, zone).replace('T', ' ');
  }

  /** A time typed with its offset, or local and read in {@code zone}. */
  public static Instant parse(String text, ZoneId zone) throws DateTimeParseException {
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(), ZonedDateTime::from,
        LocalDateTime::from);
    return parsed instanceof ZonedDateTime withOffset ? withOffset.toInstant()
        : ((LocalDateTime) parsed).atZone(zone).toInstant();
  }
}
