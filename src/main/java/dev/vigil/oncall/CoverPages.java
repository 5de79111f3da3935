package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.SignedIn;
import dev.vigil.system.InvalidException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.FormTimes;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Cover for" a person on a shift that has not ended: a form prefilled with the shift's times in the reader's zone
 * and the reader's linked user as the one who covers (or another member of the schedule's teams), which makes one
 * override replacing that person, through the same checks as the API's overrides.
 */
@UiController
class CoverPages {

  /** How a time is written in the form's fields ({@code datetime-local}): to the minute. */
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
  /** The form shows times to the minute, so a time typed within a minute of the shift's own edge means that edge. */
  private static final Duration EDGE = Duration.ofMinutes(1);

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final ScheduleChanges changes;
  private final Clock clock;

  CoverPages(CatalogQueries catalog, OnCallService onCall, ScheduleChanges changes, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.changes = changes;
    this.clock = clock;
  }

  /** The shift being covered, as the schedule has it now. */
  private record Covered(Catalog.Schedule schedule, String person, Instant start, Instant end, Shift shift) {}

  @GetMapping("/schedules/{name}/cover")
  String form(@PathVariable String name, @RequestParam(required = false) String start,
      @RequestParam(required = false) String end, @RequestParam(required = false) String person,
      @RequestParam(required = false) String week, @AuthenticationPrincipal SignedIn me, Model model) {
    Covered covered = covered(name, start, end, person);
    ZoneId zone = SchedulePages.zone(catalog, me, covered.schedule());
    Instant now = clock.instant();
    Map<String, String> form = new LinkedHashMap<>();
    String mine = me.userName();
    form.put("who", mine != null && choices(covered).contains(mine) && !covered.shift().users().contains(mine)
        ? mine : "");
    form.put("from", FormTimes.field(covered.start().isBefore(now) ? now : covered.start(), zone));
    form.put("to", FormTimes.field(covered.end(), zone));
    return show(model, covered, week, form, Map.of(), zone);
  }

  /**
   * Puts {@code who} on call in place of {@code person} from {@code from} to {@code to} (typed in the reader's zone,
   * within the shift from {@code start} to {@code end}); what has passed stays as it was, so a cover under way starts
   * now and one that would end in the past is refused.
   */
  @PostMapping("/schedules/{name}/cover")
  String cover(@PathVariable String name, @RequestParam(required = false) String start,
      @RequestParam(required = false) String end, @RequestParam(required = false) String person,
      @RequestParam(required = false) String who, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String week, Model model,
      @AuthenticationPrincipal SignedIn me, HttpServletResponse response, RedirectAttributes flash) {
    Covered covered = covered(name, start, end, person);
    ZoneId zone = SchedulePages.zone(catalog, me, covered.schedule());
    Map<String, String> errors = new LinkedHashMap<>();
    if (who == null || who.isBlank()) {
      errors.put("who", "who: choose who covers for " + covered.person());
    } else if (!choices(covered).contains(who)) {
      errors.put("who", "who: '" + who + "' is not a member of the teams of schedule " + name);
    } else if (covered.shift().users().contains(who)) {
      errors.put("who", "who: " + who + " is already on call in this shift");
    }
    Instant a = edge(time("from", from, zone, errors), covered.start());
    Instant b = edge(time("to", to, zone, errors), covered.end());
    if (a != null && b != null) {
      if (!b.isAfter(a)) {
        errors.put("to", "to: " + FormTimes.shown(b, zone) + " is not after the start "
            + FormTimes.shown(a, zone));
      } else if (a.isBefore(covered.start()) || b.isAfter(covered.end())) {
        errors.put(a.isBefore(covered.start()) ? "from" : "to", (a.isBefore(covered.start()) ? "from" : "to")
            + ": the cover must lie within the shift, " + span(covered.start(), covered.end(), zone));
      }
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("who", who);
      form.put("from", from);
      form.put("to", to);
      return show(model, covered, week, form, errors, zone);
    }
    Instant now = clock.instant();
    if (!b.isAfter(now)) {
      throw new RefusedException("the cover from " + moment(a, zone) + " to " + moment(b, zone) + " (" + zone.getId()
          + ") would end in the past; only time still to come can be covered");
    }
    Instant since = a.isBefore(now) ? now : a;
    changes.addOverride(name, new ScheduleChanges.OverrideRequest(since.toString(), b.toString(), who,
        covered.person(), "covering for " + covered.person() + " in the web UI"), me.actor());
    flash.addFlashAttribute("notice", who + " covers for " + covered.person() + " from "
        + (since.equals(now) ? "now" : moment(since, zone)) + " to " + moment(b, zone) + " (" + zone.getId() + ").");
    return SchedulePages.back(name, week);
  }

