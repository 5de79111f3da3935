package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.SignedIn;
import dev.vigil.system.InvalidException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.Formats;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The schedule pages: every schedule with who is on call now and next, the escalation policies as their steps, and a
 * week of one schedule's final shifts in the reader's zone (the schedule's for a reader without one), where a responder takes a shift or removes an override made
 * outside the config file, each in one form post answered with a redirect; above the list, the same week (or two)
 * drawn as a timeline of layers, overrides and final shifts in the reader's zone.
 */
@UiController
class SchedulePages {

  /** How far ahead "next on call" looks. */
  static final Duration LOOK_AHEAD = Duration.ofDays(28);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final ScheduleChanges changes;
  private final OnCallRepository repository;
  private final Clock clock;

  SchedulePages(CatalogQueries catalog, OnCallService onCall, ScheduleChanges changes, OnCallRepository repository,
      Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.changes = changes;
    this.repository = repository;
    this.clock = clock;
  }

  /** A schedule in the list: who is on call now (empty in a gap) and who comes next, from when. */
  record ScheduleRow(String name, String description, String timeZone, List<String> now, List<String> next,
      Instant nextFrom) {}

  /** An escalation policy as its steps. */
  record PolicyView(String name, String description, int repeat, String ackTimeout, List<StepView> steps) {}

  /** One step: whom it pages (as "schedule x", "user y", "team z"), and how long it waits for an acknowledgement. */
  record StepView(int number, String delay, List<String> targets) {}

  /** A day of the week shown, with the pieces of shifts and gaps that fall in it. */
  record Day(String title, LocalDate date, List<Entry> entries) {}

  /**
   * A shift or a gap as a day shows it: clipped to the day ({@code from}, {@code to} in the zone the page is read in), with
   * the whole shift's {@code start} and {@code end} for taking it on any of its days; {@code open} while the shift has
   * not ended, the only time it can still be taken.
   */
  record Entry(String from, String to, boolean gap, List<String> users, String layer, String temporary,
      List<String> overrides, Instant start, Instant end, String span, boolean open) {}

  /** An override overlapping the week; {@code file} ones belong to the config file and cannot be removed here. */
  record OverrideRow(String id, String add, String remove, String from, String to, String note, String createdBy,
      boolean file) {}

  @GetMapping("/schedules")
  String schedules(Model model) {
    Instant now = clock.instant();
    Instant until = now.plus(LOOK_AHEAD);
    List<ScheduleRow> rows = new ArrayList<>();
    Map<String, FinalSchedule> all = onCall.schedules(now, until);
    catalog.all(CatalogKind.SCHEDULE, Catalog.Schedule.class).forEach(m -> {
      FinalSchedule schedule = all.get(m.object().name());
      List<Shift> shifts = schedule.shifts(now, until);
      List<String> current = Shift.onCallAt(shifts, now);
      Shift next = Shift.nextHandoff(shifts, now).orElse(null);
      rows.add(new ScheduleRow(m.object().name(), m.object().description(), m.object().timeZone(), current,
          next == null ? List.of() : next.users(), next == null ? null : next.start()));
    });
    model.addAttribute("schedules", rows);
    model.addAttribute("policies", catalog.all(CatalogKind.ESCALATION_POLICY, Catalog.EscalationPolicy.class)
        .stream().map(m -> policy(m.object())).toList());
    return "oncall/schedules";
  }

  private static PolicyView policy(Catalog.EscalationPolicy p) {
    List<StepView> steps = new ArrayList<>();
    for (int i = 0; i < p.steps().size(); i++) {
      Catalog.EscalationStep step = p.steps().get(i);
      steps.add(new StepView(i + 1, step.delay() == null || step.delay().isZero() ? "no wait"
          : Formats.duration(step.delay()), step.targets().stream().map(SchedulePages::target).toList()));
    }
    return new PolicyView(p.name(), p.description(), p.repeat(),
        p.ackTimeout() == null ? null : Formats.duration(p.ackTimeout()), steps);
  }

  private static String target(Catalog.Target t) {
    return t.user() != null ? "user " + t.user() : t.schedule() != null ? "schedule " + t.schedule()
        : "team " + t.team();
  }

  @GetMapping("/schedules/{name}")
  String schedule(@PathVariable String name, @RequestParam(required = false) String week,
      @RequestParam(required = false) String weeks, @AuthenticationPrincipal SignedIn me, Model model) {
    Catalog.Schedule declared = changes.schedule(name).object();
    ZoneId zone = zone(catalog, me, declared);
    LocalDate monday = monday(week, zone);
    int length = weeks(weeks);
    Instant from = LocalClock.instant(monday.atStartOfDay(), zone);
    Instant to = LocalClock.instant(monday.plusWeeks(length).atStartOfDay(), zone);
    FinalSchedule schedule = onCall.schedule(name, from, to).orElseThrow();
    List<Shift> shifts = schedule.shifts(from, to);
    List<Gap> gaps = schedule.gaps(from, to);
    List<Day> days = new ArrayList<>();
    Instant now = clock.instant();
    for (int d = 0; d < 7 * length; d++) {
      LocalDate date = monday.plusDays(d);
      Instant dayStart = LocalClock.instant(date.atStartOfDay(), zone);
      Instant dayEnd = LocalClock.instant(date.plusDays(1).atStartOfDay(), zone);
      List<Entry> entries = new ArrayList<>();
      for (Shift s : shifts) {
        if (s.start().isBefore(dayEnd) && s.end().isAfter(dayStart)) {
          entries.add(entry(s.start(), s.end(), false, s.users(), s.layer(), s.temporary(), s.overrides(), dayStart,
              dayEnd, now, zone));
        }
      }
      for (Gap g : gaps) {
        if (g.start().isBefore(dayEnd) && g.end().isAfter(dayStart)) {
          entries.add(entry(g.start(), g.end(), true, List.of(), null, null, List.of(), dayStart, dayEnd, now,
              zone));
        }
      }
      entries.sort((a, b) -> a.start().compareTo(b.start()));
      days.add(new Day(DAY.format(date), date, entries));
    }
    List<OverrideRow> overrides = new ArrayList<>();
    List<Catalog.ScheduleOverride> fileOverrides = declared.overrides();
    List<ShiftOverride> models = FinalSchedule.declaredOverrides(declared);
    for (int i = 0; i < models.size(); i++) {
      ShiftOverride o = models.get(i);
      if (o.end().isAfter(from) && o.start().isBefore(to)) {
        overrides.add(new OverrideRow(o.id(), o.add(), o.remove(), moment(o.start(), zone), moment(o.end(), zone),
            fileOverrides.get(i).note(), null, true));
      }
    }
    repository.overrides(name, from, to).forEach(o -> overrides.add(new OverrideRow(String.valueOf(o.id()), o.add(),
        o.remove(), moment(o.start(), zone), moment(o.end(), zone), o.note(), o.createdBy(), false)));
    model.addAttribute("timeline", timeline(declared, monday, length, zone));
    model.addAttribute("readerZone", zone.getId());
    model.addAttribute("weeks", length);
    model.addAttribute("schedule", declared);
    model.addAttribute("days", days);
    model.addAttribute("overrides", overrides);
    model.addAttribute("week", monday);
    model.addAttribute("previousWeek", monday.minusWeeks(1));
    model.addAttribute("nextWeek", monday.plusWeeks(1));
    model.addAttribute("thisWeek", monday(null, zone));
    model.addAttribute("taker", me != null && me.responder() && me.userName() != null ? me.userName() : null);
    return "oncall/schedule";
  }

  /** How many weeks the page shows: one, or two when asked. */
  private static int weeks(String weeks) {
    if (weeks == null || weeks.isBlank() || weeks.equals("1")) {
      return 1;
    }
    if (weeks.equals("2")) {
      return 2;
    }
    throw new InvalidException("weeks: 1 or 2, got '" + weeks + "'");
  }

  /**
   * The weeks from {@code monday} drawn from midnight to midnight in the reader's zone: each layer's own shifts (the
   * layer alone, as the one algorithm computes it), every override of the schedule, and the final shifts.
   */
  private ScheduleTimeline.Drawing timeline(Catalog.Schedule declared, LocalDate monday, int length, ZoneId reader) {
    Instant from = LocalClock.instant(monday.atStartOfDay(), reader);
    Instant to = LocalClock.instant(monday.plusWeeks(length).atStartOfDay(), reader);
    Map<String, List<Shift>> layers = new LinkedHashMap<>();
    for (int i = 0; i < declared.layers().size(); i++) {
      Catalog.Layer layer = declared.layers().get(i);
      layers.put(layer.name() == null ? String.valueOf(i + 1) : layer.name(), FinalSchedule.of(new Catalog.Schedule(
          declared.name(), null, declared.timeZone(), List.of(layer))).shifts(from, to));
    }
    List<ScheduleTimeline.OverrideSpan> overrides = new ArrayList<>();
    FinalSchedule.declaredOverrides(declared).stream().filter(o -> o.end().isAfter(from) && o.start().isBefore(to))
        .forEach(o -> overrides.add(new ScheduleTimeline.OverrideSpan(o.id(), o.start(), o.end(), o.add(),
            o.remove())));
    repository.overrides(declared.name(), from, to).forEach(o -> overrides.add(new ScheduleTimeline.OverrideSpan(
        String.valueOf(o.id()), o.start(), o.end(), o.add(), o.remove())));
    List<String> users = catalog.all(CatalogKind.USER, Catalog.User.class).stream().map(m -> m.object().name())
        .sorted().toList();
    Map<String, Integer> colours = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      colours.put(users.get(i), i);
    }
    return ScheduleTimeline.draw(from, to, reader, clock.instant(), layers, overrides,
        onCall.schedule(declared.name(), from, to).orElseThrow().shifts(from, to), colours);
  }

  /**
   * The zone a schedule's times are read in: the reader's, as every other time on the pages; for a reader who
   * declared none, the schedule's own, where its rotations turn, rather than UTC.
   */
  static ZoneId zone(CatalogQueries catalog, SignedIn me, Catalog.Schedule schedule) {
    ZoneId own = ZoneId.of(schedule.timeZone());
    return me == null || me.userName() == null ? own
        : catalog.one(CatalogKind.USER, me.userName(), Catalog.User.class).flatMap(u -> u.object().zone()).orElse(own);
  }

  /** The Monday of the week holding {@code week} (YYYY-MM-DD), or of this week, in {@code zone}. */
  private LocalDate monday(String week, ZoneId zone) {
    LocalDate date;
    if (week == null || week.isBlank()) {
      date = LocalDate.ofInstant(clock.instant(), zone);
    } else {
      try {
        date = LocalDate.parse(week);
      } catch (DateTimeException e) {
        throw new InvalidException("week: expected a date as YYYY-MM-DD, got '" + week + "'");
      }
      if (date.getYear() < 1970 || date.getYear() > 9000) {
        throw new InvalidException("week: '" + week + "' is out of range (years 1970 to 9000)");
      }
    }
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static Entry entry(Instant start, Instant end, boolean gap, List<String> users, String layer,
      String temporary, List<String> overrides, Instant dayStart, Instant dayEnd, Instant now, ZoneId zone) {
    String from = start.isAfter(dayStart) ? TIME.format(start.atZone(zone)) : "00:00";
    String to = end.isBefore(dayEnd) ? TIME.format(end.atZone(zone)) : "24:00";
    return new Entry(from, to, gap, users, layer, temporary, overrides, start, end,
        moment(start, zone) + " to " + moment(end, zone), end.isAfter(now));
  }

  private static String moment(Instant instant, ZoneId zone) {
    ZonedDateTime t = instant.atZone(zone);
    return MOMENT.format(t);
  }

  /**
   * Takes the shift that runs exactly from {@code start} to {@code end} now: if the shifts changed since the page was
   * shown (someone took it first), nothing is done and the page says so.
   */
  @PostMapping("/schedules/{name}/take")
  String take(@PathVariable String name, @RequestParam String start, @RequestParam String end,
      @RequestParam(required = false) String week, @AuthenticationPrincipal SignedIn me, RedirectAttributes flash) {
    ZoneId zone = ZoneId.of(changes.schedule(name).object().timeZone());
    if (me.userName() == null) {
      throw new InvalidException("your account is not linked to a catalog user, so it cannot be on call;"
          + " an admin can link it under Accounts");
    }
    Instant from = Times.parse(start, "start", ZoneOffset.UTC);
    Instant to = Times.parse(end, "end", ZoneOffset.UTC);
    if (!to.isAfter(from)) {
      throw new InvalidException("end: must be after start");
    }
    if (Duration.between(from, to).compareTo(OnCallService.MAX_RANGE) > 0) {
      throw new InvalidException("start, end: a shift taken here spans at most 366 days");
    }
    List<Shift> now = onCall.schedule(name, from, to).orElseThrow().shifts(from, to);
    List<String> people = now.isEmpty() ? List.of() : now.getFirst().users();
    if (now.size() > 1 || (now.size() == 1 && (!now.getFirst().start().equals(from)
        || !now.getFirst().end().equals(to)))) {
      throw new RefusedException("the shifts from " + from + " to " + to + " changed since the page was shown;"
          + " reload it and try again");
    }
    // What has passed stays as it was: the override covers what is left of the shift, and a shift that has ended
    // cannot be taken (an override in the past would rewrite who was paged).
    Instant current = clock.instant();
    if (!to.isAfter(current)) {
      throw new RefusedException("the shift from " + moment(from, zone) + " to " + moment(to, zone) + " ("
          + zone.getId() + ") has ended; only a shift that has not ended can be taken");
    }
    Instant since = from.isBefore(current) ? current : from;
    changes.takeShift(name, since, to, people, me.userName(), "taken in the web UI");
    flash.addFlashAttribute("notice", "You are on call from " + (since.equals(current) ? "now" : moment(since, zone))
        + " to " + moment(to, zone) + " (" + zone.getId() + ").");
    return back(name, week);
  }

  @PostMapping("/schedules/{name}/overrides/{id}/remove")
  String remove(@PathVariable String name, @PathVariable String id, @RequestParam(required = false) String week,
      RedirectAttributes flash) {
    changes.deleteOverride(name, id);
    flash.addFlashAttribute("notice", "Override " + id + " removed.");
    return back(name, week);
  }

  static String back(String name, String week) {
    String path = "/schedules/" + UriUtils.encodePathSegment(name, java.nio.charset.StandardCharsets.UTF_8);
    if (week != null && week.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      path += "?week=" + week;
    }
    return "redirect:" + path;
  }
}
