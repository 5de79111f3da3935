package dev.vigil.oncall;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.Incidents;
import dev.vigil.notify.Outbox;
import dev.vigil.system.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Heads-up notices: "your shift starts in N hours", with who hands over and the open incidents of the services the
 * schedule covers, sent {@code shift_notice.before} ahead of each stretch a user is on call, through their first
 * contact method and the notification outbox. A recurring job looks every {@code vigil.oncall.notice-interval}; the
 * job runs on one node at a time and every notice has an idempotency key (schedule, user, start), so each is sent
 * once however many nodes run and however often the job looks.
 */
@Component
class ShiftNotices {

  /** How many open incidents a notice lists at most. */
  static final int MAX_INCIDENTS = 20;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final Incidents incidents;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final PublicUrl publicUrl;

  ShiftNotices(CatalogQueries catalog, OnCallService onCall, Incidents incidents, Outbox outbox,
      TransactionTemplate transactions, PublicUrl publicUrl, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.incidents = incidents;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  /** The recurring job. */
  @Configuration(proxyBeanMethods = false)
  static class Job {
    static final String NAME = "shift-notices";

    @Bean
    RecurringTask<Void> shiftNoticesTask(ShiftNotices notices, OnCallProperties properties) {
      return Tasks.recurring(NAME, FixedDelay.of(properties.noticeInterval()))
          .execute((instance, context) -> notices.run());
    }
  }

  /** Queues every notice that is due now; returns how many were queued. */
  int run() {
    Instant now = clock.instant();
    List<Catalog.User> users = catalog.all(CatalogKind.USER, Catalog.User.class).stream()
        .map(CatalogQueries.Managed::object)
        .filter(u -> u.shiftNotice() != null && u.shiftNotice().on() && u.shiftNotice().before() != null)
        .toList();
    if (users.isEmpty()) {
      return 0;
    }
    Duration longest = users.stream().map(u -> u.shiftNotice().before()).max(Duration::compareTo).orElseThrow();
    // Look back a day to tell a new stretch on call from one that goes on, and far enough ahead for every notice.
    Instant from = now.minus(Duration.ofDays(1));
    Instant to = now.plus(longest).plus(Duration.ofDays(1));
    if (Duration.between(from, to).compareTo(OnCallService.MAX_RANGE) > 0) {
      to = from.plus(OnCallService.MAX_RANGE);
    }
    Catalog all = catalog.catalog();
    int queued = 0;
    for (Map.Entry<String, FinalSchedule> entry : onCall.schedules(from, to).entrySet()) {
      List<Shift> shifts = null;
      for (Catalog.User user : users) {
        if (shifts == null) {
          shifts = entry.getValue().shifts(from, to);
        }
        for (OnCallService.Period period : OnCallService.periods(shifts, user.name())) {
          if (period.start().isAfter(now) && !period.start().minus(user.shiftNotice().before()).isAfter(now)
              && period.start().isAfter(from)) {
            queued += queue(user, entry.getValue(), shifts, period, all, now) ? 1 : 0;
          }
        }
      }
    }
    return queued;
  }

  private boolean queue(Catalog.User user, FinalSchedule schedule, List<Shift> shifts, OnCallService.Period period,
      Catalog all, Instant now) {
    ZoneId zone = user.zone().orElse(schedule.zone());
    String subject = "Your on-call shift in " + schedule.name() + " starts in " + human(Duration.between(now,
        period.start())) + " (" + WHEN.format(period.start().atZone(zone)) + " " + zone.getId() + ")";
    List<String> before = shifts.stream().filter(s -> s.end().equals(period.start())).findFirst()
        .map(Shift::users).orElse(List.of());
    Set<String> services = servicesCoveredBy(schedule.name(), all);
    List<IncidentFacts> open = incidents.open(services, MAX_INCIDENTS);
    StringBuilder text = new StringBuilder();
    text.append("You are on call in schedule ").append(schedule.name()).append(" from ")
        .append(WHEN.format(period.start().atZone(zone))).append(" to ").append(WHEN.format(period.end()
            .atZone(zone))).append(" (").append(zone.getId()).append(").\n");
    text.append(before.isEmpty() ? "Nobody is on call just before you.\n"
        : "You take over from " + String.join(", ", before) + ".\n");
    text.append('\n');
    if (services.isEmpty()) {
      text.append("No service pages this schedule.\n");
    } else if (open.isEmpty()) {
      text.append("Handoff: no open incidents on ").append(String.join(", ", services)).append(".\n");
    } else {
      text.append("Handoff: ").append(open.size() == MAX_INCIDENTS ? "at least " : "").append(open.size())
          .append(" open incident").append(open.size() == 1 ? "" : "s").append(" on ")
          .append(String.join(", ", services)).append(":\n");
      for (IncidentFacts f : open) {
        text.append("  #").append(f.id()).append(' ').append(f.urgency()).append(' ').append(f.status()).append(": ")
            .append(f.title().replaceAll("[\\p{Cntrl}\\s]+", " ").strip()).append(" (").append(f.service())
            .append(") since ").append(WHEN.format(f.createdAt().atZone(zone))).append("\n    ")
            .append(publicUrl.incidentPage(f.id())).append('\n');
      }
    }
    String key = "shift-notice-" + schedule.name() + "-" + user.name() + "-" + period.start().toEpochMilli();
    return Boolean.TRUE.equals(transactions.execute(tx -> outbox.notice(user.name(), "shift notice", subject,
        text.toString(), key).isPresent()));
  }

  /** The services whose escalation policy pages this schedule, in catalog order. */
  static Set<String> servicesCoveredBy(String schedule, Catalog catalog) {
    Set<String> policies = new LinkedHashSet<>();
    for (Catalog.EscalationPolicy p : catalog.escalationPolicies()) {
      if (p.steps().stream().flatMap(s -> s.targets().stream()).anyMatch(t -> schedule.equals(t.schedule()))) {
        policies.add(p.name());
      }
    }
    Set<String> services = new LinkedHashSet<>();
    catalog.services().stream().filter(s -> policies.contains(s.escalationPolicy()))
        .forEach(s -> services.add(s.name()));
    return services;
  }

  /** {@code 12 hours}, {@code 1 hour 30 minutes}, {@code 45 minutes}. */
  static String human(Duration d) {
    long minutes = Math.max(0, (d.toSeconds() + 59) / 60);
    long hours = minutes / 60;
    minutes %= 60;
    List<String> parts = new ArrayList<>();
    if (hours > 0) {
      parts.add(hours + (hours == 1 ? " hour" : " hours"));
    }
    if (minutes > 0 || hours == 0) {
      parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
    }
    return String.join(" ", parts);
  }
}