  /**
   * The shift from {@code start} to {@code end} with {@code person} on call, if it is still exactly one shift of
   * the schedule and has not ended: a 409 otherwise, as "take this shift" answers.
   */
  private Covered covered(String name, String start, String end, String person) {
    Catalog.Schedule schedule = changes.schedule(name).object();
    Instant from = Times.parse(start, "start", ZoneOffset.UTC);
    Instant to = Times.parse(end, "end", ZoneOffset.UTC);
    if (!to.isAfter(from)) {
      throw new InvalidException("end: must be after start");
    }
    if (Duration.between(from, to).compareTo(OnCallService.MAX_RANGE) > 0) {
      throw new InvalidException("start, end: a shift covered here spans at most 366 days");
    }
    if (person == null || person.isBlank()) {
      throw new InvalidException("person: required, the person on call who is covered for");
    }
    ZoneId zone = ZoneId.of(schedule.timeZone());
    if (!to.isAfter(clock.instant())) {
      throw new RefusedException("the shift from " + moment(from, zone) + " to " + moment(to, zone) + " ("
          + zone.getId() + ") has ended; only a shift that has not ended can be covered");
    }
    List<Shift> shifts = onCall.schedule(name, from, to).orElseThrow().shifts(from, to);
    if (shifts.size() != 1 || !shifts.getFirst().start().equals(from) || !shifts.getFirst().end().equals(to)
        || !shifts.getFirst().users().contains(person)) {
      throw new RefusedException("the shifts from " + from + " to " + to + " changed since the page was shown, or "
          + person + " is not on call in them; reload it and try again");
    }
    return new Covered(schedule, person, from, to, shifts.getFirst());
  }

  /** Who may cover: the members of every team one of the schedule's people belongs to, by name. */
  private List<String> choices(Covered covered) {
    TreeSet<String> people = new TreeSet<>();
    covered.schedule().layers().forEach(l -> people.addAll(l.participants()));
    people.addAll(covered.shift().users());
    TreeSet<String> members = new TreeSet<>();
    catalog.all(CatalogKind.TEAM, Catalog.Team.class).stream().map(m -> m.object().members())
        .filter(m -> m.stream().anyMatch(people::contains)).forEach(members::addAll);
    return List.copyOf(members);
  }

  private String show(Model model, Covered covered, String week, Map<String, String> form,
      Map<String, String> errors, ZoneId zone) {
    model.addAttribute("schedule", covered.schedule());
    model.addAttribute("person", covered.person());
    model.addAttribute("shiftStart", covered.start());
    model.addAttribute("shiftEnd", covered.end());
    model.addAttribute("shiftSpan", span(covered.start(), covered.end(), zone));
    model.addAttribute("onCall", covered.shift().users());
    model.addAttribute("choices", choices(covered).stream().filter(u -> !u.equals(covered.person())).toList());
    model.addAttribute("week", week != null && week.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? week : null);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("section", "schedules");
    return "oncall/cover";
  }

  /** A time typed within a minute of the shift's own edge is that edge: the form shows times to the minute. */
  private static Instant edge(Instant typed, Instant edge) {
    return typed != null && Duration.between(typed, edge).abs().compareTo(EDGE) < 0 ? edge : typed;
  }

  /** A time typed in the reader's zone, or with its offset; null, with the problem noted, when it does not parse. */
  private static Instant time(String field, String text, ZoneId zone, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      errors.put(field, field + ": required, a time such as 2026-01-05T09:00 in " + zone.getId());
      return null;
    }
    try {
      return Times.parse(text, field, zone);
    } catch (InvalidException e) {
      errors.put(field, field + ": '" + text + "' is not a time; write it as 2026-01-05T09:00, in " + zone.getId());
      return null;
    }
  }

  private static String span(Instant start, Instant end, ZoneId zone) {
    return moment(start, zone) + " to " + moment(end, zone) + " (" + zone.getId() + ")";
  }

  private static String moment(Instant instant, ZoneId zone) {
    return MOMENT.format(instant.atZone(zone));
  }
}
