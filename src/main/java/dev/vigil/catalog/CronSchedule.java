package dev.vigil.catalog;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression as crontab writes it (five fields: minute, hour, day of month, month, day of week, with
 * crontab's rule that a restricted day of month or day of week each suffice), in a time zone: when a cron job is
 * expected next. Parsing is cron-utils'; its messages say which field is wrong and why.
 */
public final class CronSchedule {

  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** crontab's nicknames, which cron-utils' crontab definition does not read. */
  private static final Map<String, String> NICKNAMES = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private final String expression;
  private final ExecutionTime times;
  private final ZoneId zone;

  private CronSchedule(String expression, ExecutionTime times, ZoneId zone) {
    this.expression = expression;
    this.times = times;
    this.zone = zone;
  }

  /**
   * The schedule of {@code expression} in {@code zone}, or {@link IllegalArgumentException} saying what is wrong
   * with the expression (a field out of range, the wrong number of fields, a date that never comes).
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("a cron expression has five fields: minute hour day-of-month month"
          + " day-of-week, such as '30 2 * * *'");
    }
    String text = expression.strip();
    String expanded = NICKNAMES.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    Cron cron;
    try {
      cron = PARSER.parse(expanded).validate();
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? "it cannot be read" : e.getMessage()
          .replace("Failed to parse cron expression. ", "")
          .replace("Cron expression contains ", "it has ")
          .replace("but we expect one of [5]", "but crontab has 5: minute hour day-of-month month day-of-week")
          .replace("Nicknames not supported!", "the only nicknames are @yearly, @monthly, @weekly, @daily and"
              + " @hourly");
      throw new IllegalArgumentException(reason, e);
    }
    CronSchedule schedule = new CronSchedule(text, ExecutionTime.forCron(cron), zone);
    // A valid expression can still name a day that never comes, such as the 31st of February.
    if (schedule.next(Instant.EPOCH).isEmpty()) {
      throw new IllegalArgumentException("it never matches a date");
    }
    return schedule;
  }

  /** The first time after {@code after} that the expression matches; empty if there is none. */
  public Optional<Instant> next(Instant after) {
    return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }
}
